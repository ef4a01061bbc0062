/**
 * Posts an IncomingCall Event Grid event to the app's webhook, retrying as callback delivery does
 * (connection errors, timeouts, 408, 429 and 5xx), and records the outcome on the notice so the
 * control API can show it. Never blocks the request that placed the call.
 */
import type { Logger } from 'pino';
import type { WebhookNotice } from '../domain/incoming-calls.js';
import type { EventGridEvent } from './event-grid.js';
import { isRetryable, isSuccess, type AttemptOutcome } from './retry-policy.js';

export interface WebhookOptions {
  /** One POST attempt (the emulator's delivery connections, unsigned). */
  post: (url: string, body: string) => Promise<AttemptOutcome>;
  maxAttempts: number;
  backoffMs: number;
  logger: Logger;
}

export async function postIncomingCall(
  notice: WebhookNotice,
  event: EventGridEvent,
  options: WebhookOptions,
): Promise<void> {
  const body = JSON.stringify([event]);
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    const result = await options.post(notice.url, body);
    notice.attempts = attempt;
    notice.lastStatus = result.status;
    notice.lastError = result.error;
    if (isSuccess(result)) {
      notice.status = 'delivered';
      return;
    }
    if (!isRetryable(result) || attempt === options.maxAttempts) break;
    const delay = result.retryAfterMs ?? options.backoffMs * 2 ** (attempt - 1);
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, 30_000)).unref());
  }
  notice.status = 'failed';
  options.logger.warn(
    {
      url: notice.url,
      attempts: notice.attempts,
      status: notice.lastStatus,
      error: notice.lastError,
    },
    'IncomingCall webhook delivery failed',
  );
}
