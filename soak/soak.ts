/**
 * Bounded soak: 200,000 mixed ACS requests and 50,000 callbacks against a separate emulator
 * process on 127.0.0.1, reporting its RSS at start, middle and end and every lost event.
 * Run: npm run soak   (options: --calls N, default 10000; --concurrency N, default 16)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { WELL_KNOWN_ACCESS_KEY } from '../src/config.js';
import { signedHeaders } from '../test/helpers/sign.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg('calls', 10_000);
const CONCURRENCY = arg('concurrency', 16);
const V = 'api-version=2026-03-12';
const PSTN = {
  rawId: '4:+14255550123',
  phoneNumber: { value: '+14255550123', isAnonymous: false },
};
// Per call: create, get, 3 x (start + stop), 11 x stop-without-start, hang-up = 20 requests;
// events: CallConnected, 3 x ContinuousDtmfRecognitionStopped, CallDisconnected = 5.
const REQUESTS_PER_CALL = 20;
const EVENTS_PER_CALL = 5;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function send(
  port: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const host = `127.0.0.1:${port}`;
  const headers = {
    host,
    ...(text
      ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
      : {}),
    ...signedHeaders({ method, target: path, host, body: text, accessKey: WELL_KNOWN_ACCESS_KEY }),
  };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          json: data ? (JSON.parse(data) as Record<string, unknown>) : {},
        }),
      );
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function main(): Promise<void> {
  const received = new Map<string, number>();
  const ids = new Set<string>();
  let duplicates = 0;
  const receiver = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      const [event] = JSON.parse(data) as { id: string; type: string }[];
      if (event) {
        if (ids.has(event.id)) duplicates++;
        ids.add(event.id);
        received.set(event.type, (received.get(event.type) ?? 0) + 1);
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const callbackUri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`;

  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const readyFile = join(mkdtempSync(join(tmpdir(), 'acs-soak-')), 'ready.json');
  // warn: a log line per request would dominate the run; the ready file says where it listens.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      '--port',
      '0',
      '--log-level',
      'warn',
      '--ready-file',
      readyFile,
      '--connect-delay-ms',
      '0',
      // Retention saturates early (1,000 calls, 5,000 callback records), so after warm-up any
      // growth of RSS would be a leak, not the journals filling up.
      '--max-calls',
      '1000',
      '--event-journal-limit',
      '5000',
      '--request-journal-limit',
      '1000',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  let port = 0;
  for (let waited = 0; port === 0; waited += 50) {
    if (waited > 30_000 || child.exitCode !== null) throw new Error('the emulator did not start');
    if (existsSync(readyFile))
      port = (JSON.parse(readFileSync(readyFile, 'utf8')) as { port: number }).port;
    else await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid as number;
  const rss: { start: number; warm?: number; middle?: number; end: number } = {
    start: rssMb(pid),
    end: 0,
  };
  const started = Date.now();
  let requests = 0;
  let unexpected = 0;
  const expect = (status: number, wanted: number) => {
    requests++;
    if (status !== wanted) unexpected++;
  };

  let next = 0;
  async function worker(): Promise<void> {
    for (let n = next++; n < CALLS; n = next++) {
      const created = await send(port, 'POST', `/calling/callConnections?${V}`, {
        targets: [PSTN],
        callbackUri,
        operationContext: `soak-${n}`,
      });
      expect(created.status, 201);
      const id = String(created.json.callConnectionId);
      const one = `/calling/callConnections/${id}`;
      // Wait (bounded) for the call to connect: connect delay is 0 but runs on a timer.
      for (let tries = 0; tries < 50; tries++) {
        const got = await send(port, 'GET', `${one}?${V}`);
        if (got.json.callConnectionState === 'connected') {
          expect(got.status, 200);
          break;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      for (let i = 0; i < 3; i++) {
        expect(
          (
            await send(port, 'POST', `${one}:startContinuousDtmfRecognition?${V}`, {
              targetParticipant: PSTN,
            })
          ).status,
          200,
        );
        expect(
          (
            await send(port, 'POST', `${one}:stopContinuousDtmfRecognition?${V}`, {
              targetParticipant: PSTN,
              operationContext: `stop-${i}`,
            })
          ).status,
          200,
        );
      }
      for (let i = 0; i < 11; i++) {
        expect(
          (
            await send(port, 'POST', `${one}:stopContinuousDtmfRecognition?${V}`, {
              targetParticipant: PSTN,
            })
          ).status,
          200,
        );
      }
      expect((await send(port, 'DELETE', `${one}?${V}`)).status, 204);
      if (n === Math.floor(CALLS / 5)) rss.warm = rssMb(pid);
      if (n === Math.floor(CALLS / 2)) rss.middle = rssMb(pid);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const sentAt = Date.now();

  const expected = CALLS * EVENTS_PER_CALL;
  const total = () => [...received.values()].reduce((a, b) => a + b, 0);
  for (let waited = 0; total() < expected && waited < 60_000; waited += 100)
    await new Promise((r) => setTimeout(r, 100));
  rss.end = rssMb(pid);
  const journal = await new Promise<{ value: { status: string }[] }>((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${port}/admin/events?status=failed`, (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve(JSON.parse(data) as { value: { status: string }[] }));
      })
      .on('error', reject);
  });

  child.kill('SIGTERM');
  receiver.close();
  agent.destroy();
  const seconds = (sentAt - started) / 1000;
  const report = {
    calls: CALLS,
    requests,
    requestsExpected: CALLS * REQUESTS_PER_CALL,
    unexpectedStatuses: unexpected,
    requestsPerSecond: Math.round(requests / seconds),
    callbacksExpected: expected,
    callbacksReceived: total(),
    lostCallbacks: expected - total(),
    duplicateCallbacks: duplicates,
    failedInJournal: journal.value.length,
    byType: Object.fromEntries(received),
    rssMb: rss,
    rssGrowthStartToEndMb: Math.round((rss.end - rss.start) * 10) / 10,
    rssGrowthWarmToEndMb: Math.round((rss.end - (rss.warm ?? rss.start)) * 10) / 10,
    // Flat: after warm-up (20% of the run) RSS grows by at most 15%.
    rssFlatAfterWarmUp: rss.end <= (rss.warm ?? rss.start) * 1.15,
    seconds,
  };
  console.log(JSON.stringify(report, null, 2));
  if (
    report.lostCallbacks !== 0 ||
    report.unexpectedStatuses !== 0 ||
    report.duplicateCallbacks !== 0 ||
    !report.rssFlatAfterWarmUp
  )
    process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
