/**
 * The package as a user gets it: `npm pack`, installed into an empty project, type-checks with
 * default strictness (skipLibCheck off) and its command runs. Installing needs the npm registry
 * or a warm npm cache, as `npm ci` does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

describe('the packed tarball', () => {
  let dir = '';
  let tarball = '';
  let consumer = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-pack-'));
    const packed = run(npm, ['pack', '--silent', '--pack-destination', dir], root);
    assert.equal(packed.status, 0, packed.output);
    const name = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    assert.ok(name, `npm pack wrote no tarball: ${packed.output}`);
    tarball = join(dir, name);
    consumer = join(dir, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    const installed = run(
      npm,
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      consumer,
    );
    assert.equal(installed.status, 0, installed.output);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the docs, the licence and the README besides dist', () => {
    const listed = run('tar', ['-tzf', tarball], dir);
    assert.equal(listed.status, 0, listed.output);
    const files = listed.output.split('\n');
    for (const file of [
      'package/LICENSE',
      'package/README.md',
      'package/docs/architecture.md',
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/dist/cli.js',
    ])
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    assert.ok(!files.some((f) => f.startsWith('package/test/')), 'tests are not shipped');
  });

  it('type-checks in a strict consumer without skipLibCheck', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['index.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'index.ts'),
      [
        "import { createEmulator, loadConfig, EmulatorClient } from 'acs-call-emulator';",
        'const emulator = createEmulator(loadConfig([], {}));',
        "const client: EmulatorClient = new EmulatorClient('http://127.0.0.1:8833/');",
        'export const started: Promise<unknown> = emulator.start();',
        'export { client };',
        '',
      ].join('\n'),
    );
    const tsc = run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', consumer],
      consumer,
    );
    assert.equal(tsc.status, 0, tsc.output);
  });

  it('runs its command: acs-call-emulator --help', () => {
    const help = run(
      process.execPath,
      [join(consumer, 'node_modules/acs-call-emulator/dist/cli.js'), '--help'],
      consumer,
    );
    assert.equal(help.status, 0, help.output);
    assert.match(help.output, /--port/);
    const bin = run(join(consumer, 'node_modules/.bin/acs-call-emulator'), ['--version'], consumer);
    assert.equal(bin.status, 0, bin.output);
    assert.match(bin.output, /^\d+\.\d+\.\d+/m);
  });
});
