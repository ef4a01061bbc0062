// Bundles the command line into dist/cli.js (over the file tsc wrote there) and a few chunks beside
// it: src/cli.ts, every module of ours it loads and the packages it loads at start (Express, pino,
// nanoid ...). A handful of files instead of ~180 ES modules and ~180 CommonJS files takes most of
// what start-up cost beyond a bare Express app: Node resolves, reads and links each file on its
// own. dist/index.js and the rest of dist/ stay tsc's, for the package's public API.
//
// Packages loaded only on demand stay external (loaded from node_modules when first needed, as
// before), so a start never pays for them. pino's transports (worker files) are not used, so
// bundling pino is safe. Every module of ours that uses import.meta.url sits in src/ itself, as
// dist/cli.js and its chunks do, so the paths it makes (package.json, README.md, dist/dashboard)
// are the same bundled or not.
// Usage: node scripts/build-cli.mjs
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Loaded on first use (see docs/architecture.md, "Start-up"). */
const ON_DEMAND = [
  'ws',
  'jose',
  '@azure/storage-blob',
  '@breezystack/lamejs',
  'selfsigned',
  'pino-pretty',
];

const CHUNK_PREFIX = 'cli-chunk-';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
// Chunk names carry a hash: a rebuild must not leave the last build's beside the new ones.
for (const file of readdirSync(dist)) if (file.startsWith(CHUNK_PREFIX)) rmSync(join(dist, file));
await build({
  entryPoints: [join(root, 'src', 'cli.ts')],
  outdir: dist,
  // What `serve` loads (the emulator) is a chunk of its own: `healthcheck`, --help and --version
  // load only the small part of the CLI they need. Chunks sit in dist/ itself, like cli.js.
  splitting: true,
  chunkNames: `${CHUNK_PREFIX}[hash]`,
  bundle: true,
  external: ON_DEMAND,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // CommonJS packages inside an ES module bundle call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
  },
});
