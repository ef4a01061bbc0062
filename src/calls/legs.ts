/**
 * Calls that are two legs of one conversation: a createCall, invitation or transfer to a number
 * the app owns, answered by an app with answerCall. Each side names the participant that stands
 * for the other leg, so when one side leaves, the other learns it.
 */

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
