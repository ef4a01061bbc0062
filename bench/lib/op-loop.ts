/**
 * A loop of ACS operations against the emulator and against the scenario's necessary-work floor,
 * measured the way the mission route is: fresh server and receiver processes per run, warm-up,
 * a closed-loop load of one keep-alive connection per cycle, server CPU from /proc (the drain of
 * the callbacks the load caused included), p50/p99, and every expected event counted at the
 * receiver. Runs alternate floor/emulator, then emulator/floor (ABBA), so drift hits both alike.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from './wait-for.js';
import { getJson } from './acs-requests.js';
import { cpuMs, startChild, type Child } from './child.js';
import { runLoad, type DynamicRequest, type LoadResult } from './load.js';
import { spread, type Spread } from './stats.js';

export interface OpLoopOptions {
  rounds: number;
  connections: number;
  warmupSec: number;
  durationSec: number;
}

export type ServerKind = 'emulator' | 'floor';

export interface OpLoopScenario {
  /** The floor server (bench/servers/...), started as `node <floorScript> 0 <floorArgs>`. */
  floorScript: string;
  floorArgs: readonly string[];
  /** Extra emulator arguments (the default settings otherwise). */
  emulatorArgs: readonly string[];
  /**
   * Creates the calls on a fresh server and returns one request cycle per connection for the
   * warm-up and for the measured load (the same cycles, or fresh calls when a cycle cut off by
   * the end of the warm-up would leave a call in a state the next cycle cannot leave).
   */
  setup(
    server: { kind: ServerKind; port: number },
    receiverPort: number,
    connections: number,
  ): Promise<{ warmup: DynamicRequest[][]; measured: DynamicRequest[][] }>;
  /** The operation a request is (counted when answered 2xx), e.g. 'add'. */
  operationOf(request: DynamicRequest): string;
  /** The events (type without the Microsoft.Communication. prefix) the answered operations owe. */
  expectedEvents(answered: Readonly<Record<string, number>>): Record<string, number>;
}

export interface OpLoopRun extends LoadResult {
  serverCpuUsPerReq: number;
  /** 2xx answers per operation, warm-up and measured load together. */
  answered: Record<string, number>;
  expected: Record<string, number>;
  received: Record<string, number>;
  drainMs: number;
}

export interface OpLoopResult {
  options: OpLoopOptions;
  floor: OpLoopRun[];
  emulator: OpLoopRun[];
  /** Emulator req/s / floor req/s, per round. */
  ratio: Spread;
  /** Floor CPU per request / emulator CPU per request, per round. */
  cpuRatio: Spread;
  p99Ratio: Spread;
  emulatorReqPerSec: Spread;
  floorReqPerSec: Spread;
  emulatorCpuUsPerReq: Spread;
  floorCpuUsPerReq: Spread;
  emulatorP50Ms: Spread;
  emulatorP99Ms: Spread;
  floorP50Ms: Spread;
  floorP99Ms: Spread;
  /** Every expected event arrived, and none beyond one per connection and operation cut off at the end. */
  eventsMatch: boolean;
}

interface ReceiverStats {
  byType: Record<string, number>;
  malformed: number;
}

const reached = (received: Record<string, number>, expected: Record<string, number>) =>
  Object.entries(expected).every(([type, n]) => (received[type] ?? 0) >= n);

export interface RunOptions {
  /** Extra node flags (e.g. --cpu-prof); the server then stops with SIGINT to write its files. */
  nodeArgs?: readonly string[];
  /** The emulator CLI, relative to the repository root (another build, for A/B comparisons). */
  cli?: string;
}

function startServer(
  kind: ServerKind,
  scenario: OpLoopScenario,
  { nodeArgs = [], cli = 'dist/cli.js' }: RunOptions,
): Promise<Child> {
  return kind === 'floor'
    ? startChild([...nodeArgs, scenario.floorScript, '0', ...scenario.floorArgs])
    : startChild([...nodeArgs, cli, '--port', '0', ...scenario.emulatorArgs]);
}

