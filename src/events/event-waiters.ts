/**
 * Long-poll waits on the event journal (`GET /admin/events/wait`): the journal room's waiters with
 * the event filter.
 */
import { JournalWaiters, type PendingWait as JournalWait } from '../journal/journal-waiters.js';
import type { EventFilter, EventRecord } from './event-journal.js';

export type PendingWait = JournalWait<EventRecord>;

export class EventWaiters extends JournalWaiters<EventRecord, EventFilter> {}
