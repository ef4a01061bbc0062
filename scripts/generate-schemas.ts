/**
 * Regenerates src/schemas/generated/definitions.ts from ../shared/spec (the official swagger).
 * Run with `npm run schemas`; test/unit/generated-schemas.test.ts fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDefinitionsModule, specRoot } from './schema-module.js';

const target = fileURLToPath(new URL('../src/schemas/generated/definitions.ts', import.meta.url));
writeFileSync(target, renderDefinitionsModule(specRoot()));
console.log(`wrote ${target}`);
