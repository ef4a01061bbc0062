/**
 * Queues per call *and* destination: a dead or hanging operationCallbackUri holds only the events
 * going to it, never the call's main callback URI. Calls are driven through the official SDK;
 * the assertions wait on conditions and compare order and states, never durations.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { PSTN, placeConnectedCall, type PlacedCall } from '../helpers/call-driver.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';

/** A URL on a port that was just listening and is now closed: connections are refused. */
async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/operations`;
}

/** Start then stop continuous DTMF, the stop naming `operationCallbackUrl` when given. */
async function stopped(call: PlacedCall, operationContext: string, operationCallbackUrl?: string) {
  const media = call.connection.getCallMedia();
  await media.startContinuousDtmfRecognition(PSTN, { operationContext: `${operationContext}-go` });
  await media.stopContinuousDtmfRecognition(PSTN, {
    operationContext,
    ...(operationCallbackUrl ? { operationCallbackUrl } : {}),
  });
}

describe('delivery queues per call and destination', () => {
  let running: RunningEmulator;
  let client: CallAutomationClient;
  let control: EmulatorClient;
  let webhook: ScriptedWebhook;

  before(async () => {
    // A dead URL is retried for a long while: 100 attempts, backoff up to 200 ms.
    running = await startEmulator({
      deliveryMaxAttempts: 100,
      deliveryBackoffMs: 50,
      deliveryMaxBackoffMs: 200,
      deliveryTimeoutMs: 2_000,
    });
    client = running.client();
    control = new EmulatorClient(running.url);
  });
  after(() => running.stop());
  beforeEach(async () => {
    await control.reset();
    webhook = await startScriptedWebhook((hit) =>
      hit.path === '/api/hang' ? 'hang' : { status: 200 },
    );
  });
  afterEach(() => webhook.close());

  const mainHits = (id: string) =>
    webhook.hits
      .filter((h) => h.callConnectionId === id && h.path === '/api/callbacks')
      .map((h) => `${h.type}`);

  it("a dead operationCallbackUri does not delay the call's later events to its callbackUri", async () => {
    const dead = await deadUrl();
    const call = await placeConnectedCall(client, control, webhook.url());
    await stopped(call, 'to-dead', dead);
    await stopped(call, 'to-main');
    await call.connection.hangUp(false);

    const disconnected = await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallDisconnected',
      status: 'delivered',
    });
    assert.equal(disconnected.attempts.length, 1);
    // The dead URL's event is still being retried while everything after it went out.
    const [toDead] = await control.listEvents({ operationContext: 'to-dead' });
    assert.equal(toDead?.url, dead);
    assert.equal(toDead?.status, 'pending');
    assert.ok((toDead?.attempts.length ?? 0) >= 1);
    assert.ok(toDead?.attempts.every((a) => /ECONNREFUSED/.test(a.error ?? '')));
    // The main URL got its events in the order they were produced.
    assert.deepEqual(mainHits(call.id), [
      'CallConnected',
      'ParticipantsUpdated',
      'ContinuousDtmfRecognitionStopped',
      'CallDisconnected',
    ]);
    const toMain = await control.listEvents({ operationContext: 'to-main' });
    assert.deepEqual(
      toMain.map((r) => r.status),
      ['delivered'],
    );
  });

  it('a hanging operationCallbackUri does not delay the main callbackUri either', async () => {
    const call = await placeConnectedCall(client, control, webhook.url());
    await stopped(call, 'to-hang', webhook.url('/api/hang'));
    const hanging = await webhook.waitFor((h) => h.path === '/api/hang');
    await call.connection.hangUp(false);
    await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallDisconnected',
      status: 'delivered',
    });
    assert.equal(hanging.abandoned, false, 'the hanging POST is still open');
    assert.deepEqual(mainHits(call.id), [
      'CallConnected',
      'ParticipantsUpdated',
      'CallDisconnected',
    ]);
  });

  it("50 concurrent operations naming a dead URI do not hold the main URI's events", async () => {
    const dead = await deadUrl();
    const calls = await Promise.all(
      Array.from({ length: 10 }, () => placeConnectedCall(client, control, webhook.url())),
    );
    // Five stops per call naming the dead URI, all calls at once: 50 events queue for it.
    await Promise.all(
      calls.map(async (call, c) => {
        for (let i = 0; i < 5; i++) await stopped(call, `dead-${c}-${i}`, dead);
      }),
    );
    // Then, concurrently, each call's stop to its main URI and its hang-up.
    await Promise.all(
      calls.map(async (call, c) => {
        await stopped(call, `main-${c}`);
        await call.connection.hangUp(false);
      }),
    );
    for (const call of calls) {
      await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      assert.deepEqual(mainHits(call.id), [
        'CallConnected',
        'ParticipantsUpdated',
        'ContinuousDtmfRecognitionStopped',
        'CallDisconnected',
      ]);
    }
    const toDead = (await control.listEvents()).filter((r) => r.url === dead);
    assert.equal(toDead.length, 50);
    assert.ok(
      toDead.every((r) => r.status === 'pending'),
      'still retrying the dead URI',
    );
    // Within each call the dead URI's events keep their order: only the head has been tried.
    for (const call of calls) {
      const mine = toDead.filter((r) => r.callConnectionId === call.id);
      assert.ok(mine.slice(1).every((r) => r.attempts.length === 0));
    }
  });
});
