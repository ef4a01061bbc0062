/**
 * The bounded journal of callbacks and Event Grid events: every event, where it goes, and each
 * delivery attempt. When full, the oldest finished records go first; a pending record is never
 * evicted, so the journal may exceed its bound while more than `limit` events are still pending
 * (see journal/bounded-journal.ts, which keeps that O(1) per event).
 */
import type { FaultMark } from '../domain/forced-outcome.js';
import { BoundedJournal } from '../journal/bounded-journal.js';
import type { CloudEvent } from './cloud-event.js';
import type { EventGridEvent } from './event-grid.js';

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

interface RecordBase {
  /** The event's own id (CloudEvent `id`, Event Grid `id`); fault copies share it. */
  id: string;
  /** The full type, `Microsoft.Communication.<Name>`. */
  type: string;
  url: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** The fault rules that touched this event (absent when none did). */
  faults?: FaultMark[];
}

/** A Call Automation callback: a CloudEvent for one call. */
export interface CallbackRecord extends RecordBase {
  callConnectionId: string;
  event: CloudEvent;
  schema?: never;
}

/**
 * An Event Grid event (IncomingCall): Event Grid schema, unsigned, Event Grid's retry schedule.
 * It comes before any call exists, so it has no `callConnectionId`.
 */
export interface EventGridRecord extends RecordBase {
  schema: 'EventGrid';
  event: EventGridEvent;
  callConnectionId?: never;
}

export type EventRecord = CallbackRecord | EventGridRecord;

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

/** The bounded callback journal: filtered by {@link EventFilter}; pending records are kept. */
export class EventJournal extends BoundedJournal<EventRecord, EventFilter> {
  constructor(limit: number) {
    super({ limit, matches: matchesFilter, isPending: (r) => r.status === 'pending' });
  }
}
