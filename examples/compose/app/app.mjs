// The compose example's app: waits for the emulator to be healthy, places one call with the
// official SDK, starts and stops continuous DTMF recognition, hangs up, and exits 0 once every
// callback has reached its own webhook (or 1, saying what was missing, within a minute).
/* global fetch, AbortSignal -- Node.js 18+ globals */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CallAutomationClient,
  parseCallAutomationEvent,
} from '@azure/communication-call-automation';

const connectionString = process.env.ACS_CONNECTION_STRING ?? '';
const callbackUrl = process.env.ACS_CALLBACK_URL ?? 'http://app:3000/api/callbacks';
const endpoint = /endpoint=([^;]+)/.exec(connectionString)?.[1];
const target = { phoneNumber: '+14255550123' };
const deadline = Date.now() + 60_000;
const say = (fields) => console.log(JSON.stringify({ app: 'sample', ...fields }));

const events = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const event = parseCallAutomationEvent(body);
    events.push(event);
    say({ callback: event.kind, operationContext: event.operationContext });
    res.writeHead(200).end();
  });
});

async function until(what, check) {
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// docker compose starts this service once the emulator's HEALTHCHECK passes; podman-compose
// ignores `condition: service_healthy`, so the app also waits on /health itself.
async function emulatorHealthy() {
  try {
    const response = await fetch(new URL('health', endpoint), {
      signal: AbortSignal.timeout(2_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

const callback = (id, kind) => () =>
  events.find((e) => e.callConnectionId === id && e.kind === kind);

async function main() {
  if (!endpoint) throw new Error('ACS_CONNECTION_STRING has no endpoint');
  await new Promise((resolve) => server.listen(3000, '0.0.0.0', resolve));
  await until('the emulator to be healthy', emulatorHealthy);
  const client = new CallAutomationClient(connectionString, { allowInsecureConnection: true });
  const created = await client.createCall({ targetParticipant: target }, callbackUrl);
  const id = created.callConnectionProperties.callConnectionId;
  await until('CallConnected', callback(id, 'CallConnected'));
  const media = created.callConnection.getCallMedia();
  await media.startContinuousDtmfRecognition(target, { operationContext: 'compose-start' });
  await media.stopContinuousDtmfRecognition(target, { operationContext: 'compose-stop' });
  await until('ContinuousDtmfRecognitionStopped', callback(id, 'ContinuousDtmfRecognitionStopped'));
  await created.callConnection.hangUp(true);
  await until('CallDisconnected', callback(id, 'CallDisconnected'));
  say({ result: 'ok', callConnectionId: id, callbacks: events.map((e) => e.kind) });
}

main().then(
  () => server.close(() => process.exit(0)),
  (err) => {
    say({ result: 'failed', error: String(err?.message ?? err) });
    process.exit(1);
  },
);
