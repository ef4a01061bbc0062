/**
 * Stopping with callbacks pending: the emulator stops taking requests, delivers what it can
 * within the grace period, and logs what it could not. Also through the real CLI and SIGTERM.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { pino } from 'pino';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';
import { placeConnectedCall, stoppedEvent, type PlacedCall } from '../helpers/call-driver.js';
import { recordOf, untilJournal } from '../helpers/journal.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** Keeps retrying quickly, so "pending" lasts as long as the webhook refuses. */
const RETRY_FOREVER = {
  deliveryMaxAttempts: 100,
  deliveryBackoffMs: 10,
  deliveryMaxBackoffMs: 40,
};

async function startLogged(overrides = {}) {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  const emulator = createEmulator(testConfig({ ...RETRY_FOREVER, ...overrides }), { logger });
  const started = await emulator.start();
  const client = new CallAutomationClient(started.connectionString, {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  return { emulator, lines, client, control: new EmulatorClient(started.url), port: started.port };
}

/** One call with five callbacks, all still pending behind a webhook that answers 503. */
async function pendingCall(
  emulator: Emulator,
  client: CallAutomationClient,
  control: EmulatorClient,
  webhook: ScriptedWebhook,
): Promise<PlacedCall> {
  const call = await placeConnectedCall(client, control, webhook.url());
  await stoppedEvent(call, 'one');
  await stoppedEvent(call, 'two');
  await call.connection.hangUp(false);
  await untilJournal(
    emulator,
    () => recordOf(emulator, call.id, 'CallConnected').attempts.length >= 2,
    'CallConnected was refused twice',
  );
  assert.equal(emulator.delivery.pending, 5);
  return call;
}

/** A fresh connection (no pooled socket), so a closed listener shows as ECONNREFUSED. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
        res.resume();
        resolve(String(res.statusCode));
      })
      .on('error', (err: Error & { code?: string }) => resolve(err.code ?? err.message));
  });
}

describe('shutdown with pending callbacks', () => {
  it('stops taking requests and flushes what is pending', async () => {
    let up = false;
    const webhook = await startScriptedWebhook(() => ({ status: up ? 200 : 503 }));
    const { emulator, lines, client, control, port } = await startLogged();
    try {
      const call = await pendingCall(emulator, client, control, webhook);
      const stopping = emulator.stop(10_000);
      assert.equal(await probe(port), 'ECONNREFUSED', 'no new requests once stopping');
      up = true;
      await stopping;

      const delivered = webhook.hits.filter(
        (h) => h.callConnectionId === call.id && h.reply === 200,
      );
      assert.deepEqual(
        delivered.map((h) => h.type),
        [
          'CallConnected',
          'ParticipantsUpdated',
          'ContinuousDtmfRecognitionStopped',
          'ContinuousDtmfRecognitionStopped',
          'CallDisconnected',
        ],
      );
      assert.deepEqual(
        emulator.delivery.journal.list({ callConnectionId: call.id }).map((r) => r.status),
        ['delivered', 'delivered', 'delivered', 'delivered', 'delivered'],
      );
      assert.ok(lines.some((l) => l.msg === 'delivered every pending callback before stopping'));
      assert.ok(!lines.some((l) => /undelivered/.test(l.msg)));
    } finally {
      await webhook.close();
    }
  });

  it('logs what it could not deliver within the grace period', async () => {
    const webhook = await startScriptedWebhook(() => ({ status: 503 }));
    const { emulator, lines, client, control } = await startLogged();
    try {
      const call = await pendingCall(emulator, client, control, webhook);
      await emulator.stop(100);
      const warning = lines.find((l) => /stopped with 5 callback\(s\) undelivered/.test(l.msg));
      assert.ok(warning, `log lines: ${lines.map((l) => l.msg).join(' | ')}`);
      const undelivered = warning.undelivered as { id: string; type: string; url: string }[];
      assert.deepEqual(
        undelivered.map((u) => u.id),
        emulator.delivery.journal.list({ callConnectionId: call.id }).map((r) => r.id),
      );
      assert.equal(undelivered[0]?.type, 'Microsoft.Communication.CallConnected');
      assert.equal(undelivered[0]?.url, webhook.url());
      assert.equal(emulator.delivery.pending, 0, 'no queue left running after stop');
      assert.deepEqual(
        emulator.delivery.journal.list({ callConnectionId: call.id }).map((r) => r.status),
        ['pending', 'pending', 'pending', 'pending', 'pending'],
        'undelivered records stay pending in the journal',
      );
    } finally {
      await webhook.close();
    }
  });

  it('on SIGTERM the CLI flushes pending callbacks before it exits', async () => {
    let up = false;
    const webhook = await startScriptedWebhook(() => ({ status: up ? 200 : 503 }));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        '--port',
        '0',
        '--connect-delay-ms',
        '5',
        '--delivery-max-attempts',
        '100',
        '--delivery-backoff-ms',
        '10',
        '--delivery-max-backoff-ms',
        '40',
        '--shutdown-grace-ms',
        '10000',
      ],
      { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: LogLine[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const ready = new Promise<LogLine>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (text) => {
          const line = JSON.parse(text) as LogLine;
          lines.push(line);
          if (typeof line.connectionString === 'string') resolve(line);
        });
      });
      const { connectionString, url } = (await ready) as LogLine & {
        connectionString: string;
        url: string;
      };
      const client = new CallAutomationClient(connectionString, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      const control = new EmulatorClient(url);
      const call = await placeConnectedCall(client, control, webhook.url());
      await call.connection.hangUp(false);
      await webhook.waitFor((h) => h.type === 'CallConnected' && h.attempt >= 2);
      const pending = await control.listEvents({ callConnectionId: call.id, status: 'pending' });
      assert.equal(pending.length, 3);

      const before = webhook.hits.length;
      child.kill('SIGTERM');
      // Still retrying after the signal, then the webhook recovers within the grace period.
      await webhook.waitForCount(() => true, before + 1);
      up = true;
      assert.equal(await exited, 0);
      assert.deepEqual(
        webhook.hits.filter((h) => h.reply === 200).map((h) => h.type),
        ['CallConnected', 'ParticipantsUpdated', 'CallDisconnected'],
      );
      assert.ok(lines.some((l) => l.msg === 'stopping' && l.signal === 'SIGTERM'));
      assert.ok(lines.some((l) => l.msg === 'delivered every pending callback before stopping'));
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await webhook.close();
    }
  });
});
