/**
 * Calls that are two legs of one conversation: a createCall, invitation or transfer to a number
 * the app owns, answered by an app with answerCall. Each side names the participant that stands
 * for the other leg, so when one side leaves, the other learns it.
 */
import type { Call } from '../domain/call.js';
import type { CallInput } from '../domain/call-machine.js';
import type { ApplyResult } from './call-results.js';

export interface LegEnd {
  callConnectionId: string;
  /** Raw id of the participant in this call that is the other leg. */
  participant: string;
}

export class Legs {
  /** `${callConnectionId} ${participant}` -> the other end. */
  private readonly ends = new Map<string, LegEnd>();

  private static key(end: LegEnd): string {
    return `${end.callConnectionId} ${end.participant}`;
  }

  get size(): number {
    return this.ends.size;
  }

  link(a: LegEnd, b: LegEnd): void {
    this.ends.set(Legs.key(a), b);
    this.ends.set(Legs.key(b), a);
  }

  /** The other end of `end`, unlinking both sides. */
  take(end: LegEnd): LegEnd | undefined {
    const other = this.ends.get(Legs.key(end));
    if (!other) return undefined;
    this.ends.delete(Legs.key(end));
    this.ends.delete(Legs.key(other));
    return other;
  }

  /** The participant moved to another call: its leg now ends there. */
  move(from: LegEnd, toCallConnectionId: string): void {
    const other = this.take(from);
    if (other) this.link({ ...from, callConnectionId: toCallConnectionId }, other);
  }

  peer(end: LegEnd): LegEnd | undefined {
    return this.ends.get(Legs.key(end));
  }

  clear(): void {
    this.ends.clear();
  }
}

/**
 * Participants that left this call and were another call's leg: that leg ends as removed when
 * the app removed them, otherwise its remote party left.
 */
export function followLegs(
  legs: Legs,
  apply: (id: string, input: CallInput) => ApplyResult,
  step: { before: Call; after: Call; input: CallInput; at: number },
): void {
  const { before, after, input, at } = step;
  const present = new Set(after.participants.map((p) => p.identifier.rawId));
  const ended = after.state === 'disconnected';
  const leaving = before.participants
    .map((p) => p.identifier.rawId)
    .filter((rawId) => ended || !present.has(rawId));
  const removed =
    input.type === 'participants' && input.input.type === 'remove'
      ? input.input.participant
      : undefined;
  for (const participant of leaving) {
    const peer = legs.take({ callConnectionId: after.callConnectionId, participant });
    if (!peer) continue;
    if (participant === removed) {
      apply(peer.callConnectionId, { type: 'end', reason: 'removed', at });
    } else {
      const leave = { type: 'leave' as const, participant: peer.participant };
      const result = apply(peer.callConnectionId, {
        type: 'participants',
        input: leave,
        at,
      });
      // A leg that has not connected yet, or lists nobody else, ends as the remote party left.
      if (!result.ok && result.rejection.reason !== 'ended')
        apply(peer.callConnectionId, { type: 'end', reason: 'remoteHangUp', at });
    }
  }
}
