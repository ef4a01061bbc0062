/**
 * One entry for everything that needs the image (tests, bench, a developer): engine, base image
 * and the Dockerfile built (or found already built) under a machine-wide lock.
 * From a shell: `npx tsx scripts/container/build.ts`.
 */
import { buildImage, chooseBase } from './app-image.js';
import { ensureEngine, type Engine } from './engine.js';
import { withLock } from './lock.js';

/** The engine, the image's tag and the Node.js base image it was built on. */
export type Prepared = { engine: Engine; image: string; base: string } | { skip: string };

export async function prepareImage(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<Prepared> {
  return withLock('acs-call-emulator-container', 900_000, async () => {
    const check = await ensureEngine(log);
    if ('skip' in check) return check;
    const base = await chooseBase(check.engine, log);
    const image = await buildImage(check.engine, base, log);
    return { engine: check.engine, image, base };
  });
}
