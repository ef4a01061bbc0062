/** What the live feed carries: one entry per change anywhere in the emulator's state. */
import type { CallerAction } from '../calls/caller-actions.js';
import type { Call } from '../domain/call.js';
import type { FaultRule } from '../faults/fault-rule.js';
import type { EventRecord } from '../events/event-journal.js';
import type { RequestRecord } from '../http/request-journal.js';

/**
 * A journal record as the feed shows it: a key that stays the same while the record changes (a
 * callback gains attempts; fault copies share the event id, so the id alone is not a key) and
 * when the emulator first saw it (wall clock), for ordering a timeline.
 */
export interface FeedItem<T> {
  key: string;
  at: string;
  record: T;
}

export type FeedChange =
  | { kind: 'call'; call: Call }
  | { kind: 'request'; item: FeedItem<RequestRecord> }
  | { kind: 'callback'; item: FeedItem<EventRecord> }
  | { kind: 'caller'; item: FeedItem<CallerAction> }
  | { kind: 'clock'; mode: 'system' | 'manual'; now: string }
  | { kind: 'faults'; value: FaultRule[]; seed: number }
  | { kind: 'reset' };

/** A change with its place in the feed (1, 2, 3, ... within one feed). */
export interface FeedEntry {
  seq: number;
  change: FeedChange;
}
