/**
 * `npm run bench`: every scenario of issue 7 on 127.0.0.1, bounded to a few minutes; prints a
 * table and writes bench/results.json. Benchmarks report, they never fail on a figure.
 * Options: --only=route,delivery,startup,memory,scale,container,participants,recording,streaming   --rounds=N   --quick (short runs, for a smoke test)
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/child.js';
import { formatSpread } from './lib/stats.js';
import { missionRoute, type MissionRouteResult } from './scenarios/mission-route.js';
import { callbackDelivery, type CallbackDeliveryResult } from './scenarios/callback-delivery.js';
import { startup, type StartupResult } from './scenarios/startup.js';
import { memory, type MemoryPoint } from './scenarios/memory.js';
import { container, containerRows, type ContainerResult } from './scenarios/container.js';
import { participants } from './scenarios/participants.js';
import { recording } from './scenarios/recording.js';
import { streaming } from './scenarios/streaming.js';
import { familyRows, familyTarget, type FamilyResults } from './scenarios/family-rows.js';
import { scale, type ScaleResult } from './scenarios/scale.js';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [name, value] = a.replace(/^--/, '').split('=');
    return [name as string, value ?? 'true'];
  }),
);
const quick = args.has('quick');
const only = new Set(
  (
    args.get('only') ??
    'route,delivery,startup,memory,scale,container,participants,recording,streaming'
  ).split(','),
);
const rounds = Number(args.get('rounds') ?? (quick ? 1 : 3));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Results extends FamilyResults {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string };
  loadAverageAtStart: number[];
  missionRoute?: MissionRouteResult;
  callbackDelivery?: CallbackDeliveryResult;
  startup?: StartupResult;
  memory?: MemoryPoint[];
  scale?: ScaleResult;
  container?: ContainerResult;
}

const results: Results = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  },
  loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
};

if (only.has('route')) {
  log('1. mission route (start+stop continuous DTMF) vs necessary-work floor and Express 200 {}');
  results.missionRoute = await missionRoute(
    {
      rounds,
      connections: 10,
      warmupSec: quick ? 1 : 2,
      durationSec: quick ? 2 : 5,
    },
    log,
  );
}
if (only.has('delivery')) {
  log('2. callback delivery vs raw node:http sender');
  results.callbackDelivery = await callbackDelivery(
    { rounds, concurrency: 32, warmupMs: quick ? 500 : 1_000, durationMs: quick ? 1_500 : 4_000 },
    log,
  );
}
if (only.has('startup')) {
  log('3. startup to first healthy /health');
  results.startup = await startup(quick ? 3 : 5, log);
}
if (only.has('memory')) {
  log('4. memory per tracked call');
  results.memory = await memory(quick ? [10_000] : [10_000, 100_000], log);
}
if (only.has('scale')) {
  log('5. CPU per request of the mission route load at 10 and at 100k live calls');
  results.scale = await scale(
    {
      rounds,
      small: 10,
      large: quick ? 20_000 : 100_000,
      connections: 10,
      warmupSec: quick ? 1 : 2,
      durationSec: quick ? 2 : 5,
    },
    log,
  );
}
if (only.has('container')) {
  log('6. container image: size, podman run to first healthy /health');
  results.container = await container(quick ? 3 : 5, log);
}

const loop = { rounds, connections: 10, warmupSec: quick ? 1 : 2, durationSec: quick ? 2 : 5 };
if (only.has('participants')) {
  log('7. participants: add + remove participant loop vs its necessary-work floor');
  results.participants = await participants(loop, log);
}
if (only.has('recording')) {
  log('8. recording: start + stop recording loop vs its necessary-work floor');
  results.recording = await recording(loop, log);
}
if (only.has('streaming')) {
  log('9. media streaming: AudioData frames to the app WebSocket vs a raw ws sender');
  results.streaming = await streaming(
    { rounds, calls: 200, warmupSec: quick ? 1 : 2, durationSec: quick ? 3 : 5 },
    log,
  );
}

writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const rows: [string, string, string, string][] = [];
const route = results.missionRoute;
if (route) {
  rows.push(
    [
      'mission route req/s',
      formatSpread(route.emulatorReqPerSec),
      `necessary-work floor: ${formatSpread(route.floorReqPerSec)}`,
      `ratio ${formatSpread(route.floorRatio, 2)} (target >= 0.9)`,
    ],
    [
      'mission route p50 / p99 ms',
      `${formatSpread(route.emulatorP50Ms, 2)} / ${formatSpread(route.emulatorP99Ms, 2)}`,
      `floor: ${formatSpread(route.floorP50Ms, 2)} / ${formatSpread(route.floorP99Ms, 2)}`,
      `p99 ratio ${formatSpread(route.floorP99Ratio, 2)} (target <= 1.5)`,
    ],
    [
      'mission route req/s (bare)',
      formatSpread(route.emulatorReqPerSec),
      `Express 200 {}: ${formatSpread(route.expressReqPerSec)}`,
      `ratio ${formatSpread(route.ratio, 2)} (second reference)`,
    ],
    [
      'mission route p50 / p99 ms (bare)',
      `${formatSpread(route.emulatorP50Ms, 2)} / ${formatSpread(route.emulatorP99Ms, 2)}`,
      `${formatSpread(route.expressP50Ms, 2)} / ${formatSpread(route.expressP99Ms, 2)}`,
      '',
    ],
    [
      'floor server CPU µs per request',
      formatSpread(route.floorCpuUsPerReq),
      '',
      `floor events ${route.floor.map((e) => `${e.eventsReceived}/${e.stopsAnswered}`).join(', ')}`,
    ],
    [
      'server CPU µs per request',
      formatSpread(route.emulatorCpuUsPerReq),
      `Express 200 {}: ${formatSpread(route.expressCpuUsPerReq)}`,
      `ratio ${formatSpread(route.cpuRatio, 2)} (Express CPU / emulator CPU)`,
    ],
    [
      'stop events delivered',
      route.emulator.map((e) => `${e.eventsReceived}/${e.stopsAnswered}`).join(', '),
      '',
      route.eventsMatchStops ? 'every stop delivered' : 'MISMATCH',
    ],
  );
}
const delivery = results.callbackDelivery;
if (delivery) {
  rows.push(
    [
      'callback delivery events/s',
      formatSpread(delivery.emulatorEventsPerSec),
      `raw node:http: ${formatSpread(delivery.rawEventsPerSec)}`,
      `ratio ${formatSpread(delivery.ratio, 2)} (targets >= 10k/s, >= 0.7)`,
    ],
    [
      'delivery p50 / p99 ms',
      `${formatSpread(delivery.emulatorP50Ms, 2)} / ${formatSpread(delivery.emulatorP99Ms, 2)}`,
      `${formatSpread(delivery.rawP50Ms, 2)} / ${formatSpread(delivery.rawP99Ms, 2)}`,
      `K = ${delivery.options.concurrency} calls in flight`,
    ],
    [
      'delivery producer CPU µs/event',
      formatSpread(delivery.emulatorCpuUsPerEvent),
      formatSpread(delivery.rawCpuUsPerEvent),
      'user + system, measure phase',
    ],
  );
}
if (results.startup) {
  const s = results.startup;
  rows.push([
    'startup ms (median of runs)',
    formatSpread(s.emulatorMs),
    `bare Express: ${formatSpread(s.expressMs)}`,
    `ratio ${s.ratio.toFixed(2)} (target <= 1.5)`,
  ]);
  rows.push([
    'startup CPU ms until healthy',
    formatSpread(s.emulatorCpuMs),
    `bare Express: ${formatSpread(s.expressCpuMs)}`,
    `ratio ${s.cpuRatio.toFixed(2)} (less disturbed by a busy machine)`,
  ]);
}
for (const point of results.memory ?? []) {
  rows.push([
    `memory @ ${point.calls} calls`,
    `heap ${(point.heapPerCall / 1024).toFixed(2)} KB, RSS ${(point.rssPerCall / 1024).toFixed(2)} KB per call`,
    `with event journal: heap ${(point.heapPerCallWithJournal / 1024).toFixed(2)} KB, RSS ${(point.rssPerCallWithJournal / 1024).toFixed(2)} KB`,
    'target <= 2 KB per idle call',
  ]);
}
const scaled = results.scale;
if (scaled) {
  rows.push([
    `server CPU µs/request @ ${scaled.options.large} live calls`,
    formatSpread(scaled.largeCpuUsPerReq),
    `@ ${scaled.options.small} live calls: ${formatSpread(scaled.smallCpuUsPerReq)}`,
    `ratio ${formatSpread(scaled.cpuRatio, 2)} (target 0.9-1.1)${scaled.eventsMatchStops ? '' : ' events MISMATCH'}`,
  ]);
  rows.push([
    `RSS per call of the CLI @ ${scaled.options.large} (no forced GC)`,
    `${(scaled.rssPerCall.median / 1024).toFixed(2)} KB (${(scaled.rssPerCall.min / 1024).toFixed(2)}-${(scaled.rssPerCall.max / 1024).toFixed(2)})`,
    'calls made over HTTP, before the load',
    'check on the memory probe',
  ]);
}
if (results.container) rows.push(...containerRows(results.container));
rows.push(...familyRows(results));

const header: [string, string, string, string] = [
  'scenario',
  'emulator median (min-max)',
  'reference',
  'vs target',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: readonly string[]) =>
  cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
console.log(
  `\n${results.machine.cpus} x ${results.machine.cpuModel}, Node ${results.machine.node}`,
);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));

// The targets of issue 20, each judged on the median of this run's ratios.
const verdict = (ok: boolean | undefined) =>
  ok === undefined ? 'not measured' : ok ? 'met' : 'NOT MET';
const memoryPoints = results.memory ?? [];
const largest = memoryPoints.at(-1);
const targets: [string, string, string][] = [
  [
    'mission route >= 0.9 of the necessary-work floor',
    route ? formatSpread(route.floorRatio, 2) : '-',
    verdict(route && route.floorRatio.median >= 0.9),
  ],
  [
    'mission route p99 <= 1.5x the floor p99',
    route ? formatSpread(route.floorP99Ratio, 2) : '-',
    verdict(route && route.floorP99Ratio.median <= 1.5),
  ],
  [
    'callback delivery >= 0.9 of raw node:http',
    delivery ? formatSpread(delivery.ratio, 2) : '-',
    verdict(delivery && delivery.ratio.median >= 0.9),
  ],
  [
    'startup <= 1.5x bare Express',
    results.startup ? results.startup.ratio.toFixed(2) : '-',
    verdict(results.startup && results.startup.ratio <= 1.5),
  ],
  [
    'memory per idle call <= 2 KB RSS',
    largest ? `${(largest.rssPerCall / 1024).toFixed(2)} KB @ ${largest.calls}` : '-',
    verdict(largest && largest.rssPerCall <= 2048),
  ],
  [
    'CPU/request at 100k live calls within 10% of 10 calls',
    scaled ? `${formatSpread(scaled.cpuRatio, 2)} @ ${scaled.options.large}` : '-',
    verdict(scaled && Math.abs(scaled.cpuRatio.median - 1) <= 0.1),
  ],
  familyTarget(results),
];
const tw = [0, 1, 2].map((i) => Math.max(...targets.map((t) => t[i]?.length ?? 0)));
console.log('\nissue 20 targets (median ratio, min-max across rounds)');
for (const t of targets) console.log(t.map((c, i) => c.padEnd(tw[i] ?? 0)).join(' | '));
console.log('\nwrote bench/results.json');
