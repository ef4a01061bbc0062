/**
 * One emulator run of an operation-family scenario under `node --cpu-prof`, then the functions
 * with the most self time (as bench/profile.ts does for the mission route). The .cpuprofile stays
 * in .tmp/profiles.
 * Usage: npx tsx bench/profile-family.ts --scenario=participants|recording|streaming
 *        [--duration=SECONDS] [--calls=N (streaming, default 200)]
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/child.js';
import { describeRun, runOpLoop } from './lib/op-loop.js';
import { participantsScenario } from './scenarios/participants.js';
import { recordingScenario } from './scenarios/recording.js';
import { runStreaming } from './scenarios/streaming.js';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const name = arg('scenario') ?? 'participants';
const scenario = name === 'recording' ? recordingScenario : participantsScenario;
const durationSec = Number(arg('duration') ?? 8);
const dir = join(ROOT, '.tmp', 'profiles');
mkdirSync(dir, { recursive: true });
const startedAt = Date.now();

const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
if (name === 'streaming') {
  const calls = Number(arg('calls') ?? 200);
  const run = await runStreaming(
    'emulator',
    { rounds: 1, calls, warmupSec: 2, durationSec },
    { nodeArgs },
  );
  console.log(
    `streaming: ${run.framesPerSec.toFixed(0)} frames/s (pace ${run.paceRatio.toFixed(3)}), ` +
      `${run.cpuUsPerFrame.toFixed(1)} µs CPU/frame`,
  );
} else {
  const run = await runOpLoop(
    'emulator',
    scenario,
    { rounds: 1, connections: 10, warmupSec: 2, durationSec },
    { nodeArgs },
  );
  console.log(`${name}: ${describeRun(run)}`);
}

const file = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => join(dir, f))
  .filter((f) => statSync(f).mtimeMs >= startedAt)
  .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!file) throw new Error('no profile written');
const nodes = (JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] }).nodes;
const total = nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
const byFunction = new Map<string, number>();
for (const node of nodes) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\//, '').replace(ROOT, '');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0));
}
console.log(`profile: ${file}\nself time, top 30 of ${total} samples:`);
for (const [fn, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${fn}`);
}
