/**
 * Sends an IncomingCall to its webhook: the one path for incoming calls placed with the control
 * API and for those the emulator raises when a call reaches a number the app owns.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { IncomingCall } from '../domain/incoming-calls.js';
import type { Delivery } from '../events/delivery.js';
import { incomingCallEvent } from '../events/event-grid.js';
import { postIncomingCall } from '../events/incoming-call-webhook.js';

export interface NotifierDeps {
  delivery: Delivery;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  backoffMs: number;
}

export type IncomingCallNotifier = (incoming: IncomingCall) => void;

export function incomingCallNotifier(deps: NotifierDeps): IncomingCallNotifier {
  return (incoming) => {
    if (!incoming.webhook) return;
    void postIncomingCall(incoming.webhook, incomingCallEvent(incoming, deps.clock.now()), {
      post: (url, body) => deps.delivery.postUnsigned(url, body),
      maxAttempts: deps.maxAttempts,
      backoffMs: deps.backoffMs,
      logger: deps.logger,
    });
  };
}
