/**
 * Regenerates src/schemas/generated/ (the JSON schemas, the operation table and the request body
 * types) from fixtures/spec (the official swagger). Run with `npm run schemas`;
 * test/unit/generated-schemas.test.ts fails when a generated file is stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_DIR, renderGeneratedModules, specRoot } from './schema-module.js';

const dir = fileURLToPath(new URL(`../${GENERATED_DIR}/`, import.meta.url));
const modules = renderGeneratedModules(specRoot());
mkdirSync(dir, { recursive: true });
// A module the generator no longer makes must not linger and keep compiling.
for (const file of readdirSync(dir)) if (!(file in modules)) rmSync(join(dir, file));
for (const [file, text] of Object.entries(modules)) {
  writeFileSync(join(dir, file), text);
  console.log(`wrote ${join(GENERATED_DIR, file)}`);
}
