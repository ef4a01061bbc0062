// Finds the Chromium the browser tests drive (Debian's `chromium` package; no browser is ever
// downloaded). In CI (CI=true, running as root) it installs the package when it is missing.
// Prints the executable's path on stdout; otherwise exits 1 saying how to install it.
// Usage: node scripts/ensure-chromium.mjs        (CHROMIUM_PATH=/path overrides the search)
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function find() {
  for (const path of CANDIDATES) {
    if (!path) continue;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here; try the next one
    }
  }
  return undefined;
}

function apt(args) {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

let found = find();
if (!found && process.env.CI === 'true' && process.getuid?.() === 0) {
  console.error('acs-call-emulator: installing chromium for the browser tests (apt-get)…');
  if (apt(['update']) && apt(['install', '-y', '--no-install-recommends', 'chromium']))
    found = find();
}
if (!found) {
  console.error(
    "Chromium was not found. The browser tests drive Debian's chromium package: install it with\n" +
      '  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
  process.exit(1);
}
console.log(found);
