// Callback delivery load: `emulator` drives the emulator's own Delivery (built dist/), `raw` is the
// baseline, a bare node:http sender with a keep-alive agent. Both run the same closed loop: K
// calls, each with one event in flight, the next produced as soon as the previous was answered.
// Every event carries `producedAtNs` (process.hrtime.bigint(), the machine's monotonic clock) so the
// receiver can time production to receipt, and `phase` (warmup or measure).
// Usage: node bench/servers/delivery-producer.mjs <emulator|raw> <receiverUrl> <K> <warmupMs> <durationMs>
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULTS } from '../../dist/config.js';
import { buildEventData } from '../../dist/events/catalogue.js';
import { buildCloudEvent } from '../../dist/events/cloud-event.js';
import { Delivery } from '../../dist/events/delivery.js';
import { createLogger } from '../../dist/logger.js';

const [mode, receiverUrl, k, warmupMs, durationMs] = process.argv.slice(2);
const concurrency = Number(k);
const started = Date.now();
const endAt = started + Number(warmupMs) + Number(durationMs);
const phase = () => (Date.now() - started < Number(warmupMs) ? 'warmup' : 'measure');
let produced = 0;

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
    const record = delivery.enqueue(call.callConnectionId, call.url, event);
    // Observe the record's status change (Delivery sets it when the POST is answered) to produce
    // the call's next event then: a closed loop with no polling and no change to src/.
    let status = record.status;
    Object.defineProperty(record, 'status', {
      enumerable: true,
      get: () => status,
      set: (value) => {
        status = value;
        if (value !== 'pending') produce(call);
      },
    });
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
      response.on('end', () => send(call, resolve));
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
process.stdout.write(`${JSON.stringify({ produced })}\n`);
process.exit(0);
