/**
 * The call service: runs the pure call machine against the store, keeps the new state, turns emit
 * effects into CloudEvents handed to the event sink (the fault layer, then delivery), and runs the
 * machines' timers on the injectable clock. Route handlers and the control API both go through
 * here, and every call comes to exist through {@link CallRuntime.admit}.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Call } from '../domain/call.js';
import { compactCall } from '../domain/call-compact.js';
import { stepCall, type CallEffect, type CallInput } from '../domain/call-machine.js';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { IncomingCalls } from '../domain/incoming-calls.js';
import type { Tone } from '../domain/tones.js';
import { toneFate, type ToneFate } from '../domain/tone-fate.js';
import { buildEventData } from '../events/catalogue.js';
import { buildCloudEvent } from '../events/cloud-event.js';
import type { EventSink } from '../events/event-sink.js';
import type { Admission, ApplyResult } from './call-results.js';
import { CallStore } from './call-store.js';
import { CallNetwork } from './call-network.js';
import { followLegs, Legs } from './legs.js';
import { PartyRules, type PartyPlan } from './party-rules.js';
import { StringPool } from './string-pool.js';
import type { NetworkOptions } from './call-network.js';

/** The tone phase of fault injection, as the call service needs it. */
export interface ToneFaults {
  toneFailure(callConnectionId: string, participant: string): ForcedOutcome | undefined;
}

export interface CallRuntimeOptions extends Omit<
  NetworkOptions,
  'clock' | 'connectDelayMs' | 'parties'
> {
  clock: Clock;
  events: EventSink;
  connectDelayMs: number;
  /** --max-calls: live and remembered calls together; ended calls are forgotten first. */
  maxCalls: number;
  faults?: ToneFaults;
  /** How the people on the other end answer (a store registered in state.ts). */
  parties?: PartyRules;
}

export type { Admission, ApplyResult } from './call-results.js';

const CONNECT_TIMER = 'connect';
/** Distinct callback URLs shared between calls; far more than one app run uses. */
const STRING_POOL_LIMIT = 1_000;

export class CallRuntime {
  private readonly store = new CallStore();
  /**
   * Ended calls in the order they ended (a Map keeps insertion order), so --max-calls forgets the
   * oldest ended call in O(1) instead of sorting every stored call on each admission.
   */
  private readonly ended = new Map<string, true>();
  readonly incoming = new IncomingCalls();
  readonly parties: PartyRules;
  /** Calls that are two legs of one conversation (a call to an owned party, answered). */
  readonly legs = new Legs();
  /** createCall, invitations, transfers and moves: who the calls reach. */
  readonly network: CallNetwork;
  /** Pending timers per call, by key; a call without timers has no entry. */
  private readonly timers = new Map<string, Map<string, TimerHandle>>();
  private pressSeq = 0;
  /** One copy of the callback URLs calls repeat (see compactCall). */
  private readonly strings = new StringPool(STRING_POOL_LIMIT);
  /** Told of every applied step, after its effects ran (the streaming sockets follow calls so). */
  private readonly observers: ((call: Call, input: CallInput) => void)[] = [];
  /** Told once per call, after its last events, when it ends (recordings stop with their call). */
  private readonly endListeners: ((call: Call) => void)[] = [];
  /** Told of every admitted or changed call (the live feed of GET /admin/stream). */
  private readonly listeners = new Set<(call: Call) => void>();

  private readonly clock: Clock;

  constructor(private readonly options: CallRuntimeOptions) {
    this.clock = options.clock;
    this.parties = options.parties ?? new PartyRules();
    this.network = new CallNetwork(this, { ...options, parties: this.parties });
  }

  /** Stops the timer that would connect (or fail) a call, because an app answered for it. */
  cancelConnect(id: string): void {
    this.cancelTimer(id, CONNECT_TIMER);
  }

  get(id: string): Call | undefined {
    return this.store.get(id);
  }

  list(): Call[] {
    return this.store.list();
  }

