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

export const REPOSITORY = 'localhost/acs-call-emulator';

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
  if (lines[0] !== '*' || !lines.slice(1).every((l) => /^![\w./-]+$/.test(l))) return undefined;
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

/**
 * Tags of this repository whose image is older than three days (other checkouts' or older
 * sources' images), except `keep`: a cached build can give a new tag an old image.
 */
async function removeOldTags(engine: Engine, keep: string): Promise<void> {
  const old = await exec(
    engine.podman,
    [
      'images',
      '--filter',
      `reference=${REPOSITORY}`,
      '--filter',
      'until=72h',
      '--format',
      '{{.Repository}}:{{.Tag}}',
    ],
    { timeoutMs: 30_000, allowFailure: true },
  );
  for (const tag of old.stdout.split('\n').map((l) => l.trim()))
    if (tag && tag !== keep && !tag.endsWith(':<none>'))
      await exec(engine.podman, ['rmi', tag], { timeoutMs: 60_000, allowFailure: true });
  // Untagged images (build stages, the build cache) created over 30 days ago: the disk does not
  // fill. Creation time, not last use: a cache entry still in use is rebuilt once a month.
  await exec(engine.podman, ['image', 'prune', '-f', '--filter', 'until=720h'], {
    timeoutMs: 120_000,
    allowFailure: true,
  });
}

/**
 * `podman build` of the Dockerfile (docker format: OCI images drop HEALTHCHECK), tagged by the
 * digest of its context, so checkouts with different sources never share a tag and an unchanged
 * context is not rebuilt (a fully cached podman build still takes ~10 s here). Returns the tag.
 */
export async function buildImage(
  engine: Engine,
  base: string,
  log: (line: string) => void,
): Promise<string> {
  const baseId = await inspect(engine, base, '{{.Id}}');
  const digest = baseId ? contextDigest(baseId) : undefined;
  const tag = `${REPOSITORY}:${digest ? `ctx-${digest.slice(0, 12)}` : 'dev'}`;
  if (digest && (await inspect(engine, tag, '{{.Id}}'))) {
    log(`container: ${tag} is up to date`);
    return tag;
  }
  const started = Date.now();
  await exec(
    engine.podman,
    [
      'build',
      '--format',
      'docker',
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
  await removeOldTags(engine, tag);
  return tag;
}
