/**
 * Issue 19, defect 8: under a 256 file-descriptor limit (a common shell default), 5,000 calls'
 * CallConnected all arrive: delivery keeps a bounded pool per webhook host
 * (--delivery-max-sockets) and a local EMFILE waits instead of using up an attempt. Runs in a
 * child process so the limit touches nothing else.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../helpers/fd-limit-run.ts', import.meta.url));

describe('a 256 file-descriptor limit', () => {
  it('loses none of 5,000 CallConnected events, with at most --delivery-max-sockets open', (t) => {
    const run = spawnSync(
      'sh',
      ['-c', `ulimit -n 256 && exec "${process.execPath}" --import tsx "${SCRIPT}"`],
      { encoding: 'utf8', env: { ...process.env, FD_EVENTS: '5000' }, timeout: 240_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      received: number;
      failed: number;
      pending: number;
      peakSockets: number;
      ms: number;
    };
    t.diagnostic(`fd limit 256: ${JSON.stringify(result)}`);
    assert.equal(result.received, 5_000);
    assert.equal(result.failed, 0);
    assert.equal(result.pending, 0);
    assert.ok(result.peakSockets <= 64, `peak ${result.peakSockets} sockets`);
  });
});
