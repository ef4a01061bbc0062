/**
 * `npx tsx scripts/container/build.ts`: builds the image with podman (the local base image
 * standing in for node:22-bookworm-slim where no registry is reachable) and prints its tag.
 * With CI=true, as root, it installs and configures podman first.
 */
import { prepareImage } from './prepare.js';

const prepared = await prepareImage();
if ('skip' in prepared) {
  process.stderr.write(`${prepared.skip}\n`);
  process.exitCode = 1;
} else process.stdout.write(`${prepared.image}\n`);
