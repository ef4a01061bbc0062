/**
 * Start-up from the real CLI: a port in use, --version, boolean flag values and a misspelled
 * ACS_EMULATOR_* variable each say what happened in one line.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { readyLine, runCli } from '../helpers/cli-process.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

async function occupiedPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('acs-call-emulator start-up', () => {
  it('a port in use stops the start with exit code 2 and one line saying how to choose another', async () => {
    const { server, port } = await occupiedPort();
    try {
      const run = runCli(['--port', String(port)]);
      assert.equal(await run.exited, 2);
      const lines = run.stderr().trim().split('\n');
      assert.equal(lines.length, 1, run.stderr());
      assert.equal(
        lines[0],
        `acs-call-emulator: --port: port ${port} is already in use (127.0.0.1:${port}); choose another with --port <n> or ACS_EMULATOR_PORT (--port 0 picks a free one)`,
      );
      assert.doesNotMatch(run.stdout(), /listening on/);
    } finally {
      server.close();
    }
  });

  it('--version prints the package version and exits 0', async () => {
    const run = runCli(['--version']);
    assert.equal(await run.exited, 0);
    assert.equal(run.stdout(), `${VERSION}\n`);
    assert.equal(run.stderr(), '');
  });

  it('--disable-auth yes is a value, not an unknown option: unsigned requests are let through', async () => {
    const run = runCli(['--disable-auth', 'yes', '--port', '0']);
    try {
      const ready = await readyLine(run);
      const res = await fetch(`${ready.url}calling/callConnections/nope?api-version=2026-03-12`);
      assert.equal(res.status, 404, 'not 401: auth is off');
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  it('--disable-auth false keeps auth on', async () => {
    const run = runCli(['--disable-auth', 'false', '--port', '0']);
    try {
      const ready = await readyLine(run);
      const res = await fetch(`${ready.url}calling/callConnections/nope?api-version=2026-03-12`);
      assert.equal(res.status, 401);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  it('a bad boolean value exits 2 with one line listing the accepted values', async () => {
    const run = runCli(['--sign-callbacks', 'maybe']);
    assert.equal(await run.exited, 2);
    assert.equal(
      run.stderr(),
      "acs-call-emulator: --sign-callbacks: --sign-callbacks 'maybe' is not a boolean (accepted: true, false, 1, 0, yes, no, on, off)\n",
    );
  });

  it('a misspelled ACS_EMULATOR_* variable warns once, naming the closest setting, and starts', async () => {
    const run = runCli(['--port', '0'], { ACS_EMULATOR_DISABLE_AUHT: 'true' });
    try {
      const ready = await readyLine(run);
      assert.equal(
        run.stderr(),
        'acs-call-emulator: warning: ACS_EMULATOR_DISABLE_AUHT is not a setting and is ignored; did you mean ACS_EMULATOR_DISABLE_AUTH (--disable-auth)?\n',
      );
      const res = await fetch(`${ready.url}calling/callConnections/nope?api-version=2026-03-12`);
      assert.equal(res.status, 401, 'the misspelled variable changed nothing');
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });
});
