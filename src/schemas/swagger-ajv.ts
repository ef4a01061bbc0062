/**
 * The ajv compiler holding the swagger definitions: what `npm run schemas` compiles
 * generated/validators.ts with. The server itself never loads it (ajv's compiler costs ~100 ms
 * of start-up); it runs the precompiled code, which is what this compiler makes.
 */
import { Ajv, _ } from 'ajv';
import { SWAGGER_FORMATS } from './swagger-formats.js';

/** The id the definitions are registered under: `swagger#/definitions/<Name>`. */
export const SWAGGER_ID = 'swagger';

/** Where generated code finds the formats (the module path is relative to generated/). */
export const FORMATS_MODULE = '../swagger-formats.js';

export function createSwaggerAjv(definitions: object): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: {
      source: true,
      esm: true,
      formats: _`require(${FORMATS_MODULE}).SWAGGER_FORMATS`,
    },
  });
  for (const [name, format] of Object.entries(SWAGGER_FORMATS)) ajv.addFormat(name, format);
  ajv.addSchema({ $id: SWAGGER_ID, definitions }, SWAGGER_ID);
  return ajv;
}
