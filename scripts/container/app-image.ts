/**
 * Builds the repository's Dockerfile with podman, as a user would with `docker build`, except
 * that where the official Node.js image cannot be pulled the local base image stands in for it.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBaseImage } from './base-image.js';
import { inCi, type Engine } from './engine.js';
import { exec } from './exec.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The Dockerfile's own default: what users get, pulled by the engine from a registry. */
export const OFFICIAL_BASE = 'node:22-bookworm-slim';

/**
 * The base image to build on: ACS_IMAGE_NODE_BASE when set; else, in CI or as root (who can run
 * mmdebstrap), the local stand-in, since this machine kind reaches no image registry; else the
 * Dockerfile's default, which the engine pulls.
 */
export async function chooseBase(engine: Engine, log: (line: string) => void): Promise<string> {
  const chosen = process.env.ACS_IMAGE_NODE_BASE;
  if (chosen) return chosen;
  if (inCi() || process.getuid?.() === 0) return ensureBaseImage(engine, log);
  return OFFICIAL_BASE;
}

const CONTEXT_LABEL = 'acs-call-emulator.context';

function hashTree(hash: Hash, relative: string): void {
  const path = join(REPO_ROOT, relative);
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) hashTree(hash, join(relative, name));
    return;
  }
  hash.update(`${relative}\0`);
  hash.update(readFileSync(path));
}

/**
 * A digest of what a build would read: the Dockerfile, .dockerignore, the files .dockerignore
 * lets in, and the base image's id. Undefined (always build) unless .dockerignore is the plain
 * allow-list it is today (`*`, then `!path` lines).
 */
function contextDigest(baseId: string): string | undefined {
  const ignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8');
  const lines = ignore.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  if (lines[0] !== '*' || !lines.slice(1).every((l) => /^![\w.-]+$/.test(l))) return undefined;
  const hash = createHash('sha256');
  hash.update(`${baseId}\0`);
  hash.update(readFileSync(join(REPO_ROOT, 'Dockerfile')));
  hash.update(ignore);
  for (const allowed of lines.slice(1)) hashTree(hash, allowed.slice(1));
  return hash.digest('hex');
}

async function inspect(engine: Engine, image: string, format: string): Promise<string> {
  const out = await exec(engine.podman, ['image', 'inspect', '--format', format, image], {
    timeoutMs: 30_000,
    allowFailure: true,
  });
  return out.code === 0 ? out.stdout.trim() : '';
}

/** `podman build` of the Dockerfile into `tag` (docker format: OCI images drop HEALTHCHECK). */
export async function buildImage(
  engine: Engine,
  base: string,
  tag: string,
  log: (line: string) => void,
): Promise<void> {
  const baseId = await inspect(engine, base, '{{.Id}}');
  const digest = baseId ? contextDigest(baseId) : undefined;
  // Test files each ask for the image; a cached podman build still takes ~10 s here.
  if (digest && (await inspect(engine, tag, `{{index .Labels "${CONTEXT_LABEL}"}}`)) === digest) {
    log(`container: ${tag} is up to date`);
    return;
  }
  const started = Date.now();
  await exec(
    engine.podman,
    [
      'build',
      '--format',
      'docker',
      ...(digest ? ['--label', `${CONTEXT_LABEL}=${digest}`] : []),
      '--build-arg',
      `NODE_IMAGE=${base}`,
      '-t',
      tag,
      '-f',
      'Dockerfile',
      '.',
    ],
    { cwd: REPO_ROOT, timeoutMs: 600_000 },
  );
  log(`container: built ${tag} on ${base} in ${Math.round((Date.now() - started) / 1000)} s`);
  // Build-cache images of builds older than three days: the cache stays, the disk does not fill.
  await exec(engine.podman, ['image', 'prune', '-f', '--filter', 'until=72h'], {
    timeoutMs: 120_000,
    allowFailure: true,
  });
}
