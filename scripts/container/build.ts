/**
 * `npx tsx scripts/container/build.ts [tag]`: builds the image with podman (the local base image
 * standing in for node:22-bookworm-slim where no registry is reachable) and prints its tag.
 * With CI=true, as root, it installs and configures podman first.
 */
import { IMAGE_TAG, prepareImage } from './prepare.js';

const prepared = await prepareImage(undefined, process.argv[2] ?? IMAGE_TAG);
if ('skip' in prepared) {
  process.stderr.write(`${prepared.skip}\n`);
  process.exitCode = 1;
} else process.stdout.write(`${prepared.image}\n`);
