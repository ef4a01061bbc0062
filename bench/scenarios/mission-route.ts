/**
 * Scenario 1: the mission's route under load. Cycles of startContinuousDtmfRecognition +
 * stopContinuousDtmfRecognition on one call (one participant per connection, so every stop ends
 * an active recognition and delivers one ContinuousDtmfRecognitionStopped to a local receiver),
 * against two references taking the same requests: the necessary-work floor (issue 20: raw body,
 * HMAC check, JSON parse, a per-participant flag, one CloudEvent POST per stop) and a bare
 * Express 5 route answering `200 {}`. Fresh processes every run, the three servers interleaved
 * (ABC then CBA) so drift and neighbours hit them alike.
 */
import { randomUUID } from 'node:crypto';
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';
import {
  createCallRequest,
  dtmfCycle,
  getJson,
  send,
  type SignedRequest,
} from '../lib/acs-requests.js';
import { cpuMs, startChild, type Child } from '../lib/child.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import { spread, type Spread } from '../lib/stats.js';
import { waitConnected, waitFor } from '../lib/wait-for.js';

export interface MissionRouteOptions {
  rounds: number;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

export interface ServerRun extends LoadResult {
  /** Server CPU time per answered request (µs), from /proc: robust to a busy machine. */
  serverCpuUsPerReq: number;
}

export interface EmulatorRun extends ServerRun {
  stopsAnswered: number;
  eventsReceived: number;
  drainMs: number;
}

export interface MissionRouteResult {
  options: MissionRouteOptions;
  express: ServerRun[];
  floor: EmulatorRun[];
  emulator: EmulatorRun[];
  /** Emulator req/s / necessary-work floor req/s, per round. */
  floorRatio: Spread;
  /** Emulator p99 / floor p99, per round. */
  floorP99Ratio: Spread;
  floorReqPerSec: Spread;
  floorCpuUsPerReq: Spread;
  floorP50Ms: Spread;
  floorP99Ms: Spread;
  ratio: Spread;
  /** Express CPU per request / emulator CPU per request, per round. */
  cpuRatio: Spread;
  expressCpuUsPerReq: Spread;
  emulatorCpuUsPerReq: Spread;
  expressReqPerSec: Spread;
  emulatorReqPerSec: Spread;
  emulatorP50Ms: Spread;
  emulatorP99Ms: Spread;
  expressP50Ms: Spread;
  expressP99Ms: Spread;
  eventsMatchStops: boolean;
}

export const cyclesFor = (port: number, callId: string, connections: number): SignedRequest[][] =>
  Array.from({ length: connections }, (_, i) => {
    const { start, stop } = dtmfCycle(`127.0.0.1:${port}`, callId, i);
    return [start, stop];
  });

async function measured(server: Child, run: () => Promise<LoadResult>): Promise<ServerRun> {
  const before = cpuMs(server.process.pid);
  const load = await run();
  const cpu = cpuMs(server.process.pid) - before;
  return { ...load, serverCpuUsPerReq: (cpu * 1000) / (load.ok + load.non2xx) };
}

async function runExpress(options: MissionRouteOptions): Promise<ServerRun> {
  const server = await startChild(['bench/servers/bare-express.mjs', '0']);
  try {
    const cycles = cyclesFor(server.port, randomUUID(), options.connections);
    await runLoad(server.port, cycles, options.warmupSec);
    return await measured(server, () => runLoad(server.port, cycles, options.durationSec));
  } finally {
    await server.stop();
  }
}

/** One necessary-work floor run: fresh floor and receiver processes, one call, measured load. */
async function runFloor(options: MissionRouteOptions): Promise<EmulatorRun> {
  const receiver = await startChild(['bench/servers/receiver.mjs']);
  const server = await startChild([
    'bench/servers/necessary-floor.mjs',
    '0',
    WELL_KNOWN_ACCESS_KEY,
  ]);
  try {
    const host = `127.0.0.1:${server.port}`;
    const created = await send<{ callConnectionId: string }>(
      server.port,
      createCallRequest(
        host,
        options.connections,
        `http://127.0.0.1:${receiver.port}/api/callbacks`,
      ),
    );
    if (created.status !== 201) throw new Error(`floor createCall answered ${created.status}`);
    let stopsAnswered = 0;
    const counters = {
      onResponse: (request: SignedRequest, status: number) => {
        if (status === 200 && request.path.includes(':stopContinuous')) stopsAnswered++;
      },
    };
    const cycles = cyclesFor(server.port, created.body.callConnectionId, options.connections);
    await runLoad(server.port, cycles, options.warmupSec, counters);
    const cpuBefore = cpuMs(server.process.pid);
    const load = await runLoad(server.port, cycles, options.durationSec, counters);
    const eventsNow = async () =>
      (await getJson<ReceiverStats>(receiver.port, '/stats')).byType
        .ContinuousDtmfRecognitionStopped ?? 0;
    const drainMs = await waitFor(async () => (await eventsNow()) >= stopsAnswered, 30_000);
    const cpu = cpuMs(server.process.pid) - cpuBefore;
    return {
      ...load,
      serverCpuUsPerReq: (cpu * 1000) / (load.ok + load.non2xx),
      stopsAnswered,
      eventsReceived: await eventsNow(),
      drainMs,
    };
  } finally {
    await server.stop();
    await receiver.stop();
  }
}

export interface ReceiverStats {
  byType: Record<string, number>;
  malformed: number;
}

export interface EmulatorRunOptions {
  /** Extra node flags (e.g. --cpu-prof); the process then stops with SIGINT to write its files. */
  nodeArgs?: readonly string[];
  /** The CLI to run, relative to the repository root (another build, for A/B comparisons). */
  cli?: string;
}

/** One emulator run: fresh emulator and receiver processes, one call, warm-up, measured load. */
export async function runEmulator(
  options: MissionRouteOptions,
  { nodeArgs = [], cli = 'dist/cli.js' }: EmulatorRunOptions = {},
): Promise<EmulatorRun> {
  const receiver = await startChild(['bench/servers/receiver.mjs']);
  const emulator = await startChild([...nodeArgs, cli, '--port', '0']);
  try {
    return await measureStartStop(emulator, receiver.port, options);
  } finally {
    await emulator.stop(nodeArgs.length > 0 ? 'SIGINT' : 'SIGKILL');
    await receiver.stop();
  }
}

export async function missionRoute(
  options: MissionRouteOptions,
  log: (line: string) => void,
): Promise<MissionRouteResult> {
  const express: ServerRun[] = [];
  const floor: EmulatorRun[] = [];
  const emulator: EmulatorRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const abc = ['floor', 'express', 'emulator'];
    const order = round % 2 === 0 ? abc : abc.reverse();
    for (const which of order) {
      if (which === 'floor') {
        const run = await runFloor(options);
        floor.push(run);
        log(
          `  round ${round + 1} floor    ${run.reqPerSec.toFixed(0)} req/s, ` +
            `${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req, ` +
            `${run.eventsReceived}/${run.stopsAnswered} events/stops`,
        );
      } else if (which === 'express') {
        const run = await runExpress(options);
        express.push(run);
        log(
          `  round ${round + 1} express  ${run.reqPerSec.toFixed(0)} req/s, ` +
            `${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req`,
        );
      } else {
        const run = await runEmulator(options);
        emulator.push(run);
        log(
          `  round ${round + 1} emulator ${run.reqPerSec.toFixed(0)} req/s, ` +
            `${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req, ` +
            `${run.eventsReceived}/${run.stopsAnswered} events/stops`,
        );
      }
    }
  }
  const ratios = emulator.map((e, i) => e.reqPerSec / (express[i] as ServerRun).reqPerSec);
  const cpuRatios = emulator.map(
    (e, i) => (express[i] as ServerRun).serverCpuUsPerReq / e.serverCpuUsPerReq,
  );
  const floorAt = (i: number) => floor[i] as EmulatorRun;
  return {
    options,
    express,
    floor,
    emulator,
    floorRatio: spread(emulator.map((e, i) => e.reqPerSec / floorAt(i).reqPerSec)),
    floorP99Ratio: spread(emulator.map((e, i) => e.p99Ms / floorAt(i).p99Ms)),
    floorReqPerSec: spread(floor.map((r) => r.reqPerSec)),
    floorCpuUsPerReq: spread(floor.map((r) => r.serverCpuUsPerReq)),
    floorP50Ms: spread(floor.map((r) => r.p50Ms)),
    floorP99Ms: spread(floor.map((r) => r.p99Ms)),
    ratio: spread(ratios),
    cpuRatio: spread(cpuRatios),
    expressCpuUsPerReq: spread(express.map((r) => r.serverCpuUsPerReq)),
    emulatorCpuUsPerReq: spread(emulator.map((r) => r.serverCpuUsPerReq)),
    expressReqPerSec: spread(express.map((r) => r.reqPerSec)),
    emulatorReqPerSec: spread(emulator.map((r) => r.reqPerSec)),
    emulatorP50Ms: spread(emulator.map((r) => r.p50Ms)),
    emulatorP99Ms: spread(emulator.map((r) => r.p99Ms)),
    expressP50Ms: spread(express.map((r) => r.p50Ms)),
    expressP99Ms: spread(express.map((r) => r.p99Ms)),
    // A stop cut off by the end of a run may be answered after autocannon stopped listening, so
    // allow one unanswered stop per connection and run.
    eventsMatchStops: emulator.every(
      (e) =>
        e.eventsReceived >= e.stopsAnswered &&
        e.eventsReceived <= e.stopsAnswered + 2 * options.connections,
    ),
  };
}

