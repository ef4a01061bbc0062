// Callback delivery load: `emulator` drives the emulator's own Delivery (built dist/, or the
// build named by the optional last argument, e.g. a baseline for an A/B), `raw` is the baseline,
// a bare node:http sender with a keep-alive agent. Both run the same closed loop: K calls, each
// with one event in flight, the next produced as soon as the previous was answered.
// Every event carries `producedAtNs` (process.hrtime.bigint(), the machine's monotonic clock) so
// the receiver can time production to receipt, and `phase` (warmup or measure).
// The producer also reports its own CPU time (user + system, all threads) per event answered in
// the measure phase: on a shared machine that is steadier than events/s.
// Usage: node bench/servers/delivery-producer.mjs <emulator|raw> <receiverUrl> <K> <warmupMs>
//        <durationMs> [distDir]
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

const [mode, receiverUrl, k, warmupMs, durationMs, distDir] = process.argv.slice(2);
const dist = pathToFileURL(
  resolve(distDir ?? new URL('../../dist', import.meta.url).pathname),
).href;
const [{ DEFAULTS }, { buildEventData }, { buildCloudEvent }, { Delivery }, { createLogger }] =
  await Promise.all(
    [
      'config.js',
      'events/catalogue.js',
      'events/cloud-event.js',
      'events/delivery.js',
      'logger.js',
    ].map((file) => import(`${dist}/${file}`)),
  );

const concurrency = Number(k);
const started = Date.now();
let produced = 0;
let answered = 0;

// Warm-up ends once `warmupMs` have passed *and* WARMUP_EVENTS events were answered (at most
// MAX_WARMUP_MS): a time alone covered only a few hundred events when the machine was busy, so
// the emulator's measure phase still paid for compiling its code and filling its journal (10,000
// records by default), one-off costs of the first events rather than the cost of an event. Both
// senders warm up the same way.
const WARMUP_EVENTS = 10_000;
const MAX_WARMUP_MS = 20_000;
let measuring = false;
let endAt = Number.POSITIVE_INFINITY;
const phase = () => (measuring ? 'measure' : 'warmup');

// CPU and answered count at the start and the end of the measure phase.
const marks = [];
const mark = () => marks.push({ cpu: process.cpuUsage(), answered });
function startMeasure() {
  if (measuring) return;
  measuring = true;
  mark();
  endAt = Date.now() + Number(durationMs);
  setTimeout(mark, Number(durationMs));
}
const warmupCap = setTimeout(startMeasure, MAX_WARMUP_MS);
function onAnswered() {
  answered++;
  if (!measuring && answered >= WARMUP_EVENTS && Date.now() - started >= Number(warmupMs)) {
    clearTimeout(warmupCap);
    startMeasure();
  }
}

const calls = Array.from({ length: concurrency }, (_, i) => ({
  callConnectionId: randomUUID(),
  serverCallId: Buffer.from(`bench-server-call-${i}`).toString('base64url'),
  correlationId: randomUUID(),
  apiVersion: '2026-03-12',
  url: `${receiverUrl}/api/callbacks/${i}`,
}));

function extra() {
  produced++;
  return { producedAtNs: String(process.hrtime.bigint()), phase: phase() };
}

function runEmulator() {
  const delivery = new Delivery({
    maxAttempts: DEFAULTS.deliveryMaxAttempts,
    timeoutMs: DEFAULTS.deliveryTimeoutMs,
    backoffMs: DEFAULTS.deliveryBackoffMs,
    journalLimit: DEFAULTS.eventJournalLimit,
    logger: createLogger('silent'),
  });
  const callOf = new Map(calls.map((call) => [call.callConnectionId, call]));
  // The journal tells its listeners of every change (the admin stream uses the same hook): once a
  // record is no longer pending, its call produces the next event. A closed loop with no polling,
  // no change to src/ and nothing attached to the record itself.
  delivery.journal.subscribe((record) => {
    if (record.status === 'pending') return;
    onAnswered();
    produce(callOf.get(record.callConnectionId));
  });
  const produce = (call) => {
    if (Date.now() >= endAt) return;
    const data = buildEventData('ContinuousDtmfRecognitionStopped', call, {
      operationContext: 'bench',
      extra: extra(),
    });
    const event = buildCloudEvent(
      'ContinuousDtmfRecognitionStopped',
      call.callConnectionId,
      data,
      Date.now(),
    );
    delivery.enqueue(call.callConnectionId, call.url, event);
  };
  calls.forEach(produce);
  return delivery.flush(60_000);
}

function runRaw() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const send = (call, resolve) => {
    if (Date.now() >= endAt) return resolve();
    const source = `calling/callConnections/${call.callConnectionId}`;
    const event = {
      id: randomUUID(),
      source,
      type: 'Microsoft.Communication.ContinuousDtmfRecognitionStopped',
      data: {
        callConnectionId: call.callConnectionId,
        serverCallId: call.serverCallId,
        correlationId: call.correlationId,
        operationContext: 'bench',
        resultInformation: {
          code: 200,
          subCode: 0,
          message: 'Continuous DTMF Recognition stopped successfully.',
        },
        ...extra(),
        version: call.apiVersion,
        publicEventType: 'Microsoft.Communication.ContinuousDtmfRecognitionStopped',
      },
      time: new Date().toISOString(),
      specversion: '1.0',
      datacontenttype: 'application/json',
      subject: source,
    };
    const body = JSON.stringify([event]);
    const request = http.request(call.url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        onAnswered();
        send(call, resolve);
      });
    });
    request.on('error', (err) => {
      process.stderr.write(`raw sender: ${err.message}\n`);
      resolve();
    });
    request.end(body);
  };
  return Promise.all(calls.map((call) => new Promise((resolve) => send(call, resolve))));
}

await (mode === 'raw' ? runRaw() : runEmulator());
await sleep(10);
const [from, to] = marks;
const cpuUsPerEvent =
  from && to && to.answered > from.answered
    ? (to.cpu.user + to.cpu.system - from.cpu.user - from.cpu.system) /
      (to.answered - from.answered)
    : 0;
process.stdout.write(`${JSON.stringify({ produced, cpuUsPerEvent })}\n`);
process.exit(0);
