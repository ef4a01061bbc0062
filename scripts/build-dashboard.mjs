// Builds the dashboard page (web/) into dist/dashboard: one bundled script (Preact and htm
// included, so nothing loads from elsewhere), the stylesheet, the page and its icon.
// Usage: node scripts/build-dashboard.mjs [out-dir]   (default: dist/dashboard)
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = process.argv[2] ?? join(root, 'dist', 'dashboard');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'web', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css', 'favicon.svg'])
  copyFileSync(join(root, 'web', file), join(out, file));
