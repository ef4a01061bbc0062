/**
 * One emulator run of an operation-family scenario under `node --cpu-prof`, then the functions
 * with the most self time (as bench/profile.ts does for the mission route). The .cpuprofile stays
 * in .tmp/profiles.
 * Usage: npx tsx bench/profile-family.ts --scenario=participants|recording|streaming
 *        [--duration=SECONDS] [--calls=N (streaming, default 200)]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/child.js';
import { printNewestProfile } from './lib/profile-top.js';
import { describeRun, runOpLoop } from './lib/op-loop.js';
import { participantsScenario } from './scenarios/participants.js';
import { recordingScenario } from './scenarios/recording.js';
import { runStreaming } from './scenarios/streaming.js';

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

printNewestProfile(dir, startedAt, 30);
