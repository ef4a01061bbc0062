/**
 * Sends an IncomingCall to its webhook: the one path for incoming calls placed with the control
 * API and for those the emulator raises when a call reaches a number the app owns. The POST goes
 * through delivery under Event Grid's policy, to the call's own webhook URL when it has one, else
 * to every Event Grid subscription that takes IncomingCall (--incoming-call-webhook,
 * --event-grid-webhook, PUT /admin/event-subscriptions); the notice kept on the call reads the
 * first delivery record.
 */
import type { Clock } from '../clock.js';
import type { IncomingCall, WebhookNotice } from '../domain/incoming-calls.js';
import type { Delivery } from '../events/delivery.js';
import type { EventGridSubscriptions } from '../events/event-grid-subscriptions.js';
import { deliverIncomingCall, publishIncomingCall } from '../events/incoming-call-webhook.js';

export interface NotifierDeps {
  delivery: Delivery;
  eventGrid: EventGridSubscriptions;
  clock: Clock;
}

export type IncomingCallNotifier = (
  incoming: IncomingCall,
  url: string | undefined,
) => WebhookNotice | undefined;

export function incomingCallNotifier(deps: NotifierDeps): IncomingCallNotifier {
  return (incoming, url) => {
    const now = deps.clock.now();
    return url !== undefined
      ? deliverIncomingCall(deps.delivery, incoming, url, now)
      : publishIncomingCall(deps.eventGrid, incoming, now);
  };
}
