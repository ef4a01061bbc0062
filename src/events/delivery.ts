/**
 * Callback delivery: per call, events go out in the order they were produced, one in flight at a
 * time; calls never wait for each other. Connection errors, timeouts, 408, 429 and 5xx are retried
 * with exponential backoff and jitter (honouring Retry-After); other statuses are final.
 */
import type { Logger } from 'pino';
import { callbackBody, type CloudEvent } from './cloud-event.js';
import { EventJournal, type DeliveryAttempt, type EventRecord } from './event-journal.js';
import { postJson, type PostResult } from './http-post.js';

export interface DeliveryOptions {
  maxAttempts: number;
  timeoutMs: number;
  backoffMs: number;
  journalLimit: number;
  logger: Logger;
  /** Called after every attempt (the attempt is already in `record.attempts`); used for logs. */
  onAttempt?: (record: EventRecord, attempt: DeliveryAttempt) => void;
}

const MAX_BACKOFF_MS = 30_000;

function retryable(result: PostResult): boolean {
  if (result.status === undefined) return true;
  return result.status === 408 || result.status === 429 || result.status >= 500;
}

export class Delivery {
  readonly journal: EventJournal;
  private readonly queues = new Map<string, EventRecord[]>();
  private readonly idleWaiters = new Set<() => void>();
  private generation = 0;
  private inFlight = 0;

  constructor(private readonly options: DeliveryOptions) {
    this.journal = new EventJournal(options.journalLimit);
  }

  /** Records the event as pending and schedules it behind the call's earlier events. */
  enqueue(callConnectionId: string, url: string, event: CloudEvent): EventRecord {
    const record: EventRecord = {
      id: event.id,
      type: event.type,
      callConnectionId,
      url,
      status: 'pending',
      attempts: [],
      event,
    };
    this.journal.add(record);
    const queue = this.queues.get(callConnectionId);
    if (queue) queue.push(record);
    else {
      this.queues.set(callConnectionId, [record]);
      // After the current tick, so the HTTP answer that caused the event goes out first.
      setImmediate(() => void this.drain(callConnectionId, this.generation));
    }
    return record;
  }

  /** Number of events not yet delivered or failed. */
  get pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  /** Resolves when nothing is pending, or after `timeoutMs`; returns what is still pending. */
  async flush(timeoutMs: number): Promise<number> {
    if (this.pending === 0) return 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.idleWaiters.add(done);
    });
    return this.pending;
  }

  /** Forgets every queue and record; deliveries in flight finish without being recorded. */
  reset(): void {
    this.generation++;
    this.queues.clear();
    this.journal.clear();
    this.notifyIdle();
  }

  private async drain(callConnectionId: string, generation: number): Promise<void> {
    const queue = this.queues.get(callConnectionId);
    while (queue && queue.length > 0 && generation === this.generation) {
      const record = queue[0] as EventRecord;
      await this.deliver(record, generation);
      queue.shift();
    }
    if (generation === this.generation && queue?.length === 0) this.queues.delete(callConnectionId);
    this.notifyIdle();
  }

  private async deliver(record: EventRecord, generation: number): Promise<void> {
    const body = callbackBody(record.event);
    const { maxAttempts, timeoutMs, backoffMs, logger } = this.options;
    for (let attempt = 1; attempt <= maxAttempts && generation === this.generation; attempt++) {
      const started = Date.now();
      this.inFlight++;
      const result = await postJson(record.url, body, {}, timeoutMs);
      this.inFlight--;
      record.attempts.push({
        at: new Date(started).toISOString(),
        ...(result.status !== undefined ? { status: result.status } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
        durationMs: Date.now() - started,
      });
      this.options.onAttempt?.(record, record.attempts.at(-1) as DeliveryAttempt);
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        record.status = 'delivered';
        return;
      }
      if (!retryable(result) || attempt === maxAttempts) break;
      const exponential = backoffMs * 2 ** (attempt - 1);
      const delay = Math.min(
        MAX_BACKOFF_MS,
        result.retryAfterMs ?? exponential * (0.5 + Math.random()),
      );
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
    record.status = 'failed';
    const last = record.attempts.at(-1);
    logger.warn(
      {
        eventId: record.id,
        type: record.type,
        url: record.url,
        attempts: record.attempts.length,
        last,
      },
      'callback delivery failed',
    );
  }

  private notifyIdle(): void {
    if (this.pending > 0) return;
    for (const waiter of this.idleWaiters) waiter();
    this.idleWaiters.clear();
  }
}
