/**
 * Issue 19, defect 9: a stop that leaves callbacks undelivered exits non-zero and says how many;
 * no retry starts that could not finish before the deadline (it would send the event twice); a
 * second SIGINT cuts the wait short.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import { CallAutomationClient } from '@azure/communication-call-automation';
import pino from 'pino';
import { createEmulator } from '../../src/emulator.js';
import { buildCloudEvent } from '../../src/events/cloud-event.js';
import { runCli } from '../helpers/cli-process.js';
import { testConfig } from '../helpers/emulator.js';
import { startScriptedWebhook } from '../helpers/scripted-webhook.js';

interface LogLine {
  msg: string;
  [field: string]: unknown;
}

/** Starts the CLI, places one call whose callbacks go to `webhook`, returns the run and lines. */
async function cliWithPendingCall(args: string[], webhook: string) {
  const run = runCli(['--port', '0', '--connect-delay-ms', '5', '--log-format', 'json', ...args]);
  const lines: LogLine[] = [];
  const ready = new Promise<LogLine>((resolve) => {
    createInterface({ input: run.child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      if (typeof line.connectionString === 'string') resolve(line);
    });
  });
  const { connectionString } = (await ready) as LogLine & { connectionString: string };
  const client = new CallAutomationClient(connectionString, {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  await client.createCall({ targetParticipant: { phoneNumber: '+14255550123' } }, webhook);
  return { run, lines };
}

/** Waits for the process to exit, failing (not hanging) if it never does. */
async function exitOf(run: ReturnType<typeof runCli>, boundMs: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), boundMs);
  });
  const result = await Promise.race([run.exited, bound]);
  clearTimeout(timer);
  if (result === 'still running') {
    run.child.kill('SIGKILL');
    assert.fail('the process did not exit');
  }
  return result;
}

describe('shutdown with callbacks undelivered', () => {
  it('exits with code 1 and a line saying how many', async () => {
    const webhook = await startScriptedWebhook(() => ({ status: 503 }));
    try {
      const { run, lines } = await cliWithPendingCall(
        ['--shutdown-grace-ms', '300', '--delivery-max-attempts', '100'],
        webhook.url(),
      );
      await webhook.waitForCount(() => true, 1);
      run.child.kill('SIGTERM');
      assert.equal(await exitOf(run, 60_000), 1);
      const line = lines.find((l) => /^stopped with \d+ callback\(s\) undelivered$/.test(l.msg));
      assert.ok(line, JSON.stringify(lines.map((l) => l.msg)));
      assert.ok((line.undelivered as unknown[]).length >= 1);
    } finally {
      await webhook.close();
    }
  });

  it('a second SIGINT ends a long grace period at once', async () => {
    const webhook = await startScriptedWebhook(() => ({ status: 503 }));
    try {
      const { run, lines } = await cliWithPendingCall(
        [
          '--shutdown-grace-ms',
          '600000',
          '--delivery-max-attempts',
          '100',
          '--delivery-backoff-ms',
          '10',
          '--delivery-max-backoff-ms',
          '40',
        ],
        webhook.url(),
      );
      await webhook.waitForCount(() => true, 1);
      run.child.kill('SIGINT');
      // Still retrying inside the grace period...
      const before = webhook.hits.length;
      await webhook.waitForCount(() => true, before + 2);
      run.child.kill('SIGINT');
      // ...until the second signal (the grace period is 10 minutes; the bound is far below it).
      assert.equal(await exitOf(run, 60_000), 1);
      assert.ok(lines.some((l) => l.msg.startsWith('second signal')));
    } finally {
      await webhook.close();
    }
  });
});

describe('the flush starts no retry it cannot finish', () => {
  it('with less than the answer timeout left, a failed callback is not tried again', async () => {
    const webhook = await startScriptedWebhook(() => ({ status: 503 }));
    const emulator = createEmulator(
      testConfig({
        deliveryTimeoutMs: 5_000,
        deliveryBackoffMs: 10,
        deliveryMaxBackoffMs: 40,
        deliveryMaxAttempts: 100,
        signCallbacks: false,
      }),
      { logger: pino({ level: 'silent' }) },
    );
    try {
      const { delivery } = emulator;
      delivery.enqueue('c1', webhook.url(), buildCloudEvent('CallConnected', 'c1', {}, Date.now()));
      await webhook.waitForCount(() => true, 1);
      const hitsAtFlush = webhook.hits.length;
      // 1 s of grace, 5 s answer timeout: any retry could be cut mid-way and arrive twice.
      const left = await delivery.flush(1_000);
      // The POST in flight when the flush began may finish; no new one starts.
      assert.ok(webhook.hits.length <= hitsAtFlush + 1, `${webhook.hits.length - hitsAtFlush} new`);
      assert.equal(left.length, 1, 'the record is reported as still pending');
      assert.equal(left[0]?.status, 'pending');
      const after = webhook.hits.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(webhook.hits.length, after, 'nothing is sent after the flush');
    } finally {
      emulator.delivery.close();
      await webhook.close();
    }
  });
});
