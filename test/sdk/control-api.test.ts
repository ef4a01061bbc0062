/**
 * The control API contract through EmulatorClient (and raw HTTP where the wire shape matters):
 * event records and filters, the long-poll wait (past, future, never), the request journal.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { EmulatorClient, EmulatorClientError } from '../../src/index.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { placeConnectedCall, stoppedEvent } from '../helpers/call-driver.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';
import { waitUntil } from '../helpers/wait-until.js';

describe('control API', () => {
  let running: RunningEmulator;
  let client: CallAutomationClient;
  let control: EmulatorClient;
  let webhook: ScriptedWebhook;

  before(async () => {
    running = await startEmulator({ deliveryBackoffMs: 5, deliveryMaxAttempts: 2 });
    client = running.client();
    control = new EmulatorClient(running.url);
    webhook = await startScriptedWebhook((hit) =>
      hit.path === '/refuse' ? { status: 403 } : { status: 200 },
    );
  });
  after(async () => {
    await running.stop();
    await webhook.close();
  });

  describe('GET /admin/events', () => {
    it('lists records with the contract shape, filtered by call, type, status and context', async () => {
      const call = await placeConnectedCall(client, control, webhook.url(), 'create-ctx');
      await stoppedEvent(call, 'listed');
      const stopped = await control.waitForEvent({
        callConnectionId: call.id,
        operationContext: 'listed',
        status: 'delivered',
      });
      const records = await control.listEvents({ callConnectionId: call.id });
      assert.deepEqual(
        records.map((r) => r.type),
        [
          'Microsoft.Communication.CallConnected',
          'Microsoft.Communication.ParticipantsUpdated',
          'Microsoft.Communication.ContinuousDtmfRecognitionStopped',
        ],
      );
      assert.deepEqual(Object.keys(stopped).sort(), [
        'attempts',
        'callConnectionId',
        'event',
        'id',
        'status',
        'type',
        'url',
      ]);
      assert.equal(stopped.id, stopped.event.id);
      assert.equal(stopped.url, webhook.url());
      assert.equal(stopped.event.data.callConnectionId, call.id);
      assert.deepEqual(Object.keys(stopped.attempts[0] ?? {}).sort(), [
        'at',
        'durationMs',
        'status',
      ]);

      const short = await control.listEvents({ callConnectionId: call.id, type: 'CallConnected' });
      const full = await control.listEvents({
        callConnectionId: call.id,
        type: 'Microsoft.Communication.CallConnected',
      });
      assert.equal(short.length, 1);
      assert.deepEqual(short, full);
      assert.equal(
        (await control.listEvents({ callConnectionId: call.id, operationContext: 'create-ctx' }))[0]
          ?.type,
        'Microsoft.Communication.CallConnected',
      );
      assert.deepEqual(
        await control.listEvents({ callConnectionId: call.id, status: 'failed' }),
        [],
      );
    });

    it('refuses an unknown status or a repeated parameter with 400 saying what to send', async () => {
      const response = await fetch(new URL('admin/events?status=lost', running.url));
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'BadRequest');
      assert.match(
        body.error.message,
        /'status' must be one of pending, delivered, failed, dropped/,
      );
      const twice = await fetch(new URL('admin/events?type=a&type=b', running.url));
      assert.equal(twice.status, 400);
    });
  });

  describe('GET /admin/events/wait', () => {
    it('answers at once with an event that already arrived', async () => {
      const call = await placeConnectedCall(client, control, webhook.url());
      const first = await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallConnected',
        status: 'delivered',
      });
      const again = await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallConnected',
        status: 'delivered',
        timeoutMs: 0,
      });
      assert.equal(again.id, first.id);
      assert.equal(again.status, 'delivered');
    });

    it('waits for an event that arrives later', async () => {
      const call = await placeConnectedCall(client, control, webhook.url());
      const waiting = control.waitForEvent({
        callConnectionId: call.id,
        type: 'ContinuousDtmfRecognitionStopped',
        status: 'delivered',
      });
      // The wait is registered before the event exists.
      await untilWaiters(running, 1);
      assert.equal(
        (await control.listEvents({ callConnectionId: call.id, operationContext: 'later' })).length,
        0,
      );
      await stoppedEvent(call, 'later');
      const record = await waiting;
      assert.equal(record.event.data.operationContext, 'later');
      assert.equal(record.status, 'delivered');
      assert.ok(webhook.hits.some((h) => h.eventId === record.id));
    });

    it('answers 408 in the ACS error envelope for one that never arrives', async () => {
      const call = await placeConnectedCall(client, control, webhook.url());
      const response = await fetch(
        new URL(
          `admin/events/wait?callConnectionId=${call.id}&type=PlayCompleted&timeoutMs=50`,
          running.url,
        ),
      );
      assert.equal(response.status, 408);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.ok(response.headers.get('x-ms-request-id'));
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'EventWaitTimeout');
      assert.match(body.error.message, /Microsoft\.Communication\.PlayCompleted/);
      assert.match(body.error.message, /within 50 ms/);

      await assert.rejects(
        control.waitForEvent({ callConnectionId: call.id, type: 'PlayCompleted', timeoutMs: 20 }),
        (err: unknown) =>
          err instanceof EmulatorClientError &&
          err.status === 408 &&
          err.code === 'EventWaitTimeout',
      );
      assert.equal(
        running.emulator.delivery.waiters.size,
        0,
        'timed-out waits leave nothing behind',
      );
    });

    it('serves many waiters at once, on the same and on different events', async () => {
      const call = await placeConnectedCall(client, control, webhook.url());
      const same = Array.from({ length: 40 }, () =>
        control.waitForEvent({ callConnectionId: call.id, type: 'CallDisconnected' }),
      );
      const failed = Array.from({ length: 10 }, () =>
        control.waitForEvent({ operationContext: 'refused', status: 'failed' }),
      );
      await untilWaiters(running, 50);
      const other = await placeConnectedCall(client, control, webhook.url('/refuse'));
      await stoppedEvent(other, 'refused');
      await call.connection.hangUp(false);
      const records = await Promise.all(same);
      assert.equal(new Set(records.map((r) => r.id)).size, 1);
      const refused = await Promise.all(failed);
      assert.ok(refused.every((r) => r.status === 'failed' && r.attempts[0]?.status === 403));
      assert.equal(running.emulator.delivery.waiters.size, 0);
    });

    it('forgets the waiter of a client that gives up', async () => {
      const abort = new AbortController();
      const request = fetch(
        new URL('admin/events/wait?type=PlayCompleted&timeoutMs=60000', running.url),
        {
          signal: abort.signal,
        },
      );
      await untilWaiters(running, 1);
      abort.abort();
      await assert.rejects(request);
      await untilWaiters(running, 0);
    });

    it('refuses a bad timeoutMs with 400', async () => {
      for (const bad of ['-1', 'soon', '290001', '1.5']) {
        const response = await fetch(new URL(`admin/events/wait?timeoutMs=${bad}`, running.url));
        assert.equal(response.status, 400, bad);
        const body = (await response.json()) as { error: { message: string } };
        assert.match(
          body.error.message,
          /'timeoutMs' must be a whole number of milliseconds from 0 to 290000/,
        );
      }
    });
  });

  describe('GET /admin/requests', () => {
    it('journals ACS requests with operation ids, filtered by call and operation, without secrets', async () => {
      const call = await placeConnectedCall(client, control, webhook.url());
      await stoppedEvent(call, 'journaled');
      const requests = await control.listRequests({ callConnectionId: call.id });
      assert.deepEqual(
        requests.map((r) => [r.method, r.operation, r.status]),
        [
          ['POST', 'CreateCall', 201],
          ['POST', 'CallMedia_StartContinuousDtmfRecognition', 200],
          ['POST', 'CallMedia_StopContinuousDtmfRecognition', 200],
        ],
      );
      const stop = requests[2];
      assert.match(
        stop?.path ?? '',
        new RegExp(
          `^/calling/callConnections/${call.id}:stopContinuousDtmfRecognition\\?api-version=`,
        ),
      );
      assert.deepEqual((stop?.body as { operationContext?: string }).operationContext, 'journaled');
      assert.equal(stop?.headers.authorization, '(redacted)');
      assert.ok(!Number.isNaN(Date.parse(stop?.time ?? '')));

      const creates = await control.listRequests({ operation: 'CreateCall' });
      assert.ok(creates.some((r) => r.callConnectionId === call.id));
      assert.ok(creates.every((r) => r.operation === 'CreateCall'));
    });
  });
});

/** Resolves once the emulator holds exactly `count` waits (registered by the server, not us). */
function untilWaiters(running: RunningEmulator, count: number): Promise<void> {
  // The waiter count has no change event of its own; a short poll on it is the condition.
  return waitUntil(() => running.emulator.delivery.waiters.size === count, `${count} waiters`, {
    intervalMs: 2,
  });
}
