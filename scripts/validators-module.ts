/**
 * Renders src/schemas/generated/validators.ts: every swagger definition compiled by ajv ahead of
 * time (ajv's standalone code), so the server validates bodies without loading ajv's compiler.
 * The code is what `ajv.compile` would make at run time, so errors (keyword, instancePath, params,
 * message) are the same.
 */
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Ajv } from 'ajv';
import { createSwaggerAjv, SWAGGER_ID } from '../src/schemas/swagger-ajv.js';

type StandaloneCode = (ajv: Ajv, refs: Record<string, string>) => string;

/** `require("m")` in ajv's output becomes an ES import of `m` (CommonJS default import). */
function asEsModule(code: string): { imports: string[]; body: string } {
  const aliases = new Map<string, string>();
  const body = code.replace(/require\("([^"]+)"\)/g, (_whole, spec: string) => {
    const file = spec.startsWith('.') || spec.endsWith('.js') ? spec : `${spec}.js`;
    let alias = aliases.get(file);
    if (!alias) {
      alias = `runtime${aliases.size}`;
      aliases.set(file, alias);
    }
    return alias;
  });
  const imports = [...aliases].map(([file, alias]) =>
    file.startsWith('.')
      ? `import * as ${alias} from '${file}';`
      : `import ${alias} from '${file}';`,
  );
  return { imports, body };
}

export function validatorsModule(header: string[], definitions: Record<string, unknown>): string {
  const names = Object.keys(definitions).sort((a, b) => a.localeCompare(b));
  const ajv = createSwaggerAjv(definitions);
  // Each root is the schema the server used to compile on demand: a $ref to the definition.
  for (const name of names) ajv.addSchema({ $ref: `${SWAGGER_ID}#/definitions/${name}` }, name);
  // A CommonJS module seen from ESM: its function is module.exports.default.
  const standalone = (standaloneCode as unknown as { default: StandaloneCode }).default;
  const { imports, body } = asEsModule(
    standalone(ajv, Object.fromEntries(names.map((n) => [n, n]))),
  );
  return [
    ...header,
    '//',
    '// Every definition compiled by ajv (scripts/validators-module.ts); src/schemas/ajv.ts types them.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    ...imports,
    body,
    '',
  ].join('\n');
}
