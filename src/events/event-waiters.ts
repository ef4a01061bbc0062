/**
 * Long-poll waits on the event journal: resolve with the first record that matches, whether it
 * was recorded before the wait began or after. Waiters are woken by journal changes, never by
 * polling, and a timed-out or abandoned wait leaves nothing behind.
 */
import {
  matchesFilter,
  type EventFilter,
  type EventJournal,
  type EventRecord,
} from './event-journal.js';

interface Waiter {
  filter: EventFilter;
  resolve(record: EventRecord | undefined): void;
}

export interface PendingWait {
  /** The matching record, or undefined when the time ran out or the wait was cancelled. */
  readonly result: Promise<EventRecord | undefined>;
  cancel(): void;
}

export class EventWaiters {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly journal: EventJournal) {
    journal.subscribe((record) => {
      for (const waiter of this.waiters) {
        if (matchesFilter(record, waiter.filter)) waiter.resolve(record);
      }
    });
  }

  wait(filter: EventFilter, timeoutMs: number): PendingWait {
    const already = this.journal.find(filter);
    if (already) return { result: Promise.resolve(already), cancel: () => undefined };
    let waiter: Waiter | undefined;
    const result = new Promise<EventRecord | undefined>((resolve) => {
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      timer.unref();
      const settle = (record: EventRecord | undefined) => {
        clearTimeout(timer);
        if (waiter) this.waiters.delete(waiter);
        resolve(record);
      };
      waiter = { filter, resolve: settle };
      this.waiters.add(waiter);
    });
    return { result, cancel: () => waiter?.resolve(undefined) };
  }

  /** Number of waits in progress (for tests and /health). */
  get size(): number {
    return this.waiters.size;
  }
}
