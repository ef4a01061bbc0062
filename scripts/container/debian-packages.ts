/** Installs Debian packages the container scripts need, when CI lets them (root, apt-get). */
import { exec, which } from './exec.js';

let updated = false;

async function installed(name: string): Promise<boolean> {
  const query = await exec('dpkg-query', ['-W', '-f=${Status}', name], {
    timeoutMs: 10_000,
    allowFailure: true,
  });
  return query.code === 0 && query.stdout.includes('install ok installed');
}

/** The packages of `names` that are not installed (all of them where there is no dpkg). */
export async function missingPackages(names: readonly string[]): Promise<string[]> {
  if (!(await which('dpkg-query'))) return [...names];
  const missing: string[] = [];
  for (const name of names) if (!(await installed(name))) missing.push(name);
  return missing;
}

/** `apt-get install -y` whatever of `names` is missing; one `apt-get update` per process. */
export async function installPackages(
  names: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  const missing = await missingPackages(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !(await which('apt-get')))
    throw new Error(`cannot install ${missing.join(' ')}: needs root and apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    log('container: apt-get update');
    await exec('apt-get', ['-o', 'Acquire::Retries=3', 'update'], { timeoutMs: 300_000, env });
    updated = true;
  }
  log(`container: apt-get install ${missing.join(' ')}`);
  await exec('apt-get', ['-o', 'Acquire::Retries=3', 'install', '-y', ...missing], {
    timeoutMs: 600_000,
    env,
  });
}
