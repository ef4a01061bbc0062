/**
 * A webhook that was down gets its events back: POST /admin/events/{id}/redeliver and
 * /admin/calls/{id}/events/redeliver send failed events again (same id, attempts appended), and
 * the default retry policy lasts tens of seconds, long enough for an app to restart.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CallAutomationClient,
  parseCallAutomationEvent,
} from '@azure/communication-call-automation';
import { EmulatorClient } from '../../src/index.js';
import { DEFAULTS } from '../../src/config/settings.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { placeConnectedCall } from '../helpers/call-driver.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';
import { adminPost } from '../helpers/admin-client.js';
import { waitUntil } from '../helpers/wait-until.js';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createEmulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';

interface RecordView {
  id: string;
  type: string;
  status: string;
  attempts: { status?: number }[];
}

describe('redelivering failed events', () => {
  let running: RunningEmulator;
  let control: EmulatorClient;
  let webhook: ScriptedWebhook;
  let up = false;

  before(async () => {
    running = await startEmulator({ deliveryBackoffMs: 5, deliveryMaxAttempts: 2 });
    control = new EmulatorClient(running.url);
    webhook = await startScriptedWebhook(() => ({ status: up ? 200 : 503 }));
  });
  after(async () => {
    await running.stop();
    await webhook.close();
  });

  it('the default policy retries for tens of seconds, not about a second', () => {
    // Sum of the smallest possible delays (equal jitter: at least half of each doubled delay).
    let least = 0;
    for (let attempt = 1; attempt < DEFAULTS.deliveryMaxAttempts; attempt++) {
      const doubled = Math.min(
        DEFAULTS.deliveryMaxBackoffMs,
        DEFAULTS.deliveryBackoffMs * 2 ** (attempt - 1),
      );
      if (least + doubled / 2 > DEFAULTS.deliveryRetryWindowMs) break;
      least += doubled / 2;
    }
    assert.ok(least >= 10_000, `the default retries span at least ${least} ms`);
  });

  it('sends a failed event again with the same id once the webhook is back, and every failed event of a call', async () => {
    up = false;
    const call = await placeConnectedCall(running.client(), control, webhook.url());
    await control.waitForEvent({ callConnectionId: call.id, status: 'failed', timeoutMs: 5_000 });
    await waitUntil(
      async () =>
        (await control.listEvents({ callConnectionId: call.id, status: 'pending' })).length === 0,
      'both events of the call settled',
    );
    const failed = await control.listEvents({ callConnectionId: call.id, status: 'failed' });
    assert.equal(failed.length, 2, 'CallConnected and ParticipantsUpdated both failed');
    const [first, second] = failed as unknown as [RecordView, RecordView];
    assert.equal(first.attempts.length, 2);

    up = true;
    const one = await adminPost<{ value: RecordView[] }>(
      running.url,
      `/admin/events/${first.id}/redeliver`,
    );
    assert.equal(one.status, 202);
    assert.deepEqual(
      one.body.value.map((r) => [r.id, r.status]),
      [[first.id, 'pending']],
    );
    const delivered = await control.waitForEvent({
      callConnectionId: call.id,
      type: first.type.replace('Microsoft.Communication.', ''),
      status: 'delivered',
      timeoutMs: 5_000,
    });
    assert.equal(delivered.id, first.id);
    assert.deepEqual(
      delivered.attempts.map((a) => a.status),
      [503, 503, 200],
      'the earlier attempts stay, the new one is appended',
    );
    const hit = webhook.hits.find((h) => h.eventId === first.id && h.reply === 200);
    assert.equal(hit?.attempt, 3, 'the webhook sees the same event id a third time');
    const [event] = JSON.parse(hit.rawBody) as [Record<string, unknown>];
    assert.equal(parseCallAutomationEvent(event).callConnectionId, call.id);

    const again = await adminPost(running.url, `/admin/events/${first.id}/redeliver`);
    assert.equal(again.status, 409);
    assert.match(JSON.stringify(again.body), /only a failed or dropped event/);

    const all = await control.redeliverFailedEvents(call.id);
    assert.deepEqual(
      all.map((r) => r.id),
      [second.id],
    );
    assert.deepEqual(await control.redeliverFailedEvents('no-failed-events'), []);
    await waitUntil(
      async () =>
        (await control.listEvents({ callConnectionId: call.id })).every(
          (r) => r.status === 'delivered',
        ),
      'every event of the call delivered',
    );
  });

  it('answers 404 naming the list route for an unknown event id', async () => {
    const reply = await adminPost<{ error: { code: string; message: string } }>(
      running.url,
      '/admin/events/no-such-event/redeliver',
    );
    assert.equal(reply.status, 404);
    assert.equal(reply.body.error.code, 'EventNotFound');
    assert.match(reply.body.error.message, /GET \/admin\/events/);
  });

  it('logs a failed callback with the settings that change the retry policy and the redeliver route', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const emulator = createEmulator(
      testConfig({ deliveryBackoffMs: 5, deliveryMaxAttempts: 1, logLevel: 'warn' }),
      { logger: pino({ level: 'warn' }, sink) },
    );
    const started = await emulator.start();
    try {
      up = false;
      const logged = new EmulatorClient(started.url);
      const client = new CallAutomationClient(started.connectionString, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      const call = await placeConnectedCall(client, logged, webhook.url());
      await logged.waitForEvent({ callConnectionId: call.id, status: 'failed', timeoutMs: 5_000 });
      await waitUntil(
        () => lines.some((l) => String(l.msg).startsWith('callback delivery failed')),
        'the failure log line',
      );
      const line = lines.find((l) => String(l.msg).startsWith('callback delivery failed'));
      assert.match(String(line?.msg), /--delivery-max-attempts/);
      assert.match(String(line?.msg), /--delivery-retry-window-ms/);
      assert.match(String(line?.redeliver), /^POST \/admin\/events\/.+\/redeliver$/);
    } finally {
      await emulator.stop(1_000);
    }
  });
});
