/**
 * The call service: runs the pure call machine against the store, keeps the new state, turns emit
 * effects into CloudEvents handed to the event sink (the fault layer, then delivery), and runs the
 * machines' timers on the injectable clock. Route handlers and the control API both go through
 * here, and every call comes to exist through {@link CallRuntime.admit}.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Call } from '../domain/call.js';
import {
  stepCall,
  type CallEffect,
  type CallInput,
  type Rejection,
} from '../domain/call-machine.js';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { newGuid, newServerCallId, newToken } from '../domain/ids.js';
import { IncomingCalls, type IncomingCall, type IncomingOrigin } from '../domain/incoming-calls.js';
import type { Invitation } from '../domain/invitation.js';
import type { OperationFields } from '../domain/participants-machine.js';
import { isOwnedParty } from '../domain/resource-identity.js';
import type { Tone } from '../domain/tones.js';
import { buildEventData } from '../events/catalogue.js';
import { buildCloudEvent } from '../events/cloud-event.js';
import type { EventSink } from '../events/event-sink.js';
import { identifierFromRawId, type Identifier } from '../schemas/identifier.js';
import { CallStore } from './call-store.js';
import type { IncomingCallNotifier } from './incoming-call-notifier.js';
import { Legs, type LegEnd } from './legs.js';
import { PartyRules, type PartyPlan } from './party-rules.js';

/** The tone phase of fault injection, as the call service needs it. */
export interface ToneFaults {
  toneFailure(callConnectionId: string, participant: string): ForcedOutcome | undefined;
}

export interface CallRuntimeOptions {
  clock: Clock;
  events: EventSink;
  connectDelayMs: number;
  /** --max-calls: live and remembered calls together; ended calls are forgotten first. */
  maxCalls: number;
  faults?: ToneFaults;
  /** How the people on the other end answer (a store registered in state.ts). */
  parties?: PartyRules;
  /** Sends an IncomingCall to its webhook. */
  notifyIncoming?: IncomingCallNotifier;
  /** --acs-resource-id: its users are inside the emulator. */
  resourceId?: string;
  /** --owned-numbers */
  ownedNumbers?: readonly string[];
  /** --incoming-call-timeout-ms: how long an incoming call or invitation rings by default. */
  ringTimeoutMs?: number;
  /** --incoming-call-webhook: where IncomingCall goes ('' for nowhere). */
  incomingCallWebhook?: string;
}

/** An IncomingCall to raise: the control API's simulated caller, or a call to an owned party. */
export interface IncomingSpec {
  from: Identifier;
  to: Identifier;
  callerDisplayName?: string;
  customContext?: Record<string, unknown>;
  /** The webhook; the --incoming-call-webhook when absent, none when that is empty. */
  webhookUrl?: string;
  /** How long it rings; --incoming-call-timeout-ms when absent. */
  ringMs?: number;
  origin?: IncomingOrigin;
}

/** An addParticipant or transfer invitation, as the handler read it from the request. */
export interface InviteSpec extends OperationFields {
  kind: Invitation['kind'];
  participant: Identifier;
  transferee?: Identifier;
  /** invitationTimeoutInSeconds in ms; --incoming-call-timeout-ms when absent. */
  timeoutMs?: number;
  sourceCallerIdNumber?: string;
  sourceDisplayName?: string;
  /** A failOperation fault rule: the invitation fails with this result. */
  failure?: ForcedOutcome;
}

export type Admission =
  { ok: true; call: Call } | { ok: false; reason: 'callLimit'; limit: number };

export type ApplyResult =
  { ok: true; call: Call } | { ok: false; rejection: Rejection | { reason: 'notFound' } };

const CONNECT_TIMER = 'connect';

export class CallRuntime {
  private readonly store = new CallStore();
  readonly incoming = new IncomingCalls();
  readonly parties: PartyRules;
  /** Calls that are two legs of one conversation (a call to an owned party, answered). */
  readonly legs = new Legs();
  /** Pending timers per call, by key; a call without timers has no entry. */
  private readonly timers = new Map<string, Map<string, TimerHandle>>();
  private pressSeq = 0;

