/**
 * Delivery of callbacks and Event Grid events. Events wait in queues, one per call *and*
 * destination URL: a queue sends in the order its events were produced, one in flight at a time,
 * and queues never wait for each other, so a dead or slow `operationCallbackUri` holds only the
 * events going to it. An Event Grid event (IncomingCall) has a queue of its own, since Event Grid
 * promises no order.
 *
 * Each record is sent under its own policy: the callback one (retry-policy.ts, signed with the
 * ACS JWT) or Event Grid's (event-grid-policy.ts, unsigned). Every attempt lands in the journal.
 * Delivery runs on wall-clock time even with --clock manual, because it talks to real sockets.
 */
import type { Logger } from 'pino';
import type { CallbackTargets } from '../callback-targets.js';
import type { FaultMark } from '../domain/forced-outcome.js';
import { callbackBody, type CloudEvent } from './cloud-event.js';
import type { EventGridEvent } from './event-grid.js';
import {
  decideEventGridRetry,
  EVENT_GRID_POLICY,
  type EventGridPolicy,
} from './event-grid-policy.js';
import {
  EventJournal,
  type CallbackRecord,
  type DeliveryAttempt,
  type EventGridRecord,
  type EventRecord,
} from './event-journal.js';
import { EventWaiters } from './event-waiters.js';
import { Fifo } from './fifo.js';
import { WebhookPoster } from './http-post.js';
import {
  decideRetry,
  type AttemptOutcome,
  type RetryDecision,
  type RetryPolicy,
} from './retry-policy.js';
import type { WebhookSigner } from './webhook-signer.js';
import { safeUrl } from '../safe-url.js';
import { webhookUrl } from './webhook-url.js';

export interface DeliveryOptions extends RetryPolicy {
  /** Time a webhook has to answer one callback POST completely. */
  timeoutMs: number;
  /** Event Grid's timeout and retry schedule (IncomingCall); Event Grid's own when absent. */
  eventGrid?: EventGridPolicy;
  journalLimit: number;
  /** Connections open at once per webhook host (--delivery-max-sockets). */
  maxSockets?: number;
  /**
   * The URL check every request already passed; asked again before the first POST, so an event
   * from any producer (a configured webhook, a future subscription) never goes where it may not.
   */
  targets?: CallbackTargets;
  logger: Logger;
  /** Signs every callback POST with a Bearer JWT; unsigned when absent. */
  signer?: WebhookSigner;
  /** Jitter source, replaceable for tests. */
  random?: () => number;
  /** Called after every attempt (the attempt is already in `record.attempts`); used for logs. */
  onAttempt?: (record: EventRecord, attempt: DeliveryAttempt) => void;
}

/** How one record is sent and retried. */
interface Policy {
  timeoutMs: number;
  /** Callbacks carry the ACS JWT; Event Grid posts do not. */
  signed: boolean;
  decide(attempt: number, outcome: AttemptOutcome, elapsedMs: number): RetryDecision;
}

interface Job {
  record: EventRecord;
  policy: Policy;
}

interface Sleep {
  until: number;
  /** The policy's answer timeout, so a shortened wait still leaves room for the attempt. */
  timeoutMs: number;
  timer: NodeJS.Timeout;
  /** Ends the wait; `go` false when the retry is not to be made (it could not finish in time). */
  wake(go?: boolean): void;
}

export class Delivery {
  readonly journal: EventJournal;
  readonly waiters: EventWaiters;
  private readonly poster: WebhookPoster;
  private readonly queues = new Map<string, Fifo<Job>>();
  private readonly callbackPolicy: Policy;
  private readonly eventGridPolicy: Policy;
  private readonly sleeps = new Set<Sleep>();
  private readonly idleWaiters = new Set<() => void>();
  /**
   * Queues that stopped on shutdown because their next retry could not finish before the
   * deadline; their records stay pending (and are reported), and the flush does not wait for them.
   */
  private readonly parked = new Set<Fifo<Job>>();
  private pendingCount = 0;
  /** Pending records by destination (`scheme://host:port`), for the per-destination bound. */
  private readonly pendingByDestination = new Map<string, number>();
  private generation = 0;
  /** Set while flushing on shutdown: no retry is scheduled past it. */
  private deadline: number | undefined;