/** One run: fresh server and receiver, setup, warm-up, measured load, drain. */
export async function runOpLoop(
  kind: ServerKind,
  scenario: OpLoopScenario,
  options: OpLoopOptions,
  run: RunOptions = {},
): Promise<OpLoopRun> {
  const receiver = await startChild(['bench/servers/receiver.mjs']);
  const server = await startServer(kind, scenario, run);
  try {
    const cycles = await scenario.setup(
      { kind, port: server.port },
      receiver.port,
      options.connections,
    );
    // Events of the setup (CallConnected, ...) are not the load's: let them land, then count anew.
    if (kind === 'emulator') await drained(server.port);
    await sleep(200);
    await fetch(`http://127.0.0.1:${receiver.port}/reset`, { method: 'POST' });

    const answered: Record<string, number> = {};
    const counters = {
      onResponse: (request: DynamicRequest, status: number) => {
        if (status < 200 || status >= 300) return;
        const op = scenario.operationOf(request);
        answered[op] = (answered[op] ?? 0) + 1;
      },
    };
    await runLoad(server.port, cycles.warmup, options.warmupSec, counters);
    const cpuBefore = cpuMs(server.process.pid);
    const load = await runLoad(server.port, cycles.measured, options.durationSec, counters);
    const expected = scenario.expectedEvents(answered);
    const received = async () => (await getJson<ReceiverStats>(receiver.port, '/stats')).byType;
    // Callbacks still queued at the end are work these requests caused: their CPU counts too.
    const drainMs = await waitFor(async () => {
      if (kind === 'emulator' && !(await isDrained(server.port))) return false;
      return reached(await received(), expected);
    }, 60_000);
    const cpu = cpuMs(server.process.pid) - cpuBefore;
    return {
      ...load,
      serverCpuUsPerReq: (cpu * 1000) / (load.ok + load.non2xx),
      answered,
      expected,
      received: await received(),
      drainMs,
    };
  } finally {
    await server.stop((run.nodeArgs ?? []).length > 0 ? 'SIGINT' : 'SIGKILL');
    await receiver.stop();
  }
}

async function isDrained(port: number): Promise<boolean> {
  const health = await getJson<{ pendingCallbacks: number }>(port, '/health');
  return health.pendingCallbacks === 0;
}

async function drained(port: number): Promise<void> {
  await waitFor(() => isDrained(port), 30_000);
}

export function describeRun(run: OpLoopRun): string {
  const events = Object.keys(run.expected)
    .map((type) => `${type} ${run.received[type] ?? 0}/${run.expected[type]}`)
    .join(', ');
  return (
    `${run.reqPerSec.toFixed(0)} req/s, ${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req, ` +
    `p50/p99 ${run.p50Ms.toFixed(2)}/${run.p99Ms.toFixed(2)} ms, non-2xx ${run.non2xx}, ` +
    `drain ${run.drainMs} ms; events ${events}`
  );
}

export async function opLoop(
  name: string,
  scenario: OpLoopScenario,
  options: OpLoopOptions,
  log: (line: string) => void,
): Promise<OpLoopResult> {
  const floor: OpLoopRun[] = [];
  const emulator: OpLoopRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order: ServerKind[] = round % 2 === 0 ? ['floor', 'emulator'] : ['emulator', 'floor'];
    for (const kind of order) {
      const run = await runOpLoop(kind, scenario, options);
      (kind === 'floor' ? floor : emulator).push(run);
      log(`  ${name} round ${round + 1} ${kind.padEnd(8)} ${describeRun(run)}`);
    }
  }
  const floorAt = (i: number) => floor[i] as OpLoopRun;
  const slack = (run: OpLoopRun) => options.connections * Object.keys(run.answered).length;
  return {
    options,
    floor,
    emulator,
    ratio: spread(emulator.map((e, i) => e.reqPerSec / floorAt(i).reqPerSec)),
    cpuRatio: spread(emulator.map((e, i) => floorAt(i).serverCpuUsPerReq / e.serverCpuUsPerReq)),
    p99Ratio: spread(emulator.map((e, i) => e.p99Ms / floorAt(i).p99Ms)),
    emulatorReqPerSec: spread(emulator.map((r) => r.reqPerSec)),
    floorReqPerSec: spread(floor.map((r) => r.reqPerSec)),
    emulatorCpuUsPerReq: spread(emulator.map((r) => r.serverCpuUsPerReq)),
    floorCpuUsPerReq: spread(floor.map((r) => r.serverCpuUsPerReq)),
    emulatorP50Ms: spread(emulator.map((r) => r.p50Ms)),
    emulatorP99Ms: spread(emulator.map((r) => r.p99Ms)),
    floorP50Ms: spread(floor.map((r) => r.p50Ms)),
    floorP99Ms: spread(floor.map((r) => r.p99Ms)),
    eventsMatch: [...floor, ...emulator].every((run) =>
      Object.entries(run.expected).every(([type, n]) => {
        const got = run.received[type] ?? 0;
        return got >= n && got <= n + 2 * slack(run);
      }),
    ),
  };
}
