// Makes a fresh clone runnable with one command: installs dependencies (npm ci) when
// node_modules is missing or older than package-lock.json, and builds dist/ (and the dashboard page
// in dist/dashboard) when sources changed.
// Usage: node scripts/ensure-ready.mjs [--deps-only]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const at = (...p) => join(root, ...p);
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : mtime(path));
  }
  return latest;
}

const installed = at('node_modules', '.package-lock.json');
if (!existsSync(installed) || mtime(installed) < mtime(at('package-lock.json'))) {
  console.error('acs-call-emulator: installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (!process.argv.includes('--deps-only')) {
  const built = at('dist', 'cli.js');
  if (
    !existsSync(built) ||
    mtime(built) < Math.max(newest(at('src')), mtime(at('tsconfig.json')))
  ) {
    console.error('acs-call-emulator: building (tsc)…');
    run('npx', ['tsc', '-p', 'tsconfig.json']);
    run('node', ['scripts/build-cli.mjs']);
  }
  const page = at('dist', 'dashboard', 'app.js');
  if (!existsSync(page) || mtime(page) < newest(at('web'))) {
    console.error('acs-call-emulator: building the dashboard…');
    run('node', ['scripts/build-dashboard.mjs']);
  }
}
