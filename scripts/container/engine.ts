/**
 * Finds the container engine the image tests drive (podman), and in CI installs and configures it:
 * CI must fail when it has none, while a developer without one gets a skip that says why.
 */
import {
  accessSync,
  constants,
  existsSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installPackages } from './debian-packages.js';
import { exec, which } from './exec.js';

export interface Engine {
  /** Absolute path of the podman binary. */
  podman: string;
  version: string;
}

export type EngineCheck = { engine: Engine } | { skip: string };

const CONF = '/etc/containers/containers.conf';
/**
 * What CI installs from Debian, in one apt-get run: the engine, the runtime this machine kind
 * needs, the compose tool of the compose test, and mmdebstrap for the local base image.
 */
const CI_PACKAGES = ['podman', 'runc', 'podman-compose', 'mmdebstrap'];
const OUR_CONF = fileURLToPath(new URL('./containers.conf', import.meta.url));

/** CI=true (or any value but 0/false), as CI services and .ci/run set it. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** Writes the project's containers.conf, keeping a different one aside once. */
function configure(log: (line: string) => void): void {
  const wanted = readFileSync(OUR_CONF, 'utf8');
  const current = existsSync(CONF) ? readFileSync(CONF, 'utf8') : undefined;
  if (current === wanted) return;
  if (current !== undefined) renameSync(CONF, `${CONF}.before-acs-call-emulator`);
  writeFileSync(CONF, wanted);
  log(`container: wrote ${CONF} (runc, cgroupfs, no default ulimits or pids limit)`);
}

const NO_ENGINE =
  'no container engine: podman is not on PATH (apt-get install podman runc, or run with ' +
  'CI=true as root to let the tests install and configure it)';

/** Whether an executable `name` is on PATH (synchronous: tests decide skips at load time). */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Why the container tests skip here, decided before they start: never in CI (which installs
 * podman, and fails if it cannot), else when podman is not on PATH.
 */
export function engineSkipReason(): string | undefined {
  return inCi() || onPath('podman') ? undefined : NO_ENGINE;
}

/**
 * In CI: installs CI_PACKAGES when missing and writes containers.conf (root, Debian).
 * Elsewhere: uses podman as it is, or says why the container tests skip.
 */
export async function ensureEngine(log: (line: string) => void): Promise<EngineCheck> {
  const ci = inCi();
  if (ci) {
    await installPackages(CI_PACKAGES, log);
    configure(log);
  }
  const podman = await which('podman');
  if (!podman) return { skip: NO_ENGINE };
  const info = await exec(podman, ['version', '--format', '{{.Client.Version}}'], {
    timeoutMs: 60_000,
  });
  return { engine: { podman, version: info.stdout.trim() } };
}
