/**
 * The string and number formats the swagger uses, as ajv format definitions. Both the compiler
 * (swagger-ajv.ts, at `npm run schemas`) and the precompiled validators (generated/validators.ts,
 * at run time) take them from here, so the two cannot disagree.
 */
import type { Format } from 'ajv';
// Only the format table: ajv-formats' index would load the whole ajv compiler with it.
import { fullFormats } from 'ajv-formats/dist/formats.js';

export const SWAGGER_FORMATS: Readonly<Record<string, Format>> = {
  uri: fullFormats.uri,
  'date-time': fullFormats['date-time'],
  int32: {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647,
  },
  int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
};
