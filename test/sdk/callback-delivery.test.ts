/**
 * The delivery engine against real webhooks that misbehave: down then up, 5xx, hanging, 4xx,
 * Retry-After; calls driven through the official SDK. Assertions are about order and counts,
 * never durations.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import type { Config } from '../../src/config.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { placeConnectedCall, stoppedEvent } from '../helpers/call-driver.js';
import { recordOf, untilJournal } from '../helpers/journal.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';

function suite(name: string, config: Partial<Config>, body: (ctx: Context) => void) {
  describe(name, () => {
    const ctx = {} as Context;
    before(async () => {
      ctx.running = await startEmulator(config);
      ctx.client = ctx.running.client();
      ctx.control = new EmulatorClient(ctx.running.url);
    });
    after(() => ctx.running.stop());
    beforeEach(async () => {
      ctx.webhook = await startScriptedWebhook();
    });
    afterEach(() => ctx.webhook.close());
    body(ctx);
  });
}

interface Context {
  running: RunningEmulator;
  client: CallAutomationClient;
  control: EmulatorClient;
  webhook: ScriptedWebhook;
}

const ofCall = (id: string) => (h: { callConnectionId: string }) => h.callConnectionId === id;

suite(
  'delivery to a webhook that is down for a while',
  { deliveryMaxAttempts: 100, deliveryBackoffMs: 5, deliveryMaxBackoffMs: 40 },
  (ctx) => {
    it('delivers every event exactly once, in order, once the webhook is back', async () => {
      const { running, client, control, webhook } = ctx;
      await webhook.down();
      const call = await placeConnectedCall(client, control, webhook.url());
      await untilJournal(
        running.emulator,
        () => recordOf(running.emulator, call.id, 'CallConnected').attempts.length >= 3,
        'CallConnected failed three times',
      );
      // More events while it is down: they queue behind CallConnected.
      await stoppedEvent(call, 'first');
      await stoppedEvent(call, 'second');
      await call.connection.hangUp(false);
      const connected = recordOf(running.emulator, call.id, 'CallConnected');
      assert.equal(connected.status, 'pending');
      for (const attempt of connected.attempts) {
        assert.equal(attempt.status, undefined);
        assert.match(attempt.error ?? '', /ECONNREFUSED/);
      }
      const queued = await control.listEvents({ callConnectionId: call.id, status: 'pending' });
      assert.equal(queued.length, 5);
      // Only the head of the queue has been tried: one in flight per call.
      assert.deepEqual(
        queued.slice(1).map((r) => r.attempts.length),
        [0, 0, 0, 0],
      );

      await webhook.up();
      await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      const hits = webhook.hits.filter(ofCall(call.id));
      assert.deepEqual(
        hits.map((h) => [h.type, h.path === '/api/callbacks' ? 'ok' : h.path]),
        [
          ['CallConnected', 'ok'],
          ['ParticipantsUpdated', 'ok'],
          ['ContinuousDtmfRecognitionStopped', 'ok'],
          ['ContinuousDtmfRecognitionStopped', 'ok'],
          ['CallDisconnected', 'ok'],
        ],
      );
      assert.equal(new Set(hits.map((h) => h.eventId)).size, 5, 'each event exactly once');
      assert.ok(hits.every((h) => h.batchSize === 1));
      const records = await control.listEvents({ callConnectionId: call.id });
      assert.deepEqual(
        records.map((r) => r.status),
        ['delivered', 'delivered', 'delivered', 'delivered', 'delivered'],
      );
      assert.deepEqual(
        records.map((r) => r.event.data.operationContext),
        [undefined, undefined, 'first', 'second', undefined],
      );
    });
  },
);

suite('retries and final failures', { deliveryMaxAttempts: 4, deliveryBackoffMs: 5 }, (ctx) => {
  it('a webhook that answers 500 twice, then 200: delivered on the third attempt', async () => {
    const { client, control, webhook } = ctx;
    webhook.script = (hit) =>
      hit.type === 'CallConnected' && hit.attempt <= 2 ? { status: 500 } : { status: 200 };
    const call = await placeConnectedCall(client, control, webhook.url());
    const record = await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallConnected',
      status: 'delivered',
    });
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [500, 500, 200],
    );
    const times = record.attempts.map((a) => Date.parse(a.at));
    assert.ok(
      times.every((t, i) => !Number.isNaN(t) && t >= (times[i - 1] ?? t)),
      'in time order',
    );
    assert.ok(record.attempts.every((a) => typeof a.durationMs === 'number'));
    const hits = webhook.hits.filter((h) => h.eventId === record.id);
    assert.deepEqual(
      hits.map((h) => [h.attempt, h.reply]),
      [
        [1, 500],
        [2, 500],
        [3, 200],
      ],
    );
    // A retry is the same CloudEvent: same id and body.
    assert.equal(new Set(hits.map((h) => h.rawBody)).size, 1);
  });

  it('a webhook that answers 400: no retry, marked failed, the next event of the call still goes', async () => {
    const { client, control, webhook } = ctx;
    webhook.script = (hit) => (hit.type === 'CallConnected' ? { status: 400 } : { status: 200 });
    const call = await placeConnectedCall(client, control, webhook.url());
    await call.connection.hangUp(false);
    const disconnected = await control.waitForEvent({
      callConnectionId: call.id,
      type: 'Microsoft.Communication.CallDisconnected',
      status: 'delivered',
    });
    const [failed] = await control.listEvents({ callConnectionId: call.id, status: 'failed' });
    assert.equal(failed?.type, 'Microsoft.Communication.CallConnected');
    assert.deepEqual(
      failed?.attempts.map((a) => a.status),
      [400],
    );
    assert.deepEqual(
      disconnected.attempts.map((a) => a.status),
      [200],
    );
    assert.deepEqual(
      webhook.hits.filter(ofCall(call.id)).map((h) => [h.type, h.reply]),
      [
        ['CallConnected', 400],
        ['ParticipantsUpdated', 200],
        ['CallDisconnected', 200],
      ],
    );
  });

  it('other 4xx and 3xx are final too; 408 and 429 are retried', async () => {
    const { client, control, webhook } = ctx;
    const cases = [
      { path: '/not-found', first: 404, outcome: 'failed', statuses: [404] },
      { path: '/redirect', first: 302, outcome: 'failed', statuses: [302] },
      { path: '/request-timeout', first: 408, outcome: 'delivered', statuses: [408, 200] },
      { path: '/throttled', first: 429, outcome: 'delivered', statuses: [429, 200] },
    ] as const;
    webhook.script = (hit) => ({
      status: hit.attempt === 1 ? (cases.find((c) => c.path === hit.path)?.first ?? 200) : 200,
    });
    for (const { path, outcome, statuses } of cases) {
      const call = await placeConnectedCall(client, control, webhook.url(path));
      const record = await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallConnected',
        status: outcome,
      });
      assert.deepEqual(
        record.attempts.map((a) => a.status),
        statuses,
        path,
      );
    }
  });

  it('an event that exhausts its attempts is failed and the next one proceeds', async () => {
    const { client, control, webhook } = ctx;
    webhook.script = (hit) => (hit.type === 'CallConnected' ? { status: 503 } : { status: 200 });
    const call = await placeConnectedCall(client, control, webhook.url());
    await stoppedEvent(call, 'after-failure');
    const stopped = await control.waitForEvent({
      callConnectionId: call.id,
      operationContext: 'after-failure',
      status: 'delivered',
    });
    const connected = await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallConnected',
    });
    assert.equal(connected.status, 'failed');
    assert.deepEqual(
      connected.attempts.map((a) => a.status),
      [503, 503, 503, 503],
    );
    assert.equal(stopped.attempts.length, 1);
  });

  it('honours Retry-After: a wait beyond the retry window fails at once instead of retrying early', async () => {
    const { client, control, webhook } = ctx;
    webhook.script = (hit) =>
      hit.type === 'CallConnected'
        ? { status: 429, headers: { 'retry-after': '3600' } }
        : { status: 200 };
    const call = await placeConnectedCall(client, control, webhook.url());
    const connected = await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallConnected',
      status: 'failed',
    });
    assert.deepEqual(
      connected.attempts.map((a) => a.status),
      [429],
    );
  });

  it('keeps the connection to a webhook alive and reuses it', async () => {
    const { client, control, webhook } = ctx;
    const call = await placeConnectedCall(client, control, webhook.url());
    for (let i = 0; i < 8; i++) await stoppedEvent(call, `cycle-${i}`);
    await call.connection.hangUp(false);
    await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallDisconnected',
      status: 'delivered',
    });
    assert.equal(webhook.hits.filter(ofCall(call.id)).length, 11);
    assert.equal(webhook.connections, 1, 'eleven callbacks over one TCP connection');
    assert.ok(webhook.hits.every((h) => h.connection === 0));
  });

  it('keeps per-call order across concurrent calls while some attempts fail', async () => {
    const { client, control, webhook } = ctx;
    // Every other event's first attempt fails, on every call.
    let seen = 0;
    const failFirst = new Set<string>();
    webhook.script = (hit) => {
      if (hit.attempt === 1 && seen++ % 2 === 0) failFirst.add(hit.eventId);
      return failFirst.has(hit.eventId) && hit.attempt === 1 ? { status: 502 } : { status: 200 };
    };
    const calls = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => placeConnectedCall(client, control, webhook.url(`/call-${i}`))),
    );
    await Promise.all(
      calls.map(async (call) => {
        for (let i = 0; i < 3; i++) await stoppedEvent(call, `op-${i}`);
        await call.connection.hangUp(false);
      }),
    );
    for (const call of calls) {
      await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      const delivered = webhook.hits.filter((h) => ofCall(call.id)(h) && h.reply === 200);
      assert.deepEqual(
        delivered.map((h) => h.type),
        [
          'CallConnected',
          'ParticipantsUpdated',
          'ContinuousDtmfRecognitionStopped',
          'ContinuousDtmfRecognitionStopped',
          'ContinuousDtmfRecognitionStopped',
          'CallDisconnected',
        ],
      );
      const records = await control.listEvents({ callConnectionId: call.id });
      assert.deepEqual(
        delivered.map((h) => h.eventId),
        records.map((r) => r.id),
      );
    }
    assert.ok(failFirst.size > 0, 'some first attempts failed');
  });
});

suite(
  'a webhook that hangs',
  { deliveryTimeoutMs: 2_000, deliveryMaxAttempts: 3, deliveryBackoffMs: 5 },
  (ctx) => {
    it('times out, retries, and does not delay other calls', async () => {
      const { running, client, control, webhook } = ctx;
      webhook.script = (hit) =>
        hit.path === '/slow' && hit.type === 'CallConnected' && hit.attempt === 1
          ? 'hang'
          : { status: 200 };
      const slow = await placeConnectedCall(client, control, webhook.url('/slow'));
      const hanging = await webhook.waitFor((h) => h.path === '/slow');
      await slow.connection.hangUp(false);

      const fast = await placeConnectedCall(client, control, webhook.url('/fast'));
      await fast.connection.hangUp(false);
      await control.waitForEvent({
        callConnectionId: fast.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      // The fast call's events went out while the slow call's first POST was still hanging.
      assert.equal(hanging.abandoned, false);
      assert.equal(recordOf(running.emulator, slow.id, 'CallConnected').attempts.length, 0);
      assert.equal(recordOf(running.emulator, slow.id, 'CallDisconnected').attempts.length, 0);

      const disconnected = await control.waitForEvent({
        callConnectionId: slow.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      const connected = recordOf(running.emulator, slow.id, 'CallConnected');
      assert.equal(connected.status, 'delivered');
      assert.equal(connected.attempts.length, 2);
      assert.equal(connected.attempts[0]?.status, undefined);
      assert.match(connected.attempts[0]?.error ?? '', /timeout/);
      assert.equal(connected.attempts[1]?.status, 200);
      assert.equal(hanging.abandoned, true, 'the emulator closed the hanging request');
      assert.deepEqual(
        webhook.hits.filter(ofCall(slow.id)).map((h) => [h.type, h.reply]),
        [
          ['CallConnected', 'hang'],
          ['CallConnected', 200],
          ['ParticipantsUpdated', 200],
          ['CallDisconnected', 200],
        ],
      );
      assert.equal(disconnected.attempts.length, 1);
    });
  },
);
