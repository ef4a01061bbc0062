/**
 * `tsx bench/ab.ts <cliA> <cliB> [rounds]`: the mission route on two builds of the emulator (e.g. a
 * baseline built with `tsc --outDir .tmp/dist-base` and dist/), interleaved ABBA, fresh processes,
 * to tell a change from the noise of a shared machine. Prints req/s and server CPU per request.
 */
import { runEmulator, type EmulatorRun } from './scenarios/mission-route.js';
import { formatSpread, spread } from './lib/stats.js';

const [cliA = '.tmp/dist-base/cli.js', cliB = 'dist/cli.js', roundsArg = '4'] =
  process.argv.slice(2);
const options = { rounds: 1, connections: 10, warmupSec: 1, durationSec: 3 };
const runs: Record<string, EmulatorRun[]> = { [cliA]: [], [cliB]: [] };
for (let round = 0; round < Number(roundsArg); round++) {
  for (const cli of round % 2 === 0 ? [cliA, cliB] : [cliB, cliA]) {
    const run = await runEmulator(options, { cli });
    runs[cli]?.push(run);
    console.log(
      `${cli.padEnd(24)} ${run.reqPerSec.toFixed(0)} req/s, ${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req`,
    );
  }
}
for (const [cli, list] of Object.entries(runs)) {
  console.log(
    `${cli.padEnd(24)} req/s ${formatSpread(spread(list.map((r) => r.reqPerSec)))}, ` +
      `µs CPU/req ${formatSpread(spread(list.map((r) => r.serverCpuUsPerReq)))}`,
  );
}
