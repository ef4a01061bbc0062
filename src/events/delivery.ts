/**
 * Callback delivery: per call, events go out in the order they were produced, one in flight at a
 * time; calls never wait for each other. Failed attempts are retried as retry-policy.ts decides;
 * every attempt lands in the journal. Delivery runs on wall-clock time even with --clock manual,
 * because it talks to real sockets.
 */
import type { Logger } from 'pino';
import type { FaultMark } from '../domain/forced-outcome.js';
import { callbackBody, type CloudEvent } from './cloud-event.js';
import { EventJournal, type DeliveryAttempt, type EventRecord } from './event-journal.js';
import { EventWaiters } from './event-waiters.js';
import { WebhookPoster } from './http-post.js';
import { decideRetry, isSuccess, type AttemptOutcome, type RetryPolicy } from './retry-policy.js';
import type { WebhookSigner } from './webhook-signer.js';

export interface DeliveryOptions extends RetryPolicy {
  /** Time a webhook has to answer one POST completely. */
  timeoutMs: number;
  journalLimit: number;
  logger: Logger;
  /** Signs every POST with a Bearer JWT; unsigned when absent. */
  signer?: WebhookSigner;
  /** Jitter source, replaceable for tests. */
  random?: () => number;
  /** Called after every attempt (the attempt is already in `record.attempts`); used for logs. */
  onAttempt?: (record: EventRecord, attempt: DeliveryAttempt) => void;
}

interface Sleep {
  until: number;
  timer: NodeJS.Timeout;
  wake(): void;
}

export class Delivery {
  readonly journal: EventJournal;
  readonly waiters: EventWaiters;
  private readonly poster = new WebhookPoster();
  private readonly queues = new Map<string, EventRecord[]>();
  private readonly sleeps = new Set<Sleep>();
  private readonly idleWaiters = new Set<() => void>();
  private generation = 0;
  /** Set while flushing on shutdown: no retry is scheduled past it. */
  private deadline: number | undefined;

  constructor(private readonly options: DeliveryOptions) {
    this.journal = new EventJournal(options.journalLimit);
    this.waiters = new EventWaiters(this.journal);
  }

  /**
   * Records the event as pending and schedules it behind the call's earlier events; `faults` are
   * the fault rules that touched it, for the journal.
   */
  enqueue(
    callConnectionId: string,
    url: string,
    event: CloudEvent,
    faults?: readonly FaultMark[],
  ): EventRecord {
    const record: EventRecord = {
      id: event.id,
      type: event.type,
      callConnectionId,
      url,
      status: 'pending',
      attempts: [],
      event,
      ...(faults && faults.length > 0 ? { faults: [...faults] } : {}),
    };
    this.journal.add(record);
    const queue = this.queues.get(callConnectionId);
    if (queue) queue.push(record);
    else {
      this.queues.set(callConnectionId, [record]);
      // After the current tick, so the HTTP answer that caused the event goes out first.
      const generation = this.generation;
      setImmediate(() => void this.drain(callConnectionId, generation));
    }
    return record;
  }

  /** Number of events not yet delivered or failed. */
  get pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** The events not yet delivered or failed, call by call in delivery order. */
  pendingRecords(): EventRecord[] {
    return [...this.queues.values()].flat();
  }

