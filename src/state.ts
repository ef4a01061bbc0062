/**
 * The emulator's state: one object that owns every store, journal, queue and timer, built from one
 * Config. Each part is registered once, in order, with what it does on POST /admin/reset and on
 * shutdown, so `reset()` and `stop()` hold no hand-kept list: a store added later is reset and
 * stopped by registering it here.
 */
import type { Logger } from 'pino';
import { CallbackTargets } from './callback-targets.js';
import { CallRuntime } from './calls/call-runtime.js';
import { createManualClock, createSystemClock, type Clock, type ManualClock } from './clock.js';
import type { Config } from './config.js';
import { logCallbackAttempt } from './events/attempt-log.js';
import { Delivery } from './events/delivery.js';
import type { EventRecord } from './events/event-journal.js';
import type { WebhookSigner } from './events/webhook-signer.js';
import { FaultInjection } from './faults/fault-injection.js';
import { RepeatabilityCache } from './http/repeatability.js';
import { RequestJournal } from './http/request-journal.js';

/** What a registered part does on reset and on stop; either may be absent. */
export interface StatePart {
  /** POST /admin/reset: forget everything, as on a fresh start (settings stay). */
  reset?(): void;
  /** Shutdown, within the grace period; what it could not finish goes in the report. */
  stop?(graceMs: number, report: StopReport): void | Promise<void>;
}

/** What shutdown could not finish, for the one log line that says so. */
export interface StopReport {
  /** Callbacks that were pending when the flush began. */
  pendingAtStop: number;
  /** Callbacks still undelivered when the grace period ended. */
  undelivered: EventRecord[];
}

/** Answers kept for repeated requests: enough for SDK retries (minutes), bounded in memory. */
const REPEATABILITY_LIMIT = 10_000;
const REPEATABILITY_TTL_MS = 15 * 60_000;

export class EmulatorState {
  readonly clock: Clock;
  /** Present when the emulator runs with --clock manual. */
  readonly manualClock?: ManualClock;
  readonly delivery: Delivery;
  /** The one check of every URL the emulator POSTs to; learns its own address on listen. */
  readonly callbackTargets: CallbackTargets;
  readonly faults: FaultInjection;
  readonly calls: CallRuntime;
  readonly requests: RequestJournal;
  /** Answers by Repeatability-Request-ID. */
  readonly repeatability: RepeatabilityCache;
  readonly startedAt = Date.now();
  private readonly parts: { name: string; part: StatePart }[] = [];

  constructor(config: Config, logger: Logger, signer: WebhookSigner | undefined) {
    this.manualClock = config.clock === 'manual' ? createManualClock() : undefined;
    this.clock = this.manualClock ?? createSystemClock();
    this.callbackTargets = new CallbackTargets({
      allow: config.callbackAllow,
      allowSelf: config.callbackAllowSelf,
      allowLinkLocal: config.callbackAllowLinkLocal,
    });
    this.callbackTargets.addSelf(config.host, config.port);
    this.delivery = new Delivery({
      maxAttempts: config.deliveryMaxAttempts,
      timeoutMs: config.deliveryTimeoutMs,
      backoffMs: config.deliveryBackoffMs,
      maxBackoffMs: config.deliveryMaxBackoffMs,
      retryWindowMs: config.deliveryRetryWindowMs,
      eventGrid: {
        timeoutMs: config.eventGridTimeoutMs,
        retryScheduleMs: config.eventGridRetryScheduleMs,
      },
      journalLimit: config.eventJournalLimit,
      maxSockets: config.deliveryMaxSockets,
      targets: this.callbackTargets,
      logger,
      ...(signer ? { signer } : {}),
      onAttempt: logCallbackAttempt(logger),
    });
    this.faults = new FaultInjection(
      this.delivery,
      config.seed,
      config.faults,
      config.maxFaultRules,
    );
    this.calls = new CallRuntime({
      clock: this.clock,
      events: this.faults.callbacks,
      connectDelayMs: config.connectDelayMs,
      maxCalls: config.maxCalls,
      faults: this.faults,
    });
    this.requests = new RequestJournal(config.requestJournalLimit);
    this.repeatability = new RepeatabilityCache(REPEATABILITY_LIMIT, REPEATABILITY_TTL_MS);

    // Stop runs in this order: simulated time ends (only callbacks already produced are
    // flushed), fault waits end (hung requests close, held callbacks join the flush), then
    // delivery flushes what is pending within the grace period and closes.
    this.register('calls', { reset: () => this.calls.reset(), stop: () => this.calls.reset() });
    this.register('faults', { reset: () => this.faults.reset(), stop: () => this.faults.stop() });
    this.register('delivery', {
      reset: () => this.delivery.reset(),
      stop: async (graceMs, report) => {
        report.pendingAtStop = this.delivery.pending;
        await this.delivery.flush(graceMs);
        report.undelivered = this.delivery.close();
      },
    });
    this.register('requests', { reset: () => this.requests.clear() });
    this.register('repeatability', { reset: () => this.repeatability.clear() });
  }

  /** Adds a part; reset and stop reach parts in the order they were registered. */
  register(name: string, part: StatePart): void {
    if (this.parts.some((p) => p.name === name))
      throw new Error(`state part '${name}' is registered twice`);
    this.parts.push({ name, part });
  }

  /** The names of the registered parts, in order (for tests and diagnostics). */
  get partNames(): string[] {
    return this.parts.map((p) => p.name);
  }

  /** POST /admin/reset: every part forgets its state. */
  reset(): void {
    for (const { part } of this.parts) part.reset?.();
  }

  /** Shutdown: every part stops in order, within `graceMs`; resolves with what was left undone. */
  async stop(graceMs: number): Promise<StopReport> {
    const report: StopReport = { pendingAtStop: 0, undelivered: [] };
    for (const { part } of this.parts) await part.stop?.(graceMs, report);
    return report;
  }
}
