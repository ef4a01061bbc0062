/** The one ajv instance, holding the swagger definitions; validators are compiled once per root. */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SWAGGER_DEFINITIONS, type DefinitionName } from './generated/definitions.js';

// ajv-formats ships CommonJS; its plugin is both `module.exports` and `module.exports.default`.
const addFormats = addFormatsModule.default;

const SWAGGER_ID = 'swagger';

const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
});
addFormats(ajv, ['uri', 'date-time']);
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647,
});
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
ajv.addSchema({ $id: SWAGGER_ID, definitions: SWAGGER_DEFINITIONS }, SWAGGER_ID);

const compiled = new Map<DefinitionName, ValidateFunction>();

/** The compiled validator for one swagger definition (compiled on first use, then cached). */
export function validatorFor(name: DefinitionName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SWAGGER_ID}#/definitions/${name}` });
    compiled.set(name, validate);
  }
  return validate;
}

/**
 * Compiles the definitions routes use one per event-loop turn, so they are ready before the first
 * requests without holding up start-up (~65 ms for all); a request that comes earlier compiles its
 * own on first use. A bad schema still fails the suite: test/unit/generated-schemas.test.ts.
 */
export function warmUp(names: readonly DefinitionName[]): void {
  const queue = [...names];
  const next = () => {
    const name = queue.shift();
    if (name === undefined) return;
    validatorFor(name);
    setImmediate(next).unref();
  };
  setImmediate(next).unref();
}