  constructor(private readonly options: DeliveryOptions) {
    this.journal = new EventJournal(options.journalLimit);
    this.poster = new WebhookPoster(options.maxSockets);
    this.waiters = new EventWaiters(this.journal);
    const random = options.random ?? Math.random;
    this.callbackPolicy = {
      timeoutMs: options.timeoutMs,
      signed: true,
      decide: (attempt, outcome, elapsed) =>
        decideRetry(options, attempt, outcome, elapsed, random()),
    };
    const eventGrid = options.eventGrid ?? EVENT_GRID_POLICY;
    this.eventGridPolicy = {
      timeoutMs: eventGrid.timeoutMs,
      signed: false,
      decide: (attempt, outcome) => decideEventGridRetry(eventGrid, attempt, outcome),
    };
  }

  /**
   * Records a Call Automation callback as pending and schedules it behind the earlier events of
   * the same call to the same URL; `faults` are the fault rules that touched it, for the journal.
   */
  enqueue(
    callConnectionId: string,
    url: string,
    event: CloudEvent,
    faults?: readonly FaultMark[],
  ): CallbackRecord {
    // Two literals rather than a conditional spread: a spread builds the record property by
    // property, and thousands of records are kept in the journal.
    const record: CallbackRecord =
      faults && faults.length > 0
        ? {
            id: event.id,
            type: event.type,
            callConnectionId,
            url,
            status: 'pending',
            attempts: [],
            event,
            faults: [...faults],
          }
        : {
            id: event.id,
            type: event.type,
            callConnectionId,
            url,
            status: 'pending',
            attempts: [],
            event,
          };
    this.schedule(queueKey(callConnectionId, url), { record, policy: this.callbackPolicy });
    return record;
  }

  /**
   * Records an Event Grid event (IncomingCall) as pending and sends it unsigned, under Event
   * Grid's timeout and retry schedule, on a queue of its own.
   */
  enqueueEventGrid(url: string, event: EventGridEvent): EventGridRecord {
    const record: EventGridRecord = {
      id: event.id,
      type: event.eventType,
      schema: 'EventGrid',
      url,
      status: 'pending',
      attempts: [],
      event,
    };
    this.schedule(`event-grid\u0000${event.id}\u0000${url}`, {
      record,
      policy: this.eventGridPolicy,
    });
    return record;
  }

  /** Journals a callback a fault rule swallowed on purpose (`dropped`); it is never posted. */
  recordDropped(
    callConnectionId: string,
    url: string,
    event: CloudEvent,
    faults: readonly FaultMark[],
  ): CallbackRecord {
    const record: CallbackRecord = {
      id: event.id,
      type: event.type,
      callConnectionId,
      url,
      status: 'dropped',
      attempts: [],
      event,
      faults: [...faults],
    };
    this.journal.add(record);
    return record;
  }

  /** Number of events not yet delivered or failed. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Events not yet delivered or failed to the destination (`scheme://host:port`) of `url`. */
  pendingTo(url: string): number {
    return this.pendingByDestination.get(destinationOf(url)) ?? 0;
  }

  /** The events not yet delivered or failed, queue by queue in delivery order. */
  pendingRecords(): EventRecord[] {
    return [...this.queues.values()].flatMap((queue) => queue.toArray().map((job) => job.record));
  }

