// Bundles the command line (src/cli.ts and every module of ours it loads) into dist/cli.js, over
// the file tsc wrote there. One file instead of ~180 ES modules takes ~70 ms off start-up: Node
// resolves, reads and links each module on its own. Packages stay external (node_modules, loaded
// as usual); dist/index.js and the rest of dist/ stay tsc's, for the package's public API.
// Every module of ours that uses import.meta.url sits in src/ itself, as dist/cli.js does, so the
// paths it makes (package.json, README.md, dist/dashboard) are the same bundled or not.
// Usage: node scripts/build-cli.mjs
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
await build({
  entryPoints: [join(root, 'src', 'cli.ts')],
  outfile: join(root, 'dist', 'cli.js'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
