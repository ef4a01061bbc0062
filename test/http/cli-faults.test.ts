/** The CLI with --faults and --seed: rules loaded at start, a bad file stops the start with exit 2. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorClient } from '../../src/index.js';
import { readyLine, runCli } from '../helpers/cli-process.js';

describe('acs-call-emulator --faults', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-cli-faults-'));
    writeFileSync(
      join(dir, 'faults.json'),
      JSON.stringify([
        {
          id: 'slow-play',
          match: { operation: 'CallMedia_Play' },
          action: { type: 'delay', ms: 5 },
        },
        { match: { eventType: 'CallConnected' }, action: { type: 'drop' }, times: 2 },
      ]),
    );
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify([
        { match: { operation: 'CallMedia_Play' }, action: { type: 'error', status: 200 } },
      ]),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the rules at start; GET /admin/faults shows them newest first, with the seed', async () => {
    const run = runCli(['--port', '0', '--seed', '42'], {
      ACS_EMULATOR_FAULTS: join(dir, 'faults.json'),
    });
    try {
      const ready = await readyLine(run);
      const control = new EmulatorClient(ready.url);
      const rules = await control.listFaults();
      assert.deepEqual(
        rules.map((r) => [r.id === 'slow-play' ? r.id : 'generated', r.action.type, r.times]),
        [
          ['generated', 'drop', 2],
          ['slow-play', 'delay', undefined],
        ],
      );
      assert.equal(await control.faultSeed(), 42);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  it('a bad rule stops the start with exit code 2 and one line naming the file and the field', async () => {
    const file = join(dir, 'bad.json');
    const run = runCli(['--port', '0', '--faults', file]);
    assert.equal(await run.exited, 2);
    const lines = run.stderr().trim().split('\n');
    assert.equal(lines.length, 1, run.stderr());
    assert.equal(
      lines[0],
      `acs-call-emulator: --faults: ${file}: [0].action.status must be a whole number from 400 to 599`,
    );
  });
});
