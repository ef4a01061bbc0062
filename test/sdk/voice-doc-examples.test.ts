/**
 * docs/voice.md's examples run as written: each ```ts block is run as a script with tsx against a
 * fresh emulator and must exit 0 (each one asserts what it received).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';

const ROOT = new URL('../..', import.meta.url).pathname;
// Inside node_modules, so the scripts resolve the project's packages and no linter sees them.
const DIR = join(ROOT, 'node_modules', '.cache', 'voice-doc-examples');
const EXAMPLES = [
  ...readFileSync(join(ROOT, 'docs', 'voice.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g),
].map((m) => m[1] ?? '');

function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('docs/voice.md examples', () => {
  let running: RunningEmulator;
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    running = await startEmulator({ deliveryMaxAttempts: 1 });
  });
  after(async () => {
    await running.stop();
    rmSync(DIR, { recursive: true, force: true });
  });

  it('has the three examples', () => {
    assert.equal(EXAMPLES.length, 3);
  });

  EXAMPLES.forEach((source, i) => {
    it(`example ${i + 1} runs and exits 0`, async () => {
      const file = join(DIR, `example-${i + 1}.mts`);
      writeFileSync(file, source);
      const { code, out } = await run(file, { EMULATOR_URL: running.url });
      assert.equal(code, 0, out);
    });
  });
});
