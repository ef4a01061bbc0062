/**
 * `--tls self-signed` from the command line: the certificate is written where the ready line
 * says, and a Node app that trusts it with NODE_EXTRA_CA_CERTS (the README's recipe) uses the SDK
 * without allowInsecureConnection. Bad TLS settings stop the start with exit code 2.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readyLine, runCli, watchProcess } from '../helpers/cli-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A separate Node process (its CA list is fixed at start) doing one SDK call over https. */
const APP = `
import { CallAutomationClient } from '@azure/communication-call-automation';
const client = new CallAutomationClient(process.env.ACS_CONNECTION_STRING, { retryOptions: { maxRetries: 0 } });
try {
  await client.getCallConnection('no-such-call').getCallConnectionProperties();
  console.log('unexpected success');
} catch (err) {
  console.log(JSON.stringify({ statusCode: err.statusCode, code: err.code, message: err.message }));
}
`;

async function runApp(
  env: Record<string, string>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  const app = watchProcess(
    spawn(process.execPath, ['--input-type=module', '-e', APP], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  assert.equal(await app.exited, 0, app.stderr());
  return JSON.parse(app.stdout().trim()) as { statusCode?: number; code?: string; message: string };
}

describe('acs-call-emulator --tls self-signed', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-cli-tls-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the certificate to the printed path; an app trusting it via NODE_EXTRA_CA_CERTS needs no allowInsecureConnection', async () => {
    const run = runCli(['--port', '0', '--tls', 'self-signed', '--tls-dir', dir]);
    try {
      const ready = await readyLine(run, 30_000);
      assert.match(ready.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
      assert.equal(ready.certFile, join(dir, 'cert.pem'));
      assert.ok(ready.msg.includes(join(dir, 'cert.pem')), 'the message names the file too');
      assert.ok(
        ready.msg.includes(`(NODE_EXTRA_CA_CERTS=${join(dir, 'cert.pem')})`),
        'and how Node trusts it',
      );
      assert.doesNotMatch(ready.msg, /allowInsecureConnection/, 'https needs no insecure option');

      const trusted = await runApp({
        ACS_CONNECTION_STRING: ready.connectionString,
        NODE_EXTRA_CA_CERTS: ready.certFile as string,
      });
      assert.deepEqual(
        [trusted.statusCode, trusted.code, trusted.message],
        [404, '8522', 'Call not found.'],
      );

      const untrusted = await runApp({ ACS_CONNECTION_STRING: ready.connectionString });
      assert.equal(untrusted.statusCode, undefined);
      assert.match(untrusted.message, /self[- ]signed|certificate/i);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  for (const [args, message] of [
    [
      ['--cert', '/no/such/cert.pem', '--key', '/no/such/key.pem'],
      /^acs-call-emulator: --cert: cannot read \/no\/such\/cert\.pem \(ENOENT\)$/,
    ],
    [
      ['--cert', 'package.json', '--key', 'package.json'],
      /^acs-call-emulator: --cert: package\.json is not a PEM file$/,
    ],
    [['--cert', 'x.pem'], /^acs-call-emulator: --key: is required with --cert/],
    [['--tls', 'on'], /^acs-call-emulator: --tls: --tls 'on' is not one of off, self-signed$/],
  ] as const) {
    it(`${args.join(' ')} stops the start with exit code 2 and one line`, async () => {
      const run = runCli(['--port', '0', ...args]);
      assert.equal(await run.exited, 2);
      const lines = run.stderr().trim().split('\n');
      assert.equal(lines.length, 1, run.stderr());
      assert.match(lines[0] ?? '', message);
    });
  }
});