  private readonly clock: Clock;

  constructor(private readonly options: CallRuntimeOptions) {
    this.clock = options.clock;
    this.parties = options.parties ?? new PartyRules();
  }

  private get ringTimeoutMs(): number {
    return this.options.ringTimeoutMs ?? 30_000;
  }

  /** A phone number the app owns or a user of this resource: calls to it raise an IncomingCall. */
  isOwned(party: Identifier): boolean {
    return isOwnedParty(party, this.options.resourceId ?? '', this.options.ownedNumbers ?? []);
  }

  get(id: string): Call | undefined {
    return this.store.get(id);
  }

  list(): Call[] {
    return this.store.list();
  }

  /** Calls remembered, live and ended. */
  get size(): number {
    return this.store.size;
  }

  /**
   * The one way a call comes to exist (createCall, answerCall, and whatever adds calls later):
   * makes room under --max-calls, forgetting the oldest ended calls first (a live call is never
   * dropped), then builds the call, stores it in `connecting` and schedules its connection.
   * `build` runs only when there is room, so a refused call consumes nothing (e.g. an incoming
   * call stays ringing); what it throws goes to the caller.
   */
  admit(build: () => Call, plan?: PartyPlan): Admission {
    const limit = this.options.maxCalls;
    if (!this.makeRoom(limit)) return { ok: false, reason: 'callLimit', limit };
    const call = build();
    this.store.put(call);
    const { answer, afterMs } = plan ?? { answer: 'accept', afterMs: this.options.connectDelayMs };
    this.schedule(call.callConnectionId, CONNECT_TIMER, afterMs, () => {
      const at = this.clock.now();
      this.apply(
        call.callConnectionId,
        answer === 'accept'
          ? { type: 'connected', at }
          : { type: 'connectFailed', outcome: answer, at },
      );
    });
    return { ok: true, call };
  }

  /**
   * createCall: the callee's party rule decides when (and whether) it answers; a callee the app
   * owns rings as an IncomingCall until an app answers it or the ringing times out (then its rule
   * decides).
   */
  dial(build: () => Call, callee: Identifier): Admission {
    const owned = this.isOwned(callee);
    const plan = this.parties.plan(callee.rawId, this.options.connectDelayMs);
    const admitted = this.admit(build, owned ? { ...plan, afterMs: this.ringTimeoutMs } : plan);
    if (admitted.ok && owned) {
      const call = admitted.call;
      this.raiseIncoming({
        from: this.callerOf(call, call.sourceCallerIdNumber?.value),
        to: callee,
        ...(call.sourceDisplayName !== undefined
          ? { callerDisplayName: call.sourceDisplayName }
          : {}),
        origin: { callConnectionId: call.callConnectionId },
      });
    }
    return admitted;
  }

  /** Who an owned party sees calling: the caller id number given, or the app's own identity. */
  private callerOf(call: Call, phone: string | undefined): Identifier {
    if (phone !== undefined) return identifierFromRawId(`4:${phone}`);
    return call.self ?? call.participants[0]?.identifier ?? identifierFromRawId('8:acs:unknown');
  }

  /** Stores a ringing IncomingCall and sends it to the webhook. */
  raiseIncoming(spec: IncomingSpec): IncomingCall {
    const now = this.clock.now();
    const webhookUrl = spec.webhookUrl ?? (this.options.incomingCallWebhook || undefined);
    const incoming: IncomingCall = {
      incomingCallContext: newToken(32),
      serverCallId: newServerCallId(),
      correlationId: newGuid(),
      from: spec.from,
      to: spec.to,
      ...(spec.callerDisplayName !== undefined
        ? { callerDisplayName: spec.callerDisplayName }
        : {}),
      ...(spec.customContext ? { customContext: spec.customContext } : {}),
      status: 'ringing',
      createdAt: now,
      expiresAt: now + (spec.ringMs ?? this.ringTimeoutMs),
      ...(webhookUrl !== undefined
        ? { webhook: { url: webhookUrl, status: 'pending' as const, attempts: 0 } }
        : {}),
      ...(spec.origin ? { origin: spec.origin } : {}),
    };
    this.incoming.add(incoming);
    this.options.notifyIncoming?.(incoming);
    return incoming;
  }