  /** Calls `listener` with the new state each time a call is admitted or changes; returns the unsubscribe. */
  subscribe(listener: (call: Call) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
   * call stays ringing); what it throws goes to the caller. `start` says how the connection delay
   * ends: the callee's party rule (accept, decline, ... after a delay), or an input the caller
   * already knows (Connect to a closed room fails); connected after --connect-delay-ms by default.
   */
  admit(build: () => Call, start?: PartyPlan | ((at: number) => CallInput)): Admission {
    const limit = this.options.maxCalls;
    if (!this.makeRoom(limit)) return { ok: false, reason: 'callLimit', limit };
    const call = compactCall(build(), this.strings.intern);
    this.store.put(call);
    this.changed(call);
    if (call.state === 'disconnected') this.ended.set(call.callConnectionId, true);
    // How the connection delay ends: the callee's party rule, or what the caller knows (Connect to
    // a closed room fails), or connected after --connect-delay-ms.
    const plan = typeof start === 'object' ? start : undefined;
    const afterMs = plan?.afterMs ?? this.options.connectDelayMs;
    const outcome = (at: number): CallInput => {
      if (typeof start === 'function') return start(at);
      const answer = plan?.answer ?? 'accept';
      return answer === 'accept'
        ? { type: 'connected', at }
        : { type: 'connectFailed', outcome: answer, at };
    };
    this.schedule(call.callConnectionId, CONNECT_TIMER, afterMs, () =>
      this.apply(call.callConnectionId, outcome(this.clock.now())),
    );
    return { ok: true, call };
  }

  private makeRoom(limit: number): boolean {
    for (const id of this.ended.keys()) {
      if (this.store.size < limit) break;
      this.ended.delete(id);
      this.store.delete(id);
    }
    return this.store.size < limit;
  }

  apply(id: string, input: CallInput): ApplyResult {
    const call = this.store.get(id);
    if (!call) return { ok: false, rejection: { reason: 'notFound' } };
    const step = stepCall(call, input.type === 'tone' ? this.toneFault(call, input) : input);
    if (!step.ok) return step;
    this.store.put(step.call);
    this.changed(step.call);
    if (step.call.state === 'disconnected' && call.state !== 'disconnected')
      this.ended.set(id, true);
    this.run(step.call, step.effects);
    if (step.call.state === 'disconnected') {
      this.cancelTimers(id);
      for (const listener of this.endListeners) listener(step.call);
    }
    if (this.legs.size > 0)
      followLegs(this.legs, (peer, next) => this.apply(peer, next), {
        before: call,
        after: step.call,
        input,
        at: this.clock.now(),
      });
    for (const observer of this.observers) observer(step.call, input);
    return { ok: true, call: step.call };
  }

  /** Adds an observer of every applied step (it must not apply inputs synchronously). */
  observe(observer: (call: Call, input: CallInput) => void): void {
    this.observers.push(observer);
  }

  /**
   * The simulated caller presses `tones` on the call: the first now, each next one `intervalMs`
   * later on the clock. Validation of the first press is returned; later presses on a call that
   * has ended are dropped. `onPress` hears what each key did (decided just before it is pressed).
   */
  press(
    id: string,
    participant: string,
    tones: readonly [Tone, ...Tone[]],
    intervalMs: number,
    onPress?: (fate: ToneFate) => void,
  ): ApplyResult {
    const pressOne = (tone: Tone): ApplyResult => {
      const call = this.store.get(id);
      const fate = call ? toneFate(call, participant, tone) : undefined;
      const result = this.apply(id, { type: 'tone', participant, tone, at: this.clock.now() });
      if (result.ok && fate) onPress?.(fate);
      return result;
    };
    const [first, ...rest] = tones;
    const result = pressOne(first);
    if (!result.ok) return result;
    if (intervalMs === 0) {
      for (const tone of rest) pressOne(tone);
      return result;
    }
    const batch = `press-${++this.pressSeq}`;
    rest.forEach((tone, i) =>
      this.schedule(id, `${batch}-${i}`, intervalMs * (i + 1), () => pressOne(tone)),
    );
    return result;
  }

  /** Calls `listener` with each call that ends, after the call's own end events. */
  onCallEnded(listener: (call: Call) => void): void {
    this.endListeners.push(listener);
  }

  /** Forgets every call and incoming call and cancels their pending timers. */
  reset(): void {
    for (const id of [...this.timers.keys()]) this.cancelTimers(id);
    this.store.clear();
    this.ended.clear();
    this.incoming.clear();
    this.legs.clear();
    this.strings.clear();
  }

  private changed(call: Call): void {
    for (const listener of this.listeners) listener(call);
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
