// Runs every test/**/*.test.ts and examples/**/*.test.ts file with node's test runner (through tsx).
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: test/)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function collect(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => collect(join(path, name)));
}

const targets = process.argv.slice(2);
const files = (targets.length > 0 ? targets : ['test', 'examples']).flatMap((t) =>
  collect(join(root, t)),
);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.map((f) => relative(root, f))],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
