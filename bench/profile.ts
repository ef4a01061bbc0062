/**
 * `npm run bench:profile`: one run of the mission route with the emulator under `node --cpu-prof`,
 * then the functions with the most self time. The .cpuprofile stays in .tmp/profiles for
 * Chrome DevTools or speedscope.
 * Options: --duration=SECONDS (default 8)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/child.js';
import { printNewestProfile } from './lib/profile-top.js';
import { runEmulator } from './scenarios/mission-route.js';

const durationArg = process.argv.find((a) => a.startsWith('--duration='));
const durationSec = durationArg ? Number(durationArg.split('=')[1]) : 8;
const dir = join(ROOT, '.tmp', 'profiles');
mkdirSync(dir, { recursive: true });
const startedAt = Date.now();

const run = await runEmulator(
  { rounds: 1, connections: 10, warmupSec: 2, durationSec },
  { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] },
);
console.log(
  `${run.reqPerSec.toFixed(0)} req/s, p99 ${run.p99Ms.toFixed(2)} ms, ` +
    `${run.serverCpuUsPerReq.toFixed(0)} µs CPU/req`,
);

printNewestProfile(dir, startedAt, 40);
