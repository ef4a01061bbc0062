/**
 * Long-poll waits on a journal: resolve with the first record that matches, whether it was
 * recorded before the wait began or after. Waiters are woken by journal changes, never by
 * polling, and a timed-out or abandoned wait leaves nothing behind.
 */
import type { BoundedJournal } from './bounded-journal.js';

interface Waiter<T, F> {
  filter: F;
  resolve(record: T | undefined): void;
}

export interface PendingWait<T> {
  /** The matching record, or undefined when the time ran out or the wait was cancelled. */
  readonly result: Promise<T | undefined>;
  cancel(): void;
}

export class JournalWaiters<T extends object, F> {
  private readonly waiters = new Set<Waiter<T, F>>();

  constructor(private readonly journal: BoundedJournal<T, F>) {
    journal.subscribe((record) => {
      for (const waiter of this.waiters) {
        if (journal.matches(record, waiter.filter)) waiter.resolve(record);
      }
    });
  }

  wait(filter: F, timeoutMs: number): PendingWait<T> {
    const already = this.journal.find(filter);
    if (already) return { result: Promise.resolve(already), cancel: () => undefined };
    let waiter: Waiter<T, F> | undefined;
    const result = new Promise<T | undefined>((resolve) => {
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      timer.unref();
      const settle = (record: T | undefined) => {
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
