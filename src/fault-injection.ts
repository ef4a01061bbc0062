/**
 * Fault injection, composed: the rules (pure), the waits they start, and the callback layer in
 * front of delivery. The HTTP app, the call runtime and the control API each use a part; reset and
 * stop end everything here in one place.
 */
import { randomInt } from 'node:crypto';
import { FaultTimers } from './fault-timers.js';
import { CallbackFaults } from './events/callback-faults.js';
import type { Delivery } from './events/delivery.js';
import type { FaultRuleSpec } from './faults/fault-rule.js';
import { FaultRules } from './faults/fault-rules.js';
import { MAX_SEED } from './faults/prng.js';

export class FaultInjection {
  readonly rules: FaultRules;
  readonly timers = new FaultTimers();
  readonly callbacks: CallbackFaults;

  /** `seed` undefined: a random one, shown by GET /admin/faults so the run can be replayed. */
  constructor(delivery: Delivery, seed: number | undefined, initial: readonly FaultRuleSpec[]) {
    this.rules = new FaultRules(seed ?? randomInt(0, MAX_SEED + 1));
    this.callbacks = new CallbackFaults(delivery, this.rules, this.timers);
    const now = Date.now();
    for (const spec of initial) this.rules.add(spec, now);
  }

  /**
   * POST /admin/reset: forgets every rule (those loaded at start too) and restarts the generator
   * from the seed; hung requests are closed, delayed ones go on at once, held callbacks are forgotten.
   */
  reset(): void {
    this.rules.reset();
    this.callbacks.reset();
    this.timers.reset();
  }

  /** On stop: hung requests are closed, delayed ones go on, held callbacks are queued for the flush. */
  stop(): void {
    this.timers.stop();
  }
}
