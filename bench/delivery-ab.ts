/**
 * `tsx bench/delivery-ab.ts <distA> <distB> [rounds]`: callback delivery (scenario 2) on two builds
 * of the emulator (e.g. a baseline built with `tsc --outDir .tmp/dist-base` and dist/) and the raw
 * node:http sender, rotated each round, fresh processes. Prints events/s, the ratio to the raw
 * sender of the same round, and the producer's CPU per event.
 */
import { runDelivery, type DeliveryRun } from './scenarios/callback-delivery.js';
import { formatSpread, spread } from './lib/stats.js';

const [distA = '.tmp/dist-base', distB = 'dist', roundsArg = '4'] = process.argv.slice(2);
const options = { concurrency: 32, warmupMs: 1_000, durationMs: 3_000 };
const runs: Record<string, DeliveryRun[]> = { [distA]: [], [distB]: [], raw: [] };
const ratios: Record<string, number[]> = { [distA]: [], [distB]: [] };
const order = ['raw', distA, distB];
for (let round = 0; round < Number(roundsArg); round++) {
  const inRound: Record<string, DeliveryRun> = {};
  for (let i = 0; i < order.length; i++) {
    const name = order[(i + round) % order.length] as string;
    const run = await runDelivery(
      name === 'raw' ? 'raw' : 'emulator',
      options,
      name === 'raw' ? undefined : name,
    );
    inRound[name] = run;
    runs[name]?.push(run);
    console.log(
      `${name.padEnd(16)} ${run.eventsPerSec.toFixed(0)} events/s, ${run.cpuUsPerEvent.toFixed(1)} µs CPU/event, ` +
        `p99 ${run.p99Ms.toFixed(2)} ms, ${run.received}/${run.produced} received`,
    );
  }
  for (const name of [distA, distB])
    ratios[name]?.push(
      (inRound[name] as DeliveryRun).eventsPerSec / (inRound.raw as DeliveryRun).eventsPerSec,
    );
}
for (const [name, list] of Object.entries(runs)) {
  console.log(
    `${name.padEnd(16)} events/s ${formatSpread(spread(list.map((r) => r.eventsPerSec)))}, ` +
      `µs CPU/event ${formatSpread(spread(list.map((r) => r.cpuUsPerEvent)), 1)}` +
      (ratios[name] ? `, ratio to raw ${formatSpread(spread(ratios[name]), 2)}` : ''),
  );
}
