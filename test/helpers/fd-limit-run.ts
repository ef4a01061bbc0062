/**
 * Run in a child process under `ulimit -n 256` by test/sdk/hardening-fd-limit.test.ts: one
 * CallConnected for each of EVENTS calls at once (a queue each), to a webhook in this process.
 * Prints one JSON line: events received, failed records, and the most sockets open at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCloudEvent } from '../../src/events/cloud-event.js';
import { startEmulator } from './emulator.js';

const EVENTS = Number(process.env.FD_EVENTS ?? 5_000);
const MAX_SOCKETS = Number(process.env.FD_MAX_SOCKETS ?? 0);

let received = 0;
let open = 0;
let peak = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(200).end();
  });
});
server.on('connection', (socket) => {
  open++;
  peak = Math.max(peak, open);
  socket.on('close', () => open--);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
const running = await startEmulator({
  signCallbacks: false,
  maxPendingCallbacks: 1_000_000,
  eventJournalLimit: EVENTS,
  deliveryTimeoutMs: 30_000,
  ...(MAX_SOCKETS > 0 ? { deliveryMaxSockets: MAX_SOCKETS } : {}),
});
const { delivery } = running.emulator;
const started = performance.now();
for (let i = 0; i < EVENTS; i++) {
  const call = `call-${i}`;
  delivery.enqueue(call, url, buildCloudEvent('CallConnected', call, {}, Date.now()));
}
await delivery.flush(120_000);
const ms = performance.now() - started;
const records = delivery.journal.list();
const failed = records.filter((r) => r.status === 'failed').length;
const pending = records.filter((r) => r.status === 'pending').length;
const errors = new Set(records.flatMap((r) => r.attempts.flatMap((a) => a.error ?? [])));
process.stdout.write(
  `${JSON.stringify({ events: EVENTS, received, failed, pending, peakSockets: peak, ms: Math.round(ms), errors: [...errors].slice(0, 5) })}\n`,
);
await running.stop();
server.closeAllConnections();
server.close();