  /**
   * addParticipant and transfer: the invitation rings; the party's rule decides, or, for a party
   * the app owns, an app answering the IncomingCall (its rule decides when the ringing times out).
   */
  invite(id: string, spec: InviteSpec): ApplyResult & { invitationId: string } {
    const invitationId = newGuid();
    const timeoutMs = spec.timeoutMs ?? this.ringTimeoutMs;
    const owned = this.isOwned(spec.participant);
    const rule = this.parties.plan(spec.participant.rawId, this.options.connectDelayMs);
    const plan = owned ? { ...rule, afterMs: timeoutMs } : rule;
    const invitation: Invitation = {
      invitationId,
      kind: spec.kind,
      participant: spec.participant,
      ...(spec.transferee ? { transferee: spec.transferee } : {}),
      status: 'ringing',
      ...(spec.operationContext !== undefined ? { operationContext: spec.operationContext } : {}),
      ...(spec.callbackUri !== undefined ? { callbackUri: spec.callbackUri } : {}),
      ...(spec.sourceCallerIdNumber !== undefined
        ? { sourceCallerIdNumber: spec.sourceCallerIdNumber }
        : {}),
      ...(spec.sourceDisplayName !== undefined
        ? { sourceDisplayName: spec.sourceDisplayName }
        : {}),
      createdAt: this.clock.now(),
    };
    const input = {
      type: 'invite' as const,
      invitation,
      ...plan,
      timeoutMs,
      ...(spec.failure ? { failure: spec.failure } : {}),
    };
    const result = this.apply(id, { type: 'participants', input, at: this.clock.now() });
    if (result.ok && owned) {
      this.raiseIncoming({
        from: spec.transferee ?? this.callerOf(result.call, spec.sourceCallerIdNumber),
        to: spec.participant,
        ...(spec.sourceDisplayName !== undefined
          ? { callerDisplayName: spec.sourceDisplayName }
          : {}),
        ringMs: timeoutMs,
        origin: { callConnectionId: id, invitationId },
      });
    }
    return { ...result, invitationId };
  }

  /**
   * An app answered or rejected an IncomingCall the emulator raised for an owned party: the call
   * or invitation that dialled it connects (and the two calls become legs of one conversation) or
   * is declined.
   */
  incomingTaken(incoming: IncomingCall): void {
    const origin = incoming.origin;
    if (!origin) return;
    const at = this.clock.now();
    const accepted = incoming.status === 'answered' && incoming.callConnectionId !== undefined;
    const newLeg: LegEnd | undefined = accepted
      ? { callConnectionId: incoming.callConnectionId as string, participant: incoming.from.rawId }
      : undefined;
    const dialled: LegEnd = {
      callConnectionId: origin.callConnectionId,
      participant: incoming.to.rawId,
    };
    if (origin.invitationId === undefined) {
      this.cancelTimer(origin.callConnectionId, CONNECT_TIMER);
      if (newLeg) this.legs.link(dialled, newLeg);
      this.apply(
        origin.callConnectionId,
        accepted ? { type: 'connected', at } : { type: 'connectFailed', outcome: 'decline', at },
      );
      return;
    }
    const invitation = this.get(origin.callConnectionId)?.invitations?.find(
      (i) => i.invitationId === origin.invitationId,
    );
    if (newLeg && invitation?.kind === 'transfer') {
      // The transferee's own leg, if it is another call here, now ends in the new call.
      this.legs.move(
        { callConnectionId: origin.callConnectionId, participant: incoming.from.rawId },
        newLeg.callConnectionId,
      );
    } else if (newLeg) {
      this.legs.link(dialled, newLeg);
    }
    const outcome = accepted ? ('accept' as const) : ('decline' as const);
    const input = { type: 'inviteOutcome' as const, invitationId: origin.invitationId, outcome };
    this.apply(origin.callConnectionId, { type: 'participants', input, at });
  }