/**
 * The mission route's measured load on a running emulator: one call with a participant per
 * connection, connected; warm-up, then the measured start+stop cycles; the server's CPU up to the
 * moment its last queued callback went out (work these requests caused).
 */
export async function measureStartStop(
  emulator: Child,
  receiverPort: number,
  options: MissionRouteOptions,
): Promise<EmulatorRun> {
  const host = `127.0.0.1:${emulator.port}`;
  const created = await send<{ callConnectionId: string }>(
    emulator.port,
    createCallRequest(host, options.connections, `http://127.0.0.1:${receiverPort}/api/callbacks`),
  );
  if (created.status !== 201) throw new Error(`createCall answered ${created.status}`);
  const callId = created.body.callConnectionId;
  await waitConnected(emulator.port, callId);

  let stopsAnswered = 0;
  const counters = {
    onResponse: (request: SignedRequest, status: number) => {
      if (status === 200 && request.path.includes(':stopContinuous')) stopsAnswered++;
    },
  };
  const cycles = cyclesFor(emulator.port, callId, options.connections);
  await runLoad(emulator.port, cycles, options.warmupSec, counters);
  const cpuBefore = cpuMs(emulator.process.pid);
  const load = await runLoad(emulator.port, cycles, options.durationSec, counters);
  // Callbacks still queued at the end are work these requests caused: count their CPU too.
  const drainMs = await waitFor(async () => {
    const health = await getJson<{ pendingCallbacks: number }>(emulator.port, '/health');
    return health.pendingCallbacks === 0;
  }, 30_000);
  const cpu = cpuMs(emulator.process.pid) - cpuBefore;
  const stats = await getJson<ReceiverStats>(receiverPort, '/stats');
  return {
    ...load,
    serverCpuUsPerReq: (cpu * 1000) / (load.ok + load.non2xx),
    stopsAnswered,
    eventsReceived: stats.byType.ContinuousDtmfRecognitionStopped ?? 0,
    drainMs,
  };
}
