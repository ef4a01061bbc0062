/**
 * Kept-alive connections that do not bite: the emulator keeps idle client sockets open longer
 * than clients keep theirs (an SDK call after 7 s idle goes out once), and the callback poster
 * never reuses a socket the webhook is about to close (it closes idle ones first, and a reset on
 * a reused socket is sent again at once without costing a delivery attempt).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { pino } from 'pino';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { buildCloudEvent } from '../../src/events/cloud-event.js';
import { Delivery } from '../../src/events/delivery.js';
import { placeConnectedCall } from '../helpers/call-driver.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startScriptedWebhook } from '../helpers/scripted-webhook.js';

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** GET /health through `agent`; says whether the request went out on a pooled socket. */
function health(url: string, agent: http.Agent): Promise<{ status?: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL('health', url), { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode, reused: request.reusedSocket }),
      );
    });
    request.on('error', reject);
  });
}

function quietDelivery(): Delivery {
  return new Delivery({
    maxAttempts: 5,
    backoffMs: 10,
    maxBackoffMs: 100,
    retryWindowMs: 10_000,
    timeoutMs: 2_000,
    journalLimit: 100,
    logger: pino({ level: 'silent' }),
  });
}

const event = (callConnectionId: string, operationContext: string) =>
  buildCloudEvent('CallConnected', callConnectionId, { operationContext }, Date.now());

describe('the emulator keeps idle client connections open', () => {
  let running: RunningEmulator;
  before(async () => {
    running = await startEmulator();
  });
  after(() => running.stop());

  it('an SDK call after 7 s of idle takes exactly one attempt, on the same connection', async () => {
    let attempts = 0;
    const client = new CallAutomationClient(running.connectionString, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 3 },
      additionalPolicies: [
        {
          position: 'perRetry',
          policy: {
            name: 'count-attempts',
            sendRequest: (request, next) => {
              attempts++;
              return next(request);
            },
          },
        },
      ],
    });
    const agent = new http.Agent({ keepAlive: true });
    const call = await placeConnectedCall(
      client,
      new EmulatorClient(running.url),
      'http://127.0.0.1:9/cb',
    );
    assert.equal((await health(running.url, agent)).status, 200);

    await idle(7_000);

    attempts = 0;
    const props = await call.connection.getCallConnectionProperties();
    assert.equal(props.callConnectionId, call.id);
    assert.equal(attempts, 1, 'no retry');
    const again = await health(running.url, agent);
    assert.deepEqual(again, { status: 200, reused: true }, 'the idle socket was still open');
    agent.destroy();
  });
});

describe('the callback poster and webhook keep-alive', () => {
  it('a webhook with Node’s default 5 s keep-alive gets a callback after 5.5 s idle in one attempt', async () => {
    const webhook = await startScriptedWebhook();
    const running = await startEmulator();
    try {
      const client = running.client();
      const control = new EmulatorClient(running.url);
      const call = await placeConnectedCall(client, control, webhook.url());
      await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallConnected',
        status: 'delivered',
      });

      await idle(5_500);

      await call.connection.hangUp(false);
      const disconnected = await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      assert.deepEqual(
        disconnected.attempts.map((a) => [a.status, a.error]),
        [[200, undefined]],
      );
      const records = await control.listEvents({ callConnectionId: call.id });
      assert.ok(records.every((r) => r.attempts.every((a) => a.error === undefined)));
      assert.equal(webhook.hits.filter((h) => h.type === 'CallDisconnected').length, 1);
    } finally {
      await running.stop();
      await webhook.close();
    }
  });

  it('a reset on a reused socket is sent again at once and counts as one attempt', async () => {
    let requests = 0;
    const perSocket = new WeakMap<Socket, number>();
    const server = http.createServer((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      req.resume();
      // The second request on a connection meets a webhook that has just closed it.
      if (n === 2) req.socket.destroy();
      else req.on('end', () => res.writeHead(200).end());
    });
    let connections = 0;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    const delivery = quietDelivery();
    try {
      const first = delivery.enqueue('call-1', url, event('call-1', 'first'));
      const second = delivery.enqueue('call-1', url, event('call-1', 'second'));
      await delivery.flush(5_000);
      assert.deepEqual(
        [first, second].map((r) => [r.status, r.attempts.map((a) => [a.status, a.error])]),
        [
          ['delivered', [[200, undefined]]],
          ['delivered', [[200, undefined]]],
        ],
      );
      assert.equal(requests, 3, 'the reset request was sent again');
      assert.equal(connections, 2, 'on a fresh connection');
    } finally {
      delivery.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('closes a pooled connection left idle, before a webhook that keeps it 60 s would', async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    server.keepAliveTimeout = 60_000;
    const closedByClient = new Promise<void>((resolve) => {
      server.on('connection', (socket: Socket) => socket.on('end', () => resolve()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    const delivery = quietDelivery();
    try {
      const record = delivery.enqueue('call-1', url, event('call-1', 'only'));
      await delivery.flush(5_000);
      assert.equal(record.status, 'delivered');
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('still open'), 10_000);
      });
      assert.equal(await Promise.race([closedByClient.then(() => 'closed'), gaveUp]), 'closed');
      clearTimeout(timer);
    } finally {
      delivery.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
