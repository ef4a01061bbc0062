/**
 * The validator of each swagger definition, compiled by ajv at `npm run schemas`
 * (generated/validators.ts, made by swagger-ajv.ts): the server runs the code ajv would make, without
 * loading or running ajv's compiler at start-up.
 */
import type { ValidateFunction } from 'ajv';
import type { DefinitionName } from './generated/definitions.js';
import * as PRECOMPILED from './generated/validators.js';

// The generated module is untyped (ajv's output): every export is a validate function, one per
// definition, named after it; test/unit/generated-schemas.test.ts checks that none is missing.
const VALIDATORS = PRECOMPILED as unknown as Readonly<Record<DefinitionName, ValidateFunction>>;

/** The validator for one swagger definition. */
export function validatorFor(name: DefinitionName): ValidateFunction {
  return VALIDATORS[name];
}
