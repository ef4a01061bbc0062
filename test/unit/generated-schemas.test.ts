/** The committed generated modules are exactly what the generator makes from fixtures/spec. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { GENERATED_DIR, renderGeneratedModules, specRoot } from '../../scripts/schema-module.js';
import { SWAGGER_DEFINITIONS } from '../../src/schemas/generated/definitions.js';
import { OPERATIONS } from '../../src/schemas/generated/operations.js';
import { validatorFor } from '../../src/schemas/ajv.js';

const generatedDir = new URL(`../../${GENERATED_DIR}/`, import.meta.url);

describe('generated swagger modules', () => {
  const expected = renderGeneratedModules(specRoot());

  it(`${GENERATED_DIR}/ holds exactly the generated modules (run \`npm run schemas\` if not)`, () => {
    assert.deepEqual(readdirSync(generatedDir).sort(), Object.keys(expected).sort());
  });

  for (const [file, text] of Object.entries(expected)) {
    it(`${GENERATED_DIR}/${file} is up to date (run \`npm run schemas\` if not)`, () => {
      assert.equal(readFileSync(new URL(file, generatedDir), 'utf8'), text);
    });
  }

  it('every request and response body definition of the swagger compiles in strict ajv', () => {
    for (const operation of OPERATIONS) {
      for (const name of [operation.body, operation.responseBody])
        if (name) assert.equal(typeof validatorFor(name), 'function', operation.id);
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

  it('types each request body as the validator accepts it', () => {
    const bodies = expected['request-bodies.ts'] as string;
    // required -> plain, optional -> `?`, enums -> literal unions, discriminated bases -> unions
    assert.match(bodies, /export interface PlayRequest \{\n {2}playSources: PlaySource\[\];\n/);
    assert.match(bodies, /\n {2}playTo\?: CommunicationIdentifierModel\[\];\n/);
    assert.match(bodies, /export type PlaySourceType = 'file' \| 'text' \| 'ssml';/);
    assert.match(bodies, /export type MediaStreamingOptions = WebSocketMediaStreamingOptions;/);
    assert.match(
      bodies,
      /export interface WebSocketMediaStreamingOptions \{\n {2}transportType: 'websocket';/,
    );
    // only what request bodies reach: no event or response models
    assert.doesNotMatch(bodies, /CallConnectionProperties|PlayCompleted|ResultInformation/);
  });
});
