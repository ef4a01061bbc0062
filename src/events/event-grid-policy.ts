/**
 * Event Grid's delivery policy, which IncomingCall (and later RecordingFileStatusUpdated) follow
 * instead of the callback one: up to 30 s for an answer, then retries on a fixed schedule, no
 * jitter from the emulator and no Retry-After. Pure, like retry-policy.ts.
 *
 * Event Grid goes on after the schedule at growing intervals up to 24 h; the emulator stops after
 * the last delay listed (a longer list goes on longer).
 */
import type { AttemptOutcome, RetryDecision } from './retry-policy.js';

export interface EventGridPolicy {
  /** Time the webhook has to answer one POST completely. */
  timeoutMs: number;
  /** The delay before each retry, in order; one attempt more than its length in all. */
  retryScheduleMs: readonly number[];
}

/** 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h. */
export const EVENT_GRID_RETRY_SCHEDULE_MS: readonly number[] = [
  10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000,
];

export const EVENT_GRID_TIMEOUT_MS = 30_000;

export const EVENT_GRID_POLICY: EventGridPolicy = {
  timeoutMs: EVENT_GRID_TIMEOUT_MS,
  retryScheduleMs: EVENT_GRID_RETRY_SCHEDULE_MS,
};

/** Webhook answers Event Grid never retries: the request itself is refused. */
const FINAL_STATUSES = new Set([400, 401, 403, 413]);

/** Event Grid counts only these as delivered. */
export const isEventGridSuccess = (outcome: AttemptOutcome): boolean =>
  outcome.status !== undefined && outcome.status >= 200 && outcome.status <= 204;

/** What follows attempt number `attempt` (1-based) of an Event Grid delivery. */
export function decideEventGridRetry(
  policy: EventGridPolicy,
  attempt: number,
  outcome: AttemptOutcome,
): RetryDecision {
  if (isEventGridSuccess(outcome)) return { retry: false, reason: 'delivered' };
  if (outcome.status !== undefined && FINAL_STATUSES.has(outcome.status))
    return { retry: false, reason: 'final-status' };
  const delayMs = policy.retryScheduleMs[attempt - 1];
  if (delayMs === undefined) return { retry: false, reason: 'attempts-exhausted' };
  return { retry: true, delayMs };
}
