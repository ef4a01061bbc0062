/**
 * Runs the pure call machine against the store: steps it, keeps the new state, turns emit effects
 * into CloudEvents handed to delivery, and runs the machine's timers on the injectable clock.
 * Route handlers and the control API both go through here. Events go to an {@link EventSink}
 * (callback fault rules, then delivery); `failTone` fault rules are taken here, where a tone meets
 * an active continuous recognition.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Call } from './call.js';
import { CallStore } from './call-store.js';
import { stepCall, type CallEffect, type CallInput, type Rejection } from './call-machine.js';
import { IncomingCalls } from './incoming-calls.js';
import type { Tone } from './tones.js';
import { buildEventData, DEFAULT_RESULTS } from '../events/catalogue.js';
import type { EventSink } from '../events/callback-faults.js';
import { buildCloudEvent } from '../events/cloud-event.js';
import { TONE_RECEIVED, type FailToneAction, type InjectedFailure } from '../faults/fault-rule.js';
import type { FaultRules } from '../faults/fault-rules.js';

export type ApplyResult =
  { ok: true; call: Call } | { ok: false; rejection: Rejection | { reason: 'notFound' } };

const CONNECT_TIMER = 'connect';

export class CallRuntime {
  readonly store = new CallStore();
  readonly incoming = new IncomingCalls();
  /** Pending timers per call, by key; a call without timers has no entry. */
  private readonly timers = new Map<string, Map<string, TimerHandle>>();
  private pressSeq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly delivery: EventSink,
    private readonly connectDelayMs: number,
    private readonly faults?: FaultRules,
  ) {}

  /** Stores a new call in `connecting` and schedules its connection. */
  create(call: Call): void {
    this.store.put(call);
    this.schedule(call.callConnectionId, CONNECT_TIMER, this.connectDelayMs, () =>
      this.apply(call.callConnectionId, { type: 'connected', at: this.clock.now() }),
    );
  }

  /**
   * Makes room for one more call under `limit`: forgets the oldest ended calls first. Returns
   * false when every stored call is live (a live call is never dropped).
   */
  admit(limit: number): boolean {
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
    return { ok: true, call: step.call };
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
  }

  /** A tone that continuous recognition would report gets a failTone rule's failure, if one applies. */
  private toneFault(call: Call, input: Extract<CallInput, { type: 'tone' }>): CallInput {
    if (!this.faults || this.faults.size === 0 || input.fail) return input;
    if (call.state !== 'connected' || call.dtmf[input.participant]?.status !== 'active')
      return input;
    const taken = this.faults.take({
      phase: 'tone',
      callConnectionId: call.callConnectionId,
      eventType: TONE_RECEIVED,
      participants: () => [input.participant],
    });
    if (taken?.action.type !== 'failTone') return input;
    const action: FailToneAction = taken.action;
    const base = DEFAULT_RESULTS.ContinuousDtmfRecognitionToneFailed;
    const fail: InjectedFailure = {
      resultInformation: { ...base, ...action.resultInformation },
      fault: taken.mark,
    };
    return { ...input, fail };
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
          extra: effect.extra,
        });
        const event = buildCloudEvent(effect.event, id, data, this.clock.now());
        this.delivery.enqueue(id, effect.callbackUri, event, {
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
