/** Event Grid's delivery policy (IncomingCall), its settings, and their defaults kept in step. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, loadConfig } from '../../src/config.js';
import { decideEventGridRetry, EVENT_GRID_POLICY } from '../../src/events/event-grid-policy.js';

const policy = { timeoutMs: 30_000, retryScheduleMs: [10_000, 30_000, 60_000] };

describe('Event Grid delivery policy', () => {
  it('retries on the schedule, whatever the webhook asks, and fails after its last step', () => {
    assert.deepEqual(decideEventGridRetry(policy, 1, { error: 'timeout' }), {
      retry: true,
      delayMs: 10_000,
    });
    assert.deepEqual(decideEventGridRetry(policy, 2, { status: 503, retryAfterMs: 1 }), {
      retry: true,
      delayMs: 30_000,
    });
    assert.deepEqual(decideEventGridRetry(policy, 3, { status: 404 }), {
      retry: true,
      delayMs: 60_000,
    });
    assert.deepEqual(decideEventGridRetry(policy, 4, { status: 500 }), {
      retry: false,
      reason: 'attempts-exhausted',
    });
  });

  it('counts 200-204 as delivered; 400, 401, 403 and 413 are final; other answers are retried', () => {
    for (const status of [200, 201, 202, 203, 204])
      assert.deepEqual(decideEventGridRetry(policy, 1, { status }), {
        retry: false,
        reason: 'delivered',
      });
    for (const status of [400, 401, 403, 413])
      assert.deepEqual(decideEventGridRetry(policy, 1, { status }), {
        retry: false,
        reason: 'final-status',
      });
    for (const status of [205, 302, 404, 408, 429, 500])
      assert.equal(decideEventGridRetry(policy, 1, { status }).retry, true, String(status));
  });

  it("defaults to Event Grid's 30 s and 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h", () => {
    assert.equal(DEFAULTS.eventGridTimeoutMs, 30_000);
    assert.deepEqual(
      DEFAULTS.eventGridRetryScheduleMs,
      [10, 30, 60, 300, 600, 1800, 3600].map((s) => s * 1000),
    );
    assert.equal(EVENT_GRID_POLICY.timeoutMs, DEFAULTS.eventGridTimeoutMs);
    assert.deepEqual(EVENT_GRID_POLICY.retryScheduleMs, DEFAULTS.eventGridRetryScheduleMs);
  });

  it('reads the schedule from a flag, the environment or a config file, refusing junk', () => {
    assert.deepEqual(
      loadConfig(['--event-grid-retry-schedule-ms', '50, 100'], {}).eventGridRetryScheduleMs,
      [50, 100],
    );
    assert.deepEqual(
      loadConfig([], { ACS_EMULATOR_EVENT_GRID_RETRY_SCHEDULE_MS: '' }).eventGridRetryScheduleMs,
      DEFAULTS.eventGridRetryScheduleMs,
    );
    assert.deepEqual(
      loadConfig(['--event-grid-retry-schedule-ms='], {}).eventGridRetryScheduleMs,
      [],
    );
    const fromFile = loadConfig(['--config', 'c.json'], {}, () =>
      JSON.stringify({ eventGridRetryScheduleMs: [5, 6], eventGridTimeoutMs: 250 }),
    );
    assert.deepEqual(fromFile.eventGridRetryScheduleMs, [5, 6]);
    assert.equal(fromFile.eventGridTimeoutMs, 250);
    assert.throws(
      () => loadConfig(['--event-grid-retry-schedule-ms', '10,soon'], {}),
      /--event-grid-retry-schedule-ms: .*'10,soon' is not a comma-separated list of milliseconds/,
    );
    assert.throws(
      () => loadConfig(['--event-grid-timeout-ms', '5'], {}),
      /--event-grid-timeout-ms/,
    );
  });
});
