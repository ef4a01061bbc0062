/**
 * Real headless Chromium for the dashboard tests: Debian's chromium driven by playwright-core
 * (scripts/ensure-chromium.mjs finds it, and installs it in CI). If it cannot start, the test
 * fails saying how to install it; nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function node(script: string, args: string[] = []): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0)
    throw new Error(`scripts/${script} failed:\n${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

/** Builds the page from web/ into a fresh folder (never the shared dist/) and returns it. */
export function buildDashboard(): string {
  const out = mkdtempSync(join(tmpdir(), 'acs-dashboard-'));
  node('build-dashboard.mjs', [out]);
  return out;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = node('ensure-chromium.mjs');
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      // Root in CI and containers: Chromium's sandbox needs user namespaces they may not have.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  } catch (err) {
    throw new Error(
      `Chromium at ${executablePath} did not start (${(err as Error).message.split('\n')[0]}). ` +
        'Install Debian\'s package with "apt-get update && apt-get install -y chromium", ' +
        'or set CHROMIUM_PATH to a working Chromium.',
      { cause: err },
    );
  }
}
