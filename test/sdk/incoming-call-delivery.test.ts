/**
 * The IncomingCall Event Grid event goes through the delivery engine: journaled and filterable in
 * /admin/events, unsigned, under Event Grid's timeout and retry schedule (shortened here by the
 * settings), shown on /admin/incoming-calls from its delivery record, and flushed on stop.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { createEmulator } from '../../src/emulator.js';
import type { EventGridRecord } from '../../src/events/event-journal.js';
import { adminGet, adminPost } from '../helpers/admin-client.js';
import { startEmulator, testConfig, type RunningEmulator } from '../helpers/emulator.js';
import { untilJournal } from '../helpers/journal.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';

const CALLER = '4:+14255550123';
const US = '4:+14255550100';

interface NoticeView {
  incomingCallContext: string;
  webhook?: {
    url: string;
    eventId: string;
    status: string;
    attempts: number;
    lastStatus?: number;
    lastError?: string;
  };
}

async function place(url: string, webhookUrl: string): Promise<string> {
  const placed = await adminPost<{ incomingCallContext: string }>(url, '/admin/incoming-calls', {
    from: CALLER,
    to: US,
    webhookUrl,
  });
  assert.equal(placed.status, 201);
  return placed.body.incomingCallContext;
}

async function noticeOf(url: string, context: string): Promise<NoticeView['webhook']> {
  const list = await adminGet<{ value: NoticeView[] }>(url, '/admin/incoming-calls');
  return list.body.value.find((i) => i.incomingCallContext === context)?.webhook;
}

describe('IncomingCall through delivery, with a shortened Event Grid schedule', () => {
  let running: RunningEmulator;
  let control: EmulatorClient;
  let webhook: ScriptedWebhook;

  before(async () => {
    running = await startEmulator({
      eventGridRetryScheduleMs: [20, 40],
      // The callback policy would retry a 404 never and a 503 five times: not what is seen here.
      deliveryMaxAttempts: 5,
    });
    control = new EmulatorClient(running.url);
  });
  after(() => running.stop());
  beforeEach(async () => {
    await control.reset();
    webhook = await startScriptedWebhook();
  });
  afterEach(() => webhook.close());

  it('is journaled as an Event Grid record, filterable by type and status, and posted unsigned', async () => {
    const context = await place(running.url, webhook.url('/api/incoming'));
    const record = (await control.waitForEvent({
      type: 'IncomingCall',
      status: 'delivered',
    })) as EventGridRecord;
    assert.equal(record.schema, 'EventGrid');
    assert.equal(record.type, 'Microsoft.Communication.IncomingCall');
    assert.equal(record.event.eventType, 'Microsoft.Communication.IncomingCall');
    assert.equal(record.event.data.incomingCallContext, context);
    assert.equal(record.url, webhook.url('/api/incoming'));
    assert.equal(record.callConnectionId, undefined);
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [200],
    );
    const listed = await control.listEvents({ type: 'Microsoft.Communication.IncomingCall' });
    assert.deepEqual(
      listed.map((r) => r.id),
      [record.id],
    );
    assert.deepEqual(await control.listEvents({ type: 'IncomingCall', status: 'failed' }), []);

    const [hit] = webhook.hits;
    assert.equal(webhook.hits.length, 1);
    assert.equal(hit?.eventId, record.id);
    assert.equal(hit?.headers.authorization, undefined, 'Event Grid posts carry no ACS JWT');
    assert.equal(hit?.batchSize, 1);

    assert.deepEqual(await noticeOf(running.url, context), {
      url: webhook.url('/api/incoming'),
      eventId: record.id,
      status: 'delivered',
      attempts: 1,
      lastStatus: 200,
    });
  });

  it('retries on the Event Grid schedule (a 404 too) and is delivered', async () => {
    webhook.script = (hit) =>
      hit.attempt <= 2 ? { status: hit.attempt === 1 ? 404 : 503 } : { status: 200 };
    const context = await place(running.url, webhook.url());
    const record = await control.waitForEvent({ type: 'IncomingCall', status: 'delivered' });
    assert.deepEqual(
      record.attempts.map((a) => a.status),
      [404, 503, 200],
    );
    assert.deepEqual(
      webhook.hits.map((h) => [h.attempt, h.reply]),
      [
        [1, 404],
        [2, 503],
        [3, 200],
      ],
    );
    assert.equal(new Set(webhook.hits.map((h) => h.rawBody)).size, 1, 'the same event each time');
    const notice = await noticeOf(running.url, context);
    assert.equal(notice?.status, 'delivered');
    assert.equal(notice?.attempts, 3);
  });

  it('fails after the last step of the schedule, or at once on 400, 401, 403 and 413', async () => {
    webhook.script = (hit) => ({ status: hit.path === '/refused' ? 401 : 500 });
    const exhausted = await place(running.url, webhook.url('/broken'));
    const refused = await place(running.url, webhook.url('/refused'));
    await untilJournal(
      running.emulator,
      (records) => records.filter((r) => r.status === 'failed').length === 2,
      'both IncomingCall events failed',
    );
    const records = await control.listEvents({ type: 'IncomingCall', status: 'failed' });
    const byUrl = new Map(records.map((r) => [new URL(r.url).pathname, r]));
    assert.deepEqual(
      byUrl.get('/broken')?.attempts.map((a) => a.status),
      [500, 500, 500],
      'one attempt plus one per schedule step',
    );
    assert.deepEqual(
      byUrl.get('/refused')?.attempts.map((a) => a.status),
      [401],
    );
    assert.deepEqual(await noticeOf(running.url, exhausted), {
      url: webhook.url('/broken'),
      eventId: byUrl.get('/broken')?.id,
      status: 'failed',
      attempts: 3,
      lastStatus: 500,
    });
    assert.equal((await noticeOf(running.url, refused))?.status, 'failed');
  });
});

describe('IncomingCall to an app slow to answer', () => {
  it('is posted once while the app takes 20 s to answer (Event Grid waits 30 s)', async () => {
    const posts: string[] = [];
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts.push(req.url ?? '');
        setTimeout(() => res.writeHead(200).end(), 20_000);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    // Event Grid's own timeout and schedule, and a callback policy that would have retried.
    const running = await startEmulator({ deliveryTimeoutMs: 2_000, deliveryBackoffMs: 10 });
    try {
      const control = new EmulatorClient(running.url);
      await place(running.url, `http://127.0.0.1:${port}/api/incoming`);
      const record = await control.waitForEvent({
        type: 'IncomingCall',
        status: 'delivered',
        timeoutMs: 40_000,
      });
      assert.equal(posts.length, 1, 'exactly one POST');
      assert.equal(record.attempts.length, 1);
      assert.equal(record.attempts[0]?.status, 200);
    } finally {
      await running.stop();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('IncomingCall pending when the emulator stops', () => {
  it('is flushed: the next Event Grid retry is brought forward into the grace period', async () => {
    const webhook = await startScriptedWebhook((hit) =>
      hit.attempt === 1 ? { status: 503 } : { status: 200 },
    );
    // The next retry would come an hour later.
    const emulator = createEmulator(
      testConfig({ eventGridRetryScheduleMs: [3_600_000], eventGridTimeoutMs: 1_000 }),
    );
    const { url } = await emulator.start();
    try {
      await place(url, webhook.url());
      await webhook.waitFor((h) => h.attempt === 1);
      await emulator.stop(5_000);
      const [record] = emulator.delivery.journal.list({
        type: 'Microsoft.Communication.IncomingCall',
      });
      assert.equal(record?.status, 'delivered');
      assert.deepEqual(
        webhook.hits.map((h) => h.reply),
        [503, 200],
      );
    } finally {
      await webhook.close();
    }
  });
});
