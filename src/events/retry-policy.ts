/**
 * When a failed callback POST is tried again, and after how long. Pure: the delivery engine feeds
 * it the outcome of an attempt and a random number, so the rules are testable without sockets.
 */

/** What one POST came back with: an HTTP status, or an error before any status arrived. */
export interface AttemptOutcome {
  status?: number;
  /** From the webhook's Retry-After header, already in milliseconds. */
  retryAfterMs?: number;
  error?: string;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** First computed delay; doubles per attempt. */
  backoffMs: number;
  /** Cap of the computed delay (a Retry-After may ask for more and gets it). */
  maxBackoffMs: number;
  /** No attempt starts later than this after the first attempt started. */
  retryWindowMs: number;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false;
      reason: 'delivered' | 'final-status' | 'attempts-exhausted' | 'window-exceeded';
    };

export const isSuccess = (outcome: AttemptOutcome): boolean =>
  outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;

/**
 * Connection errors and timeouts have no status and are retried, as are 408, 429 and 5xx: the
 * webhook may recover. Any other status (3xx, other 4xx) says the request itself is unwelcome.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.status === undefined) return true;
  return outcome.status === 408 || outcome.status === 429 || outcome.status >= 500;
}

/**
 * Exponential backoff with "equal jitter": half the doubled delay plus a random half, so retries
 * of many calls spread out but never collapse to zero. `random` is in [0, 1).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: number): number {
  const exponential = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

/**
 * Decides what follows attempt number `attempt` (1-based), `elapsedMs` after the first attempt
 * started.
 */
export function decideRetry(
  policy: RetryPolicy,
  attempt: number,
  outcome: AttemptOutcome,
  elapsedMs: number,
  random: number,
): RetryDecision {
  if (isSuccess(outcome)) return DELIVERED;
  if (!isRetryable(outcome)) return { retry: false, reason: 'final-status' };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const delayMs = outcome.retryAfterMs ?? backoffDelay(policy, attempt, random);
  if (elapsedMs + delayMs > policy.retryWindowMs)
    return { retry: false, reason: 'window-exceeded' };
  return { retry: true, delayMs };
}

/** Shared: the answer to nearly every attempt, which no caller changes. */
const DELIVERED: RetryDecision = Object.freeze({ retry: false, reason: 'delivered' });

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
