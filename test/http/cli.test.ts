/** The command line: ready line with the real port and connection string, clean stop, bad values exit 2. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';
import { readyLine, runCli } from '../helpers/cli-process.js';

describe('acs-call-emulator CLI', () => {
  it('--port 0 picks a free port, prints it with the connection string, serves the SDK, and stops on SIGTERM', async () => {
    const run = runCli(['--port', '0']);
    try {
      const ready = await readyLine(run);
      assert.ok(ready.port > 0);
      assert.equal(ready.url, `http://127.0.0.1:${ready.port}/`);
      assert.equal(
        ready.connectionString,
        `endpoint=http://127.0.0.1:${ready.port}/;accesskey=${WELL_KNOWN_ACCESS_KEY}`,
      );
      assert.match(ready.msg, new RegExp(`^ACS Call Emulator listening on ${ready.url} - `));
      assert.ok(ready.msg.includes(`connection string: ${ready.connectionString}`), ready.msg);
      assert.match(
        ready.msg,
        / - JavaScript SDK over http: new CallAutomationClient\(connectionString, \{ allowInsecureConnection: true \}\) - dashboard: http:\/\/127\.0\.0\.1:\d+\/, docs: \/.*README\.md, settings: acs-call-emulator --help$/,
      );
      assert.ok(
        existsSync(/docs: (\S+\/README\.md),/.exec(ready.msg)?.[1] ?? ''),
        'the README it names',
      );
      const health = await fetch(`${ready.url}health`).then(
        (r) => r.json() as Promise<{ status: string }>,
      );
      assert.equal(health.status, 'ok');
      const client = new CallAutomationClient(ready.connectionString, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      await assert.rejects(client.getCallConnection('nope').getCallConnectionProperties(), {
        statusCode: 404,
        code: '8522',
        message: 'Call not found.',
      });
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  it('env twins configure it and a custom key is masked in the ready line', async () => {
    const key = Buffer.alloc(32, 5).toString('base64');
    const run = runCli([], { ACS_EMULATOR_PORT: '0', ACS_EMULATOR_ACCESS_KEY: key });
    try {
      const ready = await readyLine(run);
      assert.ok(!run.stdout().includes(key), 'the custom key never appears in logs');
      assert.match(ready.connectionString, /accesskey=BQUF…\(custom key hidden\)$/);
    } finally {
      run.child.kill('SIGINT');
    }
    assert.equal(await run.exited, 0);
  });

  for (const [args, message] of [
    [['--port', '99999'], /--port: --port '99999' is out of range 0\.\.65535/],
    [['--bogus'], /--bogus: unknown option/],
    [['--access-key', '%%%'], /--access-key: --access-key is not a base64 key/],
  ] as const) {
    it(`${args.join(' ')} stops the start with exit code 2 and one line naming the setting`, async () => {
      const run = runCli([...args]);
      assert.equal(await run.exited, 2);
      const lines = run.stderr().trim().split('\n');
      assert.equal(lines.length, 1, run.stderr());
      assert.match(lines[0] ?? '', message);
    });
  }

  it('--help lists every option with its env twin', async () => {
    const run = runCli(['--help']);
    assert.equal(await run.exited, 0);
    assert.match(run.stdout(), /--port <value>.*\n.*env ACS_EMULATOR_PORT, default 8833/);
    assert.match(run.stdout(), /--disable-auth .*\n.*env ACS_EMULATOR_DISABLE_AUTH, default false/);
  });
});
