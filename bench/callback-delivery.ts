/**
 * Measures callback delivery in-process: events per second to a local webhook, signed and
 * unsigned, over how many TCP connections, and key generation / signing cost.
 * Usage: node --import tsx bench/callback-delivery.ts [events=5000] [calls=50]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildCloudEvent } from '../src/events/cloud-event.js';
import { Delivery } from '../src/events/delivery.js';
import { WebhookSigner } from '../src/events/webhook-signer.js';

const events = Number(process.argv[2] ?? 5000);
const calls = Number(process.argv[3] ?? 50);

async function webhook() {
  let received = 0;
  let connections = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200).end();
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/cb`, server, stats: () => ({ received, connections }) };
}

async function run(signed: boolean) {
  const hook = await webhook();
  const signer = signed ? new WebhookSigner('aud', 'http://127.0.0.1:1') : undefined;
  await signer?.ready();
  const delivery = new Delivery({
    maxAttempts: 5,
    backoffMs: 10,
    maxBackoffMs: 1000,
    retryWindowMs: 60_000,
    timeoutMs: 5000,
    journalLimit: 10_000,
    logger: pino({ level: 'silent' }),
    signer,
  });
  const started = performance.now();
  const done = delivery.waiters.wait({ status: 'delivered', operationContext: 'last' }, 120_000);
  for (let i = 0; i < events; i++) {
    const call = `call-${i % calls}`;
    const context = i === events - 1 ? 'last' : `op-${i}`;
    delivery.enqueue(
      call,
      hook.url,
      buildCloudEvent('CallConnected', call, { operationContext: context }, Date.now()),
    );
  }
  await done.result;
  await delivery.flush(60_000);
  const ms = performance.now() - started;
  const { received, connections } = hook.stats();
  delivery.close();
  hook.server.close();
  return {
    signed,
    events,
    calls,
    ms: Math.round(ms),
    perSecond: Math.round((events / ms) * 1000),
    received,
    connections,
  };
}

const keygen: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await new WebhookSigner('a', 'http://x').ready();
  keygen.push(Math.round(performance.now() - t));
}
const signer = new WebhookSigner('a', 'http://x');
await signer.ready();
const t = performance.now();
for (let i = 0; i < 1000; i++) await signer.sign();
const signMs = (performance.now() - t) / 1000;
console.log(JSON.stringify({ keygenMs: keygen, signMsEach: Number(signMs.toFixed(3)) }));
console.log(JSON.stringify(await run(false)));
console.log(JSON.stringify(await run(true)));
