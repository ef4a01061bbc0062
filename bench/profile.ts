/**
 * `npm run bench:profile`: one run of the mission route with the emulator under `node --cpu-prof`,
 * then the functions with the most self time. The .cpuprofile stays in .tmp/profiles for
 * Chrome DevTools or speedscope.
 * Options: --duration=SECONDS (default 8)
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/child.js';
import { runEmulator } from './scenarios/mission-route.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

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

const file = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => join(dir, f))
  .filter((f) => statSync(f).mtimeMs >= startedAt)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\//, '').replace(ROOT, '');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0));
}
console.log(`profile: ${file}\nself time, top 40 of ${total} samples:`);
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
}
