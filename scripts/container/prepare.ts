/**
 * One entry for everything that needs the image (tests, bench, a developer): engine, base image
 * and the Dockerfile built (or found already built) under a machine-wide lock.
 * From a shell: `npx tsx scripts/container/build.ts`.
 */
import { buildImage, chooseBase } from './app-image.js';
import { ensureEngine, type Engine } from './engine.js';
import { exec } from './exec.js';
import { withLock } from './lock.js';

/** The engine, the image's tag and the Node.js base image it was built on. */
export type Prepared = { engine: Engine; image: string; base: string } | { skip: string };

/**
 * Containers that the tests and the bench start, left behind stopped by a run that was killed
 * before its clean-up; running ones may belong to a run in progress and are left alone.
 */
async function removeLeftovers(engine: Engine): Promise<void> {
  const left = await exec(
    engine.podman,
    [
      'ps',
      '-a',
      '-q',
      '--filter',
      'name=^acs-(test|bench|compose-test)-',
      '--filter',
      'status=exited',
      '--filter',
      'status=created',
    ],
    { timeoutMs: 30_000, allowFailure: true },
  );
  const ids = left.stdout.split('\n').filter(Boolean);
  if (ids.length > 0)
    await exec(engine.podman, ['rm', '-f', ...ids], { timeoutMs: 60_000, allowFailure: true });
}

export async function prepareImage(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Prepared> {
  return withLock('acs-call-emulator-container', 900_000, async () => {
    const check = await ensureEngine(log);
    if ('skip' in check) return check;
    await removeLeftovers(check.engine);
    const base = await chooseBase(check.engine, log);
    const image = await buildImage(check.engine, base, log);
    return { engine: check.engine, image, base };
  });
}
