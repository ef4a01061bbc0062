/**
 * One log line per callback attempt (delivery's `onAttempt` hook): event, call, target, attempt
 * number, status or error, duration. The URL goes through the logger's `url` serializer, which
 * hides credentials and query values.
 */
import type { Logger } from 'pino';
import type { DeliveryAttempt, EventRecord } from './event-journal.js';

export function logCallbackAttempt(
  logger: Logger,
): (record: EventRecord, attempt: DeliveryAttempt) => void {
  return (record, attempt) => {
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    const level = ok ? 'info' : 'warn';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        eventId: record.id,
        type: record.type,
        callConnectionId: record.callConnectionId,
        url: record.url,
        attempt: record.attempts.length,
        status: attempt.status,
        error: attempt.error,
        durationMs: attempt.durationMs,
      },
      'callback',
    );
  };
}
