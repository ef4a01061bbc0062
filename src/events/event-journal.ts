/**
 * The bounded journal of callbacks: every event, where it goes, and each delivery attempt.
 * When full, the oldest finished records go first; a pending record is never evicted, so the
 * journal may exceed its bound while more than `limit` events are still pending.
 */
import type { FaultMark } from '../domain/forced-outcome.js';
import type { CloudEvent } from './cloud-event.js';

/** `dropped` is reserved for fault rules that swallow a callback on purpose. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dropped';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'pending',
  'delivered',
  'failed',
  'dropped',
];

export interface DeliveryAttempt {
  /** When the POST started (ISO 8601). */
  at: string;
  /** The webhook's HTTP status, when it answered. */
  status?: number;
  /** Why no answer arrived (connection refused, timeout, ...), when it did not. */
  error?: string;
  durationMs: number;
}

export interface EventRecord {
  id: string;
  type: string;
  callConnectionId: string;
  url: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  event: CloudEvent;
  /** The fault rules that touched this event (absent when none did). */
  faults?: FaultMark[];
}

export interface EventFilter {
  callConnectionId?: string;
  /** The full type, `Microsoft.Communication.<Name>`. */
  type?: string;
  status?: DeliveryStatus;
  operationContext?: string;
}

export function matchesFilter(record: EventRecord, filter: EventFilter): boolean {
  return (
    (filter.callConnectionId === undefined ||
      record.callConnectionId === filter.callConnectionId) &&
    (filter.type === undefined || record.type === filter.type) &&
    (filter.status === undefined || record.status === filter.status) &&
    (filter.operationContext === undefined ||
      record.event.data.operationContext === filter.operationContext)
  );
}

export type JournalListener = (record: EventRecord) => void;

export class EventJournal {
  private records: EventRecord[] = [];
  private readonly listeners = new Set<JournalListener>();

  constructor(private readonly limit: number) {}

  add(record: EventRecord): void {
    this.records.push(record);
    this.trim();
    this.notify(record);
  }

  /** Tells listeners a record changed (an attempt or a new status); may let old records go. */
  changed(record: EventRecord): void {
    this.trim();
    this.notify(record);
  }

  list(filter: EventFilter = {}): EventRecord[] {
    return this.records.filter((r) => matchesFilter(r, filter));
  }

  /** The oldest record that matches, if any. */
  find(filter: EventFilter): EventRecord | undefined {
    return this.records.find((r) => matchesFilter(r, filter));
  }

  /** Calls `listener` on every add and change; returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.records.length;
  }

  clear(): void {
    this.records = [];
  }

  private trim(): void {
    let excess = this.records.length - this.limit;
    if (excess <= 0) return;
    // Usual case: the oldest record is finished and simply goes.
    while (excess > 0 && this.records[0] !== undefined && this.records[0].status !== 'pending') {
      this.records.shift();
      excess--;
    }
    if (excess <= 0) return;
    this.records = this.records.filter((r) => {
      if (excess > 0 && r.status !== 'pending') {
        excess--;
        return false;
      }
      return true;
    });
  }

  private notify(record: EventRecord): void {
    for (const listener of this.listeners) listener(record);
  }
}