  /**
   * moveParticipants: those in a live `fromId` join `toId` (MoveParticipantSucceeded, then
   * ParticipantsUpdated on both calls; `fromId` ends when nobody is left), the others get
   * MoveParticipantFailed.
   */
  move(
    toId: string,
    fromId: string,
    participants: readonly Identifier[],
    fields: OperationFields,
  ): ApplyResult {
    const from = this.get(fromId);
    const inFrom = (p: Identifier) =>
      from?.state === 'connected' && from.participants.some((q) => q.identifier.rawId === p.rawId);
    const moving = participants.filter(inFrom);
    const failing = participants.filter((p) => !inFrom(p));
    const at = this.clock.now();
    let result: ApplyResult | undefined;
    if (moving.length > 0) {
      const input = { type: 'moveIn' as const, participants: moving, fromCall: fromId, ...fields };
      result = this.apply(toId, { type: 'participants', input, at });
      if (!result.ok) return result;
    }
    if (failing.length > 0) {
      const input = {
        type: 'moveFailed' as const,
        participants: failing,
        fromCall: fromId,
        ...fields,
      };
      const failed = this.apply(toId, { type: 'participants', input, at });
      if (!failed.ok) return failed;
      result = failed;
    }
    if (moving.length > 0) {
      for (const p of moving)
        this.legs.move({ callConnectionId: fromId, participant: p.rawId }, toId);
      const input = { type: 'moveOut' as const, participants: moving.map((p) => p.rawId) };
      this.apply(fromId, { type: 'participants', input, at });
    }
    return result ?? { ok: false, rejection: { reason: 'notFound' } };
  }

  private makeRoom(limit: number): boolean {
    if (this.store.size < limit) return true;
    const ended = this.store.list().filter((c) => c.state === 'disconnected');
    ended.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
    for (const call of ended.slice(0, this.store.size - limit + 1))
      this.store.delete(call.callConnectionId);
    return this.store.size < limit;
  }

  apply(id: string, input: CallInput): ApplyResult {
    const call = this.store.get(id);
    if (!call) return { ok: false, rejection: { reason: 'notFound' } };
    const step = stepCall(call, input.type === 'tone' ? this.toneFault(call, input) : input);
    if (!step.ok) return step;
    this.store.put(step.call);
    this.run(step.call, step.effects);
    if (step.call.state === 'disconnected') this.cancelTimers(id);
    if (this.legs.size > 0) this.followLegs(call, step.call, input);
    return { ok: true, call: step.call };
  }

  /**
   * Participants that left this call and were another call's leg: that leg ends as removed when
   * the app removed them, otherwise its remote party left.
   */
  private followLegs(before: Call, after: Call, input: CallInput): void {
    const present = new Set(after.participants.map((p) => p.identifier.rawId));
    const ended = after.state === 'disconnected';
    const leaving = before.participants
      .map((p) => p.identifier.rawId)
      .filter((rawId) => ended || !present.has(rawId));
    const removed =
      input.type === 'participants' && input.input.type === 'remove'
        ? input.input.participant
        : undefined;
    const at = this.clock.now();
    for (const participant of leaving) {
      const peer = this.legs.take({ callConnectionId: after.callConnectionId, participant });
      if (!peer) continue;
      if (participant === removed) {
        this.apply(peer.callConnectionId, { type: 'end', reason: 'removed', at });
      } else {
        const leave = { type: 'leave' as const, participant: peer.participant };
        const result = this.apply(peer.callConnectionId, {
          type: 'participants',
          input: leave,
          at,
        });
        // A leg that has not connected yet, or lists nobody else, ends as the remote party left.
        if (!result.ok && result.rejection.reason !== 'ended')
          this.apply(peer.callConnectionId, { type: 'end', reason: 'remoteHangUp', at });
      }
    }
  }

