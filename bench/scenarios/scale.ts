/**
 * Scenario "scale" (issue 20: cost flat with scale): server CPU per request of the mission route
 * load (start+stop continuous DTMF on 10 connections, as in mission-route.ts) in an emulator that
 * holds 10 live calls, and in one that holds 100,000. The idle calls are made the way an app makes
 * them: signed createCall requests over HTTP (a few connections, a 429 waited out and sent again),
 * each call connecting and its CallConnected and ParticipantsUpdated callbacks delivered to a local
 * receiver before the load starts, so the emulator holds exactly what real createCalls leave.
 * Fresh emulator and receiver processes per run; the two sizes interleaved (small, large, then
 * large, small) so drift and neighbours hit them alike.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCallRequest, getJson, type SignedRequest } from '../lib/acs-requests.js';
import { startChild, type Child } from '../lib/child.js';
import { spread, type Spread } from '../lib/stats.js';
import { waitFor } from '../lib/wait-for.js';
import { measureStartStop, type EmulatorRunOptions, type ReceiverStats } from './mission-route.js';

export interface ScaleOptions {
  rounds: number;
  /** Live calls in the small and the large emulator (the mission's call is one of them). */
  small: number;
  large: number;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

export interface ScaleRun {
  liveCalls: number;
  /** How long making the idle calls took (requests, connections and their callbacks). */
  populateSec: number;
  /**
   * The emulator's resident memory once every call is connected, before the load: what the
   * process pays with no forced GC (garbage not yet collected included), a check on the memory
   * probe's figure.
   */
  rssBytes: number;
  reqPerSec: number;
  serverCpuUsPerReq: number;
  stopsAnswered: number;
  eventsReceived: number;
}

export interface ScaleResult {
  options: ScaleOptions;
  small: ScaleRun[];
  large: ScaleRun[];
  smallCpuUsPerReq: Spread;
  largeCpuUsPerReq: Spread;
  /** Large CPU per request / small CPU per request, per round (target: within 10%). */
  cpuRatio: Spread;
  /** (large RSS - small RSS) / (large - small) calls, per round, from {@link ScaleRun.rssBytes}. */
  rssPerCall: Spread;
  eventsMatchStops: boolean;
}

/** createCalls in flight while populating: enough to keep the emulator busy, few like an app's. */
const POPULATE_CONNECTIONS = 16;
/** Requests are signed again this often, so a long population stays inside the HMAC date window. */
const RESIGN_EVERY = 5_000;

/** Makes `count` idle calls through the API and waits until every one is connected and reported. */
async function populate(emulator: Child, receiverPort: number, count: number): Promise<void> {
  const host = `127.0.0.1:${emulator.port}`;
  const callbackUri = `http://127.0.0.1:${receiverPort}/api/callbacks`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: POPULATE_CONNECTIONS });
  let request = createCallRequest(host, 1, callbackUri);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      if (i % RESIGN_EVERY === 0) request = createCallRequest(host, 1, callbackUri);
      // 429 means callbacks piled up (backpressure): wait and send the same call again.
      while ((await post(agent, emulator.port, request)) === 429) await sleep(20);
    }
  };
  try {
    await Promise.all(Array.from({ length: POPULATE_CONNECTIONS }, worker));
  } finally {
    agent.destroy();
  }
  const connectedNow = async () =>
    (await getJson<ReceiverStats>(receiverPort, '/stats')).byType.CallConnected ?? 0;
  await waitFor(async () => (await connectedNow()) >= count, 120_000);
  await waitFor(
    async () =>
      (await getJson<{ pendingCallbacks: number }>(emulator.port, '/health')).pendingCallbacks ===
      0,
    60_000,
  );
}

/** VmRSS of a process from /proc (Linux; NaN elsewhere). */
function residentBytes(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

function post(agent: http.Agent, port: number, request: SignedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: request.method, path: request.path },
      (res) => {
        res.resume();
        res.once('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 201 || status === 429) resolve(status);
          else reject(new Error(`createCall answered ${status}`));
        });
      },
    );
    for (const [name, value] of Object.entries(request.headers)) req.setHeader(name, value);
    req.once('error', reject);
    req.end(request.body);
  });
}

/** One run: fresh receiver and emulator, `liveCalls - 1` idle calls, then the mission's call under load. */
export async function runAt(
  liveCalls: number,
  options: ScaleOptions,
  { nodeArgs = [], cli = 'dist/cli.js' }: EmulatorRunOptions = {},
): Promise<ScaleRun> {
  const receiver = await startChild(['bench/servers/receiver.mjs']);
  const emulator = await startChild([
    ...nodeArgs,
    cli,
    '--port',
    '0',
    '--max-calls',
    String(Math.max(10_000, liveCalls * 2)),
  ]);
  try {
    const started = Date.now();
    await populate(emulator, receiver.port, liveCalls - 1);
    const populateSec = (Date.now() - started) / 1000;
    const rssBytes = residentBytes(emulator.process.pid);
    const run = await measureStartStop(emulator, receiver.port, options);
    // Every idle call and the mission's own are still live (the load hangs up none).
    const health = await getJson<{ calls: number }>(emulator.port, '/health');
    if (health.calls !== liveCalls)
      throw new Error(`emulator holds ${health.calls} calls, expected ${liveCalls}`);
    return {
      liveCalls,
      populateSec,
      rssBytes,
      reqPerSec: run.reqPerSec,
      serverCpuUsPerReq: run.serverCpuUsPerReq,
      stopsAnswered: run.stopsAnswered,
      eventsReceived: run.eventsReceived,
    };
  } finally {
    await emulator.stop(nodeArgs.length > 0 ? 'SIGINT' : 'SIGKILL');
    await receiver.stop();
  }
}

export async function scale(
  options: ScaleOptions,
  log: (line: string) => void,
  emulatorRun: EmulatorRunOptions = {},
): Promise<ScaleResult> {
  const small: ScaleRun[] = [];
  const large: ScaleRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const sizes = round % 2 === 0 ? [options.small, options.large] : [options.large, options.small];
    for (const liveCalls of sizes) {
      const run = await runAt(liveCalls, options, emulatorRun);
      (liveCalls === options.small ? small : large).push(run);
      log(
        `  round ${round + 1} ${String(liveCalls).padStart(6)} live calls: ` +
          `${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req, ${run.reqPerSec.toFixed(0)} req/s, ` +
          `${run.eventsReceived}/${run.stopsAnswered} events/stops, ` +
          `populated in ${run.populateSec.toFixed(0)} s, RSS ${(run.rssBytes / 2 ** 20).toFixed(0)} MiB`,
      );
    }
  }
  return {
    options,
    small,
    large,
    smallCpuUsPerReq: spread(small.map((r) => r.serverCpuUsPerReq)),
    largeCpuUsPerReq: spread(large.map((r) => r.serverCpuUsPerReq)),
    cpuRatio: spread(
      large.map((r, i) => r.serverCpuUsPerReq / (small[i] as ScaleRun).serverCpuUsPerReq),
    ),
    rssPerCall: spread(
      large.map(
        (r, i) => (r.rssBytes - (small[i] as ScaleRun).rssBytes) / (options.large - options.small),
      ),
    ),
    // As in mission-route.ts: a stop cut off by the end of a run may go unanswered.
    eventsMatchStops: [...small, ...large].every(
      (r) =>
        r.eventsReceived >= r.stopsAnswered &&
        r.eventsReceived <= r.stopsAnswered + 2 * options.connections,
    ),
  };
}
