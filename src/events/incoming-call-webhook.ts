/**
 * The IncomingCall notification goes through delivery like every event (journaled, flushed on
 * stop) under Event Grid's policy; the notice the control API shows on the incoming call is read
 * live from that delivery record, so the two never disagree. Never blocks the request that placed
 * the call.
 */
import type { IncomingCall, WebhookNotice } from '../domain/incoming-calls.js';
import type { Delivery } from './delivery.js';
import { incomingCallEvent } from './event-grid.js';
import type { EventGridSubscriptions } from './event-grid-subscriptions.js';
import type { EventGridRecord } from './event-journal.js';

/** Queues the IncomingCall Event Grid event for `url`; returns the notice to keep on the call. */
export function deliverIncomingCall(
  delivery: Delivery,
  incoming: IncomingCall,
  url: string,
  now: number,
): WebhookNotice {
  return noticeOf(delivery.enqueueEventGrid(url, incomingCallEvent(incoming, now)));
}

/**
 * Publishes the IncomingCall event to every Event Grid subscription that takes it; the notice kept
 * on the call is the first subscription's (none when nobody subscribes).
 */
export function publishIncomingCall(
  subscriptions: EventGridSubscriptions,
  incoming: IncomingCall,
  now: number,
): WebhookNotice | undefined {
  const first = subscriptions.publish(incomingCallEvent(incoming, now))[0];
  return first ? noticeOf(first) : undefined;
}

/** A read-only view of the record: getters, so JSON and readers see its current state. */
export function noticeOf(record: EventGridRecord): WebhookNotice {
  return {
    url: record.url,
    eventId: record.id,
    get status() {
      return record.status === 'pending' || record.status === 'delivered'
        ? record.status
        : 'failed';
    },
    get attempts() {
      return record.attempts.length;
    },
    get lastStatus() {
      return record.attempts.at(-1)?.status;
    },
    get lastError() {
      return record.attempts.at(-1)?.error;
    },
  };
}