  /**
   * The simulated caller presses `tones` on the call: the first now, each next one `intervalMs`
   * later on the clock. Validation of the first press is returned; later presses on a call that
   * has ended are dropped.
   */
  press(
    id: string,
    participant: string,
    tones: readonly [Tone, ...Tone[]],
    intervalMs: number,
  ): ApplyResult {
    const [first, ...rest] = tones;
    const result = this.apply(id, { type: 'tone', participant, tone: first, at: this.clock.now() });
    if (!result.ok) return result;
    if (intervalMs === 0) {
      for (const tone of rest)
        this.apply(id, { type: 'tone', participant, tone, at: this.clock.now() });
      return result;
    }
    const batch = `press-${++this.pressSeq}`;
    rest.forEach((tone, i) =>
      this.schedule(id, `${batch}-${i}`, intervalMs * (i + 1), () =>
        this.apply(id, { type: 'tone', participant, tone, at: this.clock.now() }),
      ),
    );
    return result;
  }

  /** Forgets every call and incoming call and cancels their pending timers. */
  reset(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimers(id);
    this.store.clear();
    this.incoming.clear();
    this.legs.clear();
  }

  /** A tone that continuous recognition would report gets a failTone rule's failure, if one applies. */
  private toneFault(call: Call, input: Extract<CallInput, { type: 'tone' }>): CallInput {
    if (!this.options.faults || input.fail) return input;
    if (call.state !== 'connected' || call.dtmf[input.participant]?.status !== 'active')
      return input;
    const fail = this.options.faults.toneFailure(call.callConnectionId, input.participant);
    return fail ? { ...input, fail } : input;
  }

  private run(call: Call, effects: readonly CallEffect[]): void {
    const id = call.callConnectionId;
    for (const effect of effects) {
      if (effect.type === 'schedule') {
        const input = effect.input;
        this.schedule(id, effect.key, effect.ms, () =>
          this.apply(id, 'at' in input ? { ...input, at: this.clock.now() } : input),
        );
      } else if (effect.type === 'cancel') {
        this.cancelTimer(id, effect.key);
      } else {
        const data = buildEventData(effect.event, call, {
          operationContext: effect.operationContext,
          resultInformation: effect.resultInformation,
          extra: effect.data,
        });
        const event = buildCloudEvent(effect.event, id, data, this.clock.now());
        this.options.events.enqueue(id, effect.callbackUri ?? call.callbackUri, event, {
          participant: effect.participant,
          faults: effect.fault ? [effect.fault] : undefined,
        });
      }
    }
  }

  private schedule(id: string, key: string, ms: number, fire: () => void): void {
    this.cancelTimer(id, key);
    let timers = this.timers.get(id);
    if (!timers) {
      timers = new Map();
      this.timers.set(id, timers);
    }
    const handle = this.clock.setTimeout(() => {
      this.forget(id, key, handle);
      fire();
    }, ms);
    timers.set(key, handle);
  }

  private cancelTimer(id: string, key: string): void {
    const handle = this.timers.get(id)?.get(key);
    if (!handle) return;
    handle.cancel();
    this.forget(id, key, handle);
  }

  private forget(id: string, key: string, handle: TimerHandle): void {
    const timers = this.timers.get(id);
    if (timers?.get(key) !== handle) return;
    timers.delete(key);
    if (timers.size === 0) this.timers.delete(id);
  }

  private cancelTimers(id: string): void {
    const timers = this.timers.get(id);
    if (!timers) return;
    for (const handle of timers.values()) handle.cancel();
    this.timers.delete(id);
  }
}
