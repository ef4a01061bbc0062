/**
 * Runs the pure call machine against the store: steps it, keeps the new state, and turns effects
 * into CloudEvents handed to delivery. Route handlers and the control API both go through here.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Call } from './call.js';
import { CallStore } from './call-store.js';
import { stepCall, type CallInput, type EmitEffect, type Rejection } from './call-machine.js';
import { buildEventData } from '../events/catalogue.js';
import { buildCloudEvent } from '../events/cloud-event.js';
import type { Delivery } from '../events/delivery.js';

export type ApplyResult =
  { ok: true; call: Call } | { ok: false; rejection: Rejection | { reason: 'notFound' } };

export class CallRuntime {
  readonly store = new CallStore();
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly delivery: Delivery,
    private readonly connectDelayMs: number,
  ) {}

  /** Stores a new call in `connecting` and schedules its connection. */
  create(call: Call): void {
    this.store.put(call);
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      this.apply(call.callConnectionId, { type: 'connected', at: this.clock.now() });
    }, this.connectDelayMs);
    this.timers.add(timer);
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
    const step = stepCall(call, input);
    if (!step.ok) return step;
    this.store.put(step.call);
    this.dispatch(step.call, step.effects);
    return { ok: true, call: step.call };
  }

  /** Forgets every call and cancels their pending timers. */
  reset(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.store.clear();
  }

  private dispatch(call: Call, effects: readonly EmitEffect[]): void {
    for (const effect of effects) {
      const data = buildEventData(effect.event, call, {
        operationContext: effect.operationContext,
      });
      const event = buildCloudEvent(effect.event, call.callConnectionId, data, this.clock.now());
      this.delivery.enqueue(call.callConnectionId, effect.callbackUri, event);
    }
  }
}
