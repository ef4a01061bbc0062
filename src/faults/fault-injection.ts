/**
 * Fault injection, the one door to the faults room: the rules, the waits they start, and one entry
 * point per phase (request, outcome, tone, event). The HTTP app, the call service and the control
 * API ask here; none of them reads a rule. Reset and stop end everything here in one place.
 */
import { randomInt } from 'node:crypto';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import type { Delivery } from '../events/delivery.js';
import type { EventSink } from '../events/event-sink.js';
import { CallbackFaults } from './event-phase.js';
import type { FaultRuleSpec } from './fault-rule.js';
import { FaultRules } from './fault-rules.js';
import { FaultTimers } from './fault-timers.js';
import { outcomePhase, type ChosenOutcome } from './outcome-phase.js';
import { MAX_SEED } from './prng.js';
import {
  requestPhase,
  type RequestConnection,
  type RequestSubject,
  type RequestVerdict,
} from './request-phase.js';
import { tonePhase } from './tone-phase.js';

export class FaultInjection {
  readonly rules: FaultRules;
  readonly timers = new FaultTimers();
  /** The event phase: callbacks pass here on their way to delivery. */
  readonly callbacks: EventSink;
  private readonly held: CallbackFaults;

  /** `seed` undefined: a random one, shown by GET /admin/faults so the run can be replayed. */
  constructor(
    delivery: Delivery,
    seed: number | undefined,
    initial: readonly FaultRuleSpec[],
    maxRules?: number,
  ) {
    this.rules = new FaultRules(seed ?? randomInt(0, MAX_SEED + 1), undefined, maxRules);
    this.held = new CallbackFaults(delivery, this.rules, this.timers);
    this.callbacks = this.held;
    const now = Date.now();
    for (const spec of initial) this.rules.add(spec, now);
  }

  /** Request phase: error, delay, reset or hang, before api-version and auth. */
  onRequest(subject: RequestSubject, connection: RequestConnection): Promise<RequestVerdict> {
    return requestPhase(this.rules, this.timers, subject, connection);
  }

  /** Outcome phase: a forced failure for an operation the handler is about to accept. */
  chooseOutcome(subject: RequestSubject): ChosenOutcome | undefined {
    return outcomePhase(this.rules, subject);
  }

  /** Tone phase: a forced ToneFailed for a tone continuous recognition would report. */
  toneFailure(callConnectionId: string, participant: string): ForcedOutcome | undefined {
    return tonePhase(this.rules, callConnectionId, participant);
  }

  /**
   * POST /admin/reset: forgets every rule (those loaded at start too) and restarts the generator
   * from the seed; hung requests are closed, delayed ones go on at once, held callbacks are forgotten.
   */
  reset(): void {
    this.rules.reset();
    this.held.reset();
    this.timers.reset();
  }

  /** On stop: hung requests are closed, delayed ones go on, held callbacks are queued for the flush. */
  stop(): void {
    this.timers.stop();
  }
}
