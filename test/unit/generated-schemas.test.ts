/** The committed schemas are exactly what the generator makes from ../shared/spec. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderDefinitionsModule, specRoot } from '../../scripts/schema-module.js';
import { SWAGGER_DEFINITIONS } from '../../src/schemas/generated/definitions.js';
import { validatorFor } from '../../src/schemas/ajv.js';
import { OPERATIONS } from '../../src/http/operations.js';

describe('generated swagger schemas', () => {
  it('src/schemas/generated/definitions.ts is up to date (run `npm run schemas` if not)', () => {
    const committed = readFileSync(
      new URL('../../src/schemas/generated/definitions.ts', import.meta.url),
      'utf8',
    );
    assert.equal(committed, renderDefinitionsModule(specRoot()));
  });

  it('every request body definition of the swagger compiles in strict ajv', () => {
    for (const operation of OPERATIONS) {
      if (operation.body)
        assert.equal(typeof validatorFor(operation.body), 'function', operation.id);
    }
  });

  it('keeps the spec facts the emulator relies on', () => {
    const request = SWAGGER_DEFINITIONS.ContinuousDtmfRecognitionRequest;
    assert.deepEqual(request.required, ['targetParticipant']);
    assert.equal(request.additionalProperties, false);
    assert.deepEqual(Object.keys(request.properties), [
      'targetParticipant',
      'operationContext',
      'operationCallbackUri',
    ]);
    assert.deepEqual(SWAGGER_DEFINITIONS.CreateCallRequest.required, ['callbackUri', 'targets']);
    assert.equal(SWAGGER_DEFINITIONS.Tone.enum.length, 16);
    assert.ok(
      !('additionalProperties' in SWAGGER_DEFINITIONS.CommunicationIdentifierModel),
      'common.json sets none',
    );
  });
});