  /**
   * Gives pending events up to `graceMs` to go out, shortening retry delays so the last attempt
   * still fits; resolves with the records still pending when time is up (empty when all went).
   */
  async flush(graceMs: number): Promise<EventRecord[]> {
    if (this.pending === 0) return [];
    this.deadline = Date.now() + graceMs;
    for (const sleep of this.sleeps) this.shorten(sleep);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve();
      };
      // Deliberately not unref'd: on shutdown this timer is what keeps the process alive while
      // retries (whose timers are unref'd) run; it is bounded by the grace period.
      const timer = setTimeout(done, graceMs);
      this.idleWaiters.add(done);
    });
    this.deadline = undefined;
    return this.pendingRecords();
  }

  /** Forgets every queue and record; deliveries in flight finish without being recorded. */
  reset(): void {
    this.generation++;
    this.queues.clear();
    this.journal.clear();
    this.wakeAll();
    this.notifyIdle();
  }

  /**
   * Stops for good: aborts POSTs in flight, cancels retries and closes kept-alive connections.
   * Returns what was still pending; those records stay `pending` in the journal.
   */
  close(): EventRecord[] {
    const left = this.pendingRecords();
    this.generation++;
    this.queues.clear();
    this.wakeAll();
    this.poster.close();
    this.notifyIdle();
    return left;
  }

  private async drain(callConnectionId: string, generation: number): Promise<void> {
    const queue = this.queues.get(callConnectionId);
    while (queue && queue.length > 0 && generation === this.generation) {
      await this.deliver(queue[0] as EventRecord, generation);
      if (generation !== this.generation) return;
      queue.shift();
    }
    if (queue?.length === 0 && this.queues.get(callConnectionId) === queue)
      this.queues.delete(callConnectionId);
    this.notifyIdle();
  }

  private async deliver(record: EventRecord, generation: number): Promise<void> {
    const { timeoutMs, logger } = this.options;
    const body = callbackBody(record.event);
    const random = this.options.random ?? Math.random;
    const firstStarted = Date.now();
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const outcome = await this.post(record.url, body, timeoutMs);
      if (generation !== this.generation) return;
      record.attempts.push({
        at: new Date(started).toISOString(),
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(outcome.error !== undefined ? { error: outcome.error } : {}),
        durationMs: Date.now() - started,
      });
      this.options.onAttempt?.(record, record.attempts.at(-1) as DeliveryAttempt);
      const elapsed = Date.now() - firstStarted;
      const decision = decideRetry(this.options, attempt, outcome, elapsed, random());
      if (decision.retry) {
        this.journal.changed(record);
        logger.debug(
          { eventId: record.id, type: record.type, attempt, outcome, delayMs: decision.delayMs },
          'callback attempt failed; retrying',
        );
        await this.sleep(decision.delayMs);
        if (generation !== this.generation) return;
        continue;
      }
      record.status = isSuccess(outcome) ? 'delivered' : 'failed';
      this.journal.changed(record);
      if (record.status === 'failed') {
        logger.warn(
          {
            eventId: record.id,
            type: record.type,
            callConnectionId: record.callConnectionId,
            url: record.url,
            attempts: record.attempts.length,
            reason: decision.reason,
            last: record.attempts.at(-1),
          },
          'callback delivery failed',
        );
      }
      return;
    }
  }

  /**
   * One unsigned POST over this emulator's kept-alive connections, for deliveries that are not
   * Call Automation callbacks (IncomingCall comes through Event Grid, which the ACS JWT does not sign).
   */
  postUnsigned(url: string, body: string): Promise<AttemptOutcome> {
    return this.poster.post(url, body, {}, this.options.timeoutMs);
  }

  private async post(url: string, body: string, timeoutMs: number): Promise<AttemptOutcome> {
    const headers: Record<string, string> = {};
    if (this.options.signer) {
      try {
        headers.authorization = `Bearer ${await this.options.signer.sign()}`;
      } catch (err) {
        return { error: `could not sign the callback: ${(err as Error).message}` };
      }
    }
    return this.poster.post(url, body, headers, timeoutMs);
  }

  /** A cancellable, unref'd wait, so a retry never keeps the process alive. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleep: Sleep = {
        until: Date.now() + ms,
        timer: setTimeout(() => sleep.wake(), ms),
        wake: () => {
          clearTimeout(sleep.timer);
          this.sleeps.delete(sleep);
          resolve();
        },
      };
      sleep.timer.unref();
      this.sleeps.add(sleep);
      this.shorten(sleep);
    });
  }

  /** While flushing, the next attempt starts early enough to finish before the deadline. */
  private shorten(sleep: Sleep): void {
    if (this.deadline === undefined) return;
    const latest = Math.max(Date.now(), this.deadline - this.options.timeoutMs);
    if (sleep.until <= latest) return;
    clearTimeout(sleep.timer);
    sleep.until = latest;
    sleep.timer = setTimeout(() => sleep.wake(), latest - Date.now());
    sleep.timer.unref();
  }

  private wakeAll(): void {
    for (const sleep of this.sleeps) sleep.wake();
  }

  private notifyIdle(): void {
    if (this.pending > 0) return;
    for (const waiter of this.idleWaiters) waiter();
  }
}
