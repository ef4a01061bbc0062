/**
 * Builds the repository's Dockerfile with podman, as a user would with `docker build`, except
 * that where the official Node.js image cannot be pulled the local base image stands in for it.
 */
import { fileURLToPath } from 'node:url';
import { ensureBaseImage } from './base-image.js';
import type { Engine } from './engine.js';
import { exec } from './exec.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The base image to build on: ACS_IMAGE_NODE_BASE, else the local stand-in (root + Debian). */
export async function chooseBase(engine: Engine, log: (line: string) => void): Promise<string> {
  const chosen = process.env.ACS_IMAGE_NODE_BASE;
  if (chosen) return chosen;
  return ensureBaseImage(engine, log);
}

/** `podman build` of the Dockerfile into `tag` (docker format: OCI images drop HEALTHCHECK). */
export async function buildImage(
  engine: Engine,
  base: string,
  tag: string,
  log: (line: string) => void,
): Promise<void> {
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
  // Build-cache images of builds older than three days: the cache stays, the disk does not fill.
  await exec(engine.podman, ['image', 'prune', '-f', '--filter', 'until=72h'], {
    timeoutMs: 120_000,
    allowFailure: true,
  });
}
