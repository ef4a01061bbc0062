/** The CLI with a config file: precedence end to end, bad files exit 2 with one line, --help lists all. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS, SETTINGS } from '../../src/config.js';
import { readyLine, runCli } from '../helpers/cli-process.js';

describe('acs-call-emulator --config', () => {
  let dir: string;
  const fileKey = Buffer.alloc(32, 1).toString('base64');
  const flagKey = Buffer.alloc(32, 2).toString('base64');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-cli-config-'));
    writeFileSync(join(dir, 'emulator.json'), JSON.stringify({ port: 1, accessKey: fileKey }));
    writeFileSync(join(dir, 'typo.json'), '{"prot": 9000}');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('flag > env > file: env port 0 beats the file port 1, the flag key beats the file key', async () => {
    const run = runCli(['--config', join(dir, 'emulator.json'), '--access-key', flagKey], {
      ACS_EMULATOR_PORT: '0',
    });
    try {
      const ready = await readyLine(run);
      assert.ok(ready.port > 1, 'listening on a free port, not the file port');
      assert.match(ready.connectionString, /accesskey=AgIC…\(custom key hidden\)$/);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  it('the file alone applies when nothing else sets a value (ACS_EMULATOR_CONFIG names it)', async () => {
    writeFileSync(join(dir, 'zero.json'), JSON.stringify({ port: 0, accessKey: fileKey }));
    const run = runCli([], { ACS_EMULATOR_CONFIG: join(dir, 'zero.json') });
    try {
      const ready = await readyLine(run);
      assert.match(ready.connectionString, /accesskey=AQEB…\(custom key hidden\)$/);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  for (const [name, args, message] of [
    [
      'unreadable file',
      ['--config', '/no/such/emulator.json'],
      /^acs-call-emulator: --config: \/no\/such\/emulator\.json cannot be read \(ENOENT\)$/,
    ],
    [
      'unknown key in the file',
      ['--config', 'TYPO'],
      /^acs-call-emulator: --config: .*typo\.json has unknown key 'prot'/,
    ],
    [
      'port out of range in env',
      [],
      /^acs-call-emulator: --port: ACS_EMULATOR_PORT '65536' is out of range 0\.\.65535$/,
    ],
    [
      'unwritable ready file',
      ['--port', '0', '--ready-file', '/no/such/dir/ready.json'],
      /^acs-call-emulator: --ready-file: cannot write \/no\/such\/dir\/ready\.json \(ENOENT\)$/,
    ],
  ] as const) {
    it(`${name} stops the start with exit code 2 and one line`, async () => {
      const argv = args.map((a) => (a === 'TYPO' ? join(dir, 'typo.json') : a));
      const run = runCli(argv, name.includes('env') ? { ACS_EMULATOR_PORT: '65536' } : {});
      assert.equal(await run.exited, 2);
      const lines = run.stderr().trim().split('\n');
      assert.equal(lines.length, 1, run.stderr());
      assert.match(lines[0] ?? '', message);
      if (!name.includes('ready file')) assert.equal(run.stdout(), '', 'nothing starts');
    });
  }

  it('--help prints every option with its env twin and default, and the precedence', async () => {
    const run = runCli(['--help']);
    assert.equal(await run.exited, 0);
    const out = run.stdout();
    assert.match(out, /flag > env > --config file > default/);
    for (const setting of SETTINGS) {
      const line = out
        .split('\n')
        .findIndex(
          (l) => l.trimStart().startsWith(`${setting.flag} `) || l.trim() === setting.flag,
        );
      assert.ok(line >= 0, `${setting.flag} is listed`);
      const next = out.split('\n')[line + 1] ?? '';
      assert.ok(next.includes(`env ${setting.env}, default `), `${setting.flag}: ${next}`);
    }
    assert.match(
      out,
      new RegExp(
        `--tls-dir <file>.*\\n.*default ${DEFAULTS.tlsDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
    assert.match(out, /--cert <file>.*\n.*default \(none\)/);
    assert.match(out, /healthcheck/);
  });
});