  /**
   * Gives pending events up to `graceMs` to go out, shortening retry delays so the last attempt
   * still fits; resolves with the records still pending when time is up (empty when all went).
   */
  async flush(graceMs: number): Promise<EventRecord[]> {
    if (this.pending === 0) return [];
    this.deadline = Date.now() + graceMs;
    for (const sleep of [...this.sleeps]) this.shorten(sleep);
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

  /**
   * Ends a flush now (a second SIGINT): no retry starts any more, and the flush resolves with
   * what is still pending. Does nothing when not flushing.
   */
  cutShort(): void {
    if (this.deadline === undefined) return;
    this.deadline = Date.now();
    for (const sleep of [...this.sleeps]) this.shorten(sleep);
    for (const waiter of [...this.idleWaiters]) waiter();
  }

  /** Forgets every queue and record; deliveries in flight finish without being recorded. */
  reset(): void {
    this.generation++;
    this.queues.clear();
    this.pendingCount = 0;
    this.pendingByDestination.clear();
    this.parked.clear();
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
    this.pendingCount = 0;
    this.pendingByDestination.clear();
    this.parked.clear();
    this.wakeAll();
    this.poster.close();
    this.notifyIdle();
    return left;
  }

  /**
   * Sends failed or dropped records again, through the same queues and policy as a new event:
   * the same id, the earlier attempts kept and the new ones appended. Returns the records that
   * went back to `pending` (others are left alone).
   */
  redeliver(records: readonly EventRecord[]): EventRecord[] {
    const again = records.filter((r) => r.status === 'failed' || r.status === 'dropped');
    for (const record of again) {
      record.status = 'pending';
      this.journal.changed(record);
      if (record.schema === 'EventGrid')
        this.queue(`event-grid\u0000${record.id}\u0000${record.url}`, {
          record,
          policy: this.eventGridPolicy,
        });
      else
        this.queue(queueKey(record.callConnectionId, record.url), {
          record,
          policy: this.callbackPolicy,
        });
    }
    return again;
  }

  private schedule(key: string, job: Job): void {
    this.journal.add(job.record);
    this.queue(key, job);
  }

  private queue(key: string, job: Job): void {
    this.pendingCount++;
    const destination = destinationOf(job.record.url);
    this.pendingByDestination.set(
      destination,
      (this.pendingByDestination.get(destination) ?? 0) + 1,
    );
    const queue = this.queues.get(key);
    if (queue) {
      queue.push(job);
      return;
    }
    const fresh = new Fifo<Job>();
    fresh.push(job);
    this.queues.set(key, fresh);
    // After the current tick, so the HTTP answer that caused the event goes out first.
    const generation = this.generation;
    setImmediate(() => void this.drain(key, fresh, generation));
  }

  private settled(url: string): void {
    const destination = destinationOf(url);
    const left = (this.pendingByDestination.get(destination) ?? 1) - 1;
    if (left > 0) this.pendingByDestination.set(destination, left);
    else this.pendingByDestination.delete(destination);
  }

  private async drain(key: string, queue: Fifo<Job>, generation: number): Promise<void> {
    for (let job = queue.peek(); job && generation === this.generation; job = queue.peek()) {
      const finished = await this.deliver(job, generation);
      if (generation !== this.generation) return;
      if (!finished) {
        this.parked.add(queue);
        this.notifyIdle();
        return;
      }
      queue.shift();
      this.pendingCount--;
      this.settled(job.record.url);
    }
    if (queue.length === 0 && this.queues.get(key) === queue) this.queues.delete(key);
    this.notifyIdle();
  }

  /** Sends one record until it is delivered or failed (true), or shutdown parks it (false). */
  private async deliver({ record, policy }: Job, generation: number): Promise<boolean> {
    const { logger } = this.options;
    const body =
      record.schema === 'EventGrid' ? JSON.stringify([record.event]) : callbackBody(record.event);
    const firstStarted = Date.now();
    const refused = this.options.targets?.problem(record.url, 'the callback URL');
    if (refused) {
      record.attempts.push({
        at: new Date(firstStarted).toISOString(),
        error: refused,
        durationMs: 0,
      });
      record.status = 'failed';
      this.journal.changed(record);
      this.options.onAttempt?.(record, record.attempts.at(-1) as DeliveryAttempt);
      logger.warn(
        { eventId: record.id, type: record.type, url: safeUrl(record.url), reason: refused },
        'callback refused',
      );
      return true;
    }
    const length = Buffer.byteLength(body);
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const outcome = await this.post(record.url, body, length, policy);
      if (generation !== this.generation) return false;
      const entry = attemptEntry(isoTime(started), outcome, Date.now() - started);
      record.attempts.push(entry);
      this.options.onAttempt?.(record, entry);
      const decision = policy.decide(attempt, outcome, Date.now() - firstStarted);
      if (decision.retry) {
        this.journal.changed(record);
        logger.debug(
          { eventId: record.id, type: record.type, attempt, outcome, delayMs: decision.delayMs },
          'callback attempt failed; retrying',
        );
        const go = await this.sleep(decision.delayMs, policy.timeoutMs);
        if (generation !== this.generation) return false;
        if (!go) return false;
        continue;
      }
      record.status = decision.reason === 'delivered' ? 'delivered' : 'failed';
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
            redeliver: `POST /admin/events/${record.id}/redeliver`,
          },
          record.schema === 'EventGrid'
            ? 'Event Grid delivery failed; --event-grid-retry-schedule-ms (ACS_EMULATOR_EVENT_GRID_RETRY_SCHEDULE_MS) sets its retries'
            : 'callback delivery failed; --delivery-max-attempts, --delivery-backoff-ms, --delivery-retry-window-ms and --delivery-timeout-ms (ACS_EMULATOR_DELIVERY_*) set the retry policy',
        );
      }
      return true;
    }
  }

  private post(url: string, body: string, length: number, policy: Policy): Promise<AttemptOutcome> {
    const signer = policy.signed ? this.options.signer : undefined;
    if (!signer) return this.poster.post(url, body, length, undefined, policy.timeoutMs);
    return signer.sign().then(
      (token) => this.poster.post(url, body, length, `Bearer ${token}`, policy.timeoutMs),
      (err: unknown) => ({ error: `could not sign the callback: ${(err as Error).message}` }),
    );
  }

  /** A cancellable, unref'd wait, so a retry never keeps the process alive. */
  private sleep(ms: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const sleep: Sleep = {
        until: Date.now() + ms,
        timeoutMs,
        timer: setTimeout(() => sleep.wake(), ms),
        wake: (go = true) => {
          clearTimeout(sleep.timer);
          this.sleeps.delete(sleep);
          resolve(go);
        },
      };
      sleep.timer.unref();
      this.sleeps.add(sleep);
      this.shorten(sleep);
    });
  }

  /**
   * While flushing, the next attempt starts early enough to finish before the deadline; when
   * even at once it could not (less than its answer timeout is left), it is not made at all: an
   * attempt cut by the deadline may still reach the webhook, and the event would arrive twice.
   */
  private shorten(sleep: Sleep): void {
    if (this.deadline === undefined) return;
    if (this.deadline - sleep.timeoutMs < Date.now()) {
      sleep.wake(false);
      return;
    }
    const latest = Math.max(Date.now(), this.deadline - sleep.timeoutMs);
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
    // Parked queues stay in `queues` until close, so "all parked" is a size comparison.
    if (this.pending > 0 && this.parked.size < this.queues.size) return;
    for (const waiter of this.idleWaiters) waiter();
  }
}

/** Where a pending count is kept: scheme, host and port (the URL itself when it does not parse). */
export const destinationOf = (url: string): string => webhookUrl(url).origin;

/** The journal's attempt: `at`, then `status` and/or `error` when there, then `durationMs`. */
function attemptEntry(at: string, outcome: AttemptOutcome, durationMs: number): DeliveryAttempt {
  const { status, error } = outcome;
  // One literal per shape, each built whole (the journal keeps thousands of them).
  if (error === undefined)
    return status === undefined ? { at, durationMs } : { at, status, durationMs };
  return status === undefined ? { at, error, durationMs } : { at, status, error, durationMs };
}

/**
 * `new Date(ms).toISOString()`, remembering the last answer: at thousands of attempts a second,
 * many start in the same millisecond.
 */
let lastIso = { ms: Number.NaN, iso: '' };
function isoTime(ms: number): string {
  if (ms !== lastIso.ms) lastIso = { ms, iso: new Date(ms).toISOString() };
  return lastIso.iso;
}

/** One queue per call and destination: order holds within it, and only within it. */
const queueKey = (callConnectionId: string, url: string): string =>
  `${callConnectionId}\u0000${url}`;
