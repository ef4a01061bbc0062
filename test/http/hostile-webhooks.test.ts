/**
 * Webhooks that misbehave cannot hurt the emulator: resets, garbage, trickled bytes and silence
 * each end in a failed record after bounded attempts, leave no socket open, and never delay
 * another call's callbacks.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { acsRequest } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { waitUntil } from '../helpers/wait-until.js';

const V = 'api-version=2026-03-12';

type Behaviour = (socket: net.Socket) => void;

const BEHAVIOURS: Record<string, Behaviour> = {
  'resets the connection': (socket) => socket.once('data', () => socket.resetAndDestroy()),
  'answers garbage': (socket) =>
    socket.once('data', () => socket.end('\x00\xffthis is not HTTP\r\n\r\n')),
  'trickles its answer': (socket) =>
    socket.once('data', () => {
      const bytes = 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n'.split('');
      const timer = setInterval(() => {
        const next = bytes.shift();
        if (next === undefined || socket.destroyed) clearInterval(timer);
        else socket.write(next);
      }, 50);
      socket.on('close', () => clearInterval(timer));
    }),
  // Reads (so it notices when the emulator hangs up) but never answers.
  'never answers': (socket) => void socket.resume(),
  'sends a huge endless body': (socket) =>
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    }),
};

interface Hostile {
  url: string;
  open: () => number;
  accepted: () => number;
  close: () => Promise<void>;
}

async function hostileServer(behaviour: Behaviour): Promise<Hostile> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    behaviour(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cb`,
    open: () => sockets.size,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('hostile webhooks', () => {
  const fx = useEmulator({
    connectDelayMs: 0,
    deliveryTimeoutMs: 300,
    deliveryMaxAttempts: 2,
    deliveryBackoffMs: 10,
  });

  for (const [name, behaviour] of Object.entries(BEHAVIOURS)) {
    describe(`a webhook that ${name}`, () => {
      let hostile: Hostile;
      before(async () => {
        hostile = await hostileServer(behaviour);
      });
      after(() => hostile.close());

      it('gets bounded attempts, a failed record, no socket left open, and other calls are not held up', async () => {
        const create = (callbackUri: string) =>
          acsRequest(fx.running.url, {
            method: 'POST',
            path: `/calling/callConnections?${V}`,
            body: {
              targets: [{ kind: 'phoneNumber', phoneNumber: { value: '+14255550123' } }],
              callbackUri,
            },
          });
        const victims = await Promise.all([1, 2, 3, 4, 5].map(() => create(hostile.url)));
        const healthy = await create(fx.listener.url());
        const healthyId = String(healthy.json.callConnectionId);
        await fx.listener.waitFor(
          (c) => c.event.callConnectionId === healthyId && c.event.kind === 'CallConnected',
        );

        for (const victim of victims) {
          const id = String(victim.json.callConnectionId);
          await waitUntil(
            async () => {
              const { value } = await fx.running.admin<{ value: { status: string }[] }>(
                `/admin/events?callConnectionId=${id}`,
              );
              return value[0]?.status === 'failed';
            },
            `the ${id} callback to fail`,
            { timeoutMs: 6_000, intervalMs: 20 },
          );
          const { value } = await fx.running.admin<{
            value: { attempts: { error?: string; status?: number }[] }[];
          }>(`/admin/events?callConnectionId=${id}`);
          assert.equal(value[0]?.attempts.length, 2, 'exactly --delivery-max-attempts attempts');
        }
        // Each victim call sends two callbacks (CallConnected, then ParticipantsUpdated).
        assert.ok(
          hostile.accepted() <= 5 * 2 * 2,
          `at most 2 connections per event, saw ${hostile.accepted()}`,
        );
        await waitUntil(
          () => hostile.open() === 0,
          'every connection to the hostile webhook to close',
          { timeoutMs: 6_000, intervalMs: 20 },
        );
        const health = await fetch(`${fx.running.url}health`);
        assert.equal(health.status, 200);
      });
    });
  }
});
