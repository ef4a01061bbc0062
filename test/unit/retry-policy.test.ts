/** The retry rules as a table: which outcomes retry, how long to wait, when to give up. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  backoffDelay,
  decideRetry,
  isRetryable,
  parseRetryAfter,
  type AttemptOutcome,
  type RetryPolicy,
} from '../../src/events/retry-policy.js';

const POLICY: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: 100,
  maxBackoffMs: 1_000,
  retryWindowMs: 10_000,
};

describe('retry policy', () => {
  it('retries connection errors, timeouts, 408, 429 and 5xx; nothing else', () => {
    const table: [AttemptOutcome, boolean][] = [
      [{ error: 'connect ECONNREFUSED 127.0.0.1:1' }, true],
      [{ error: 'timeout: no complete answer within 10 ms' }, true],
      [{ status: 408 }, true],
      [{ status: 429 }, true],
      [{ status: 500 }, true],
      [{ status: 503 }, true],
      [{ status: 599 }, true],
      [{ status: 400 }, false],
      [{ status: 401 }, false],
      [{ status: 404 }, false],
      [{ status: 410 }, false],
      [{ status: 301 }, false],
    ];
    for (const [outcome, expected] of table)
      assert.equal(isRetryable(outcome), expected, JSON.stringify(outcome));
  });

  it('backs off exponentially with jitter between half and all of the doubled delay, capped', () => {
    const table: [attempt: number, low: number, high: number][] = [
      [1, 50, 100],
      [2, 100, 200],
      [3, 200, 400],
      [4, 400, 800],
      [5, 500, 1_000],
      [12, 500, 1_000],
    ];
    for (const [attempt, low, high] of table) {
      assert.equal(backoffDelay(POLICY, attempt, 0), low, `attempt ${attempt}, random 0`);
      assert.equal(backoffDelay(POLICY, attempt, 0.999999), high, `attempt ${attempt}, random ~1`);
    }
  });

  it('decides: delivered, final, exhausted, out of window, or retry after a delay', () => {
    assert.deepEqual(decideRetry(POLICY, 1, { status: 204 }, 0, 0.5), {
      retry: false,
      reason: 'delivered',
    });
    assert.deepEqual(decideRetry(POLICY, 1, { status: 400 }, 0, 0.5), {
      retry: false,
      reason: 'final-status',
    });
    assert.deepEqual(decideRetry(POLICY, 5, { status: 500 }, 0, 0.5), {
      retry: false,
      reason: 'attempts-exhausted',
    });
    assert.deepEqual(decideRetry(POLICY, 2, { status: 500 }, 9_900, 0.5), {
      retry: false,
      reason: 'window-exceeded',
    });
    assert.deepEqual(decideRetry(POLICY, 2, { error: 'ECONNRESET' }, 0, 0.5), {
      retry: true,
      delayMs: 150,
    });
  });

  it('honours Retry-After over the computed delay, even beyond the cap, within the window', () => {
    assert.deepEqual(decideRetry(POLICY, 1, { status: 429, retryAfterMs: 3_000 }, 0, 0.5), {
      retry: true,
      delayMs: 3_000,
    });
    assert.deepEqual(decideRetry(POLICY, 1, { status: 503, retryAfterMs: 0 }, 0, 0.5), {
      retry: true,
      delayMs: 0,
    });
    assert.deepEqual(decideRetry(POLICY, 1, { status: 503, retryAfterMs: 60_000 }, 0, 0.5), {
      retry: false,
      reason: 'window-exceeded',
    });
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-12T10:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('Thu, 12 Mar 2026 10:00:05 GMT', now), 5_000);
    assert.equal(parseRetryAfter('Thu, 12 Mar 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
