/**
 * Sends an IncomingCall to its webhook: the one path for incoming calls placed with the control
 * API and for those the emulator raises when a call reaches a number the app owns. The POST goes
 * through delivery under Event Grid's policy; the notice kept on the call reads that record.
 */
import type { Clock } from '../clock.js';
import type { IncomingCall, WebhookNotice } from '../domain/incoming-calls.js';
import type { Delivery } from '../events/delivery.js';
import { deliverIncomingCall } from '../events/incoming-call-webhook.js';

export interface NotifierDeps {
  delivery: Delivery;
  clock: Clock;
}

export type IncomingCallNotifier = (incoming: IncomingCall, url: string) => WebhookNotice;

export function incomingCallNotifier(deps: NotifierDeps): IncomingCallNotifier {
  return (incoming, url) => deliverIncomingCall(deps.delivery, incoming, url, deps.clock.now());
}
