/** Checks a callback's data against the swagger definition of the same name. */
import assert from 'node:assert/strict';
import { validatorFor } from '../../src/schemas/ajv.js';
import type { DefinitionName } from '../../src/schemas/generated/definitions.js';
import type { ReceivedCallback } from './callback-listener.js';

/** `version` and `publicEventType` are what the real service adds beyond the swagger. */
export function assertSwaggerShaped(callback: ReceivedCallback): void {
  const [event] = callback.body as { type: string; data: Record<string, unknown> }[];
  assert.ok(event, 'one CloudEvent');
  const name = event.type.replace('Microsoft.Communication.', '') as DefinitionName;
  const data = { ...event.data };
  delete data.version;
  delete data.publicEventType;
  const validate = validatorFor(name);
  assert.ok(
    validate(data),
    `${name}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(data)}`,
  );
}
