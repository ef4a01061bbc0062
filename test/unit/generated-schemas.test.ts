/** The committed generated modules are exactly what the generator makes from fixtures/spec. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { GENERATED_DIR, renderGeneratedModules, specRoot } from '../../scripts/schema-module.js';
import { SWAGGER_DEFINITIONS } from '../../src/schemas/generated/definitions.js';
import { OPERATIONS } from '../../src/schemas/generated/operations.js';
import { validatorFor } from '../../src/schemas/ajv.js';
import { createSwaggerAjv, SWAGGER_ID } from '../../src/schemas/swagger-ajv.js';
import type { DefinitionName } from '../../src/schemas/generated/definitions.js';

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

  it('has a precompiled validator for every definition, the only ones the server runs', () => {
    for (const name of Object.keys(SWAGGER_DEFINITIONS) as DefinitionName[])
      assert.equal(typeof validatorFor(name), 'function', name);
  });

  it('precompiled validators answer and report errors exactly as ajv compiling at run time', () => {
    const ajv = createSwaggerAjv(SWAGGER_DEFINITIONS);
    const cases: [DefinitionName, unknown][] = [
      ['CreateCallRequest', {}],
      ['CreateCallRequest', { callbackUri: 7, targets: [{ kind: 'nope' }], extra: true }],
      ['CreateCallRequest', { callbackUri: 'not a uri', targets: [] }],
      ['PlayRequest', { playSources: [{ kind: 'file', file: { uri: 5 } }], playTo: 'x' }],
      ['ContinuousDtmfRecognitionRequest', { targetParticipant: { rawId: 1 } }],
      [
        'RecognizeRequest',
        { recognizeInputType: 'dtmf', recognizeOptions: { interruptPrompt: 'no' } },
      ],
      ['CommunicationIdentifierModel', { phoneNumber: { value: null }, kind: 'phoneNumber' }],
      ['CustomCallingContext', { voipHeaders: { a: 1 }, sipHeaders: [] }],
      ['CallConnected', { callConnectionId: 'x', resultInformation: { code: 1.5 } }],
      ['RecognizeCompleted', { recognitionType: 'dtmf' }],
    ];
    for (const [name, body] of cases) {
      const compiled = ajv.compile({ $ref: `${SWAGGER_ID}#/definitions/${name}` });
      const precompiled = validatorFor(name);
      const label = `${name} ${JSON.stringify(body)}`;
      assert.equal(precompiled(body), compiled(body), label);
      assert.deepEqual(precompiled.errors, compiled.errors, label);
    }
    // Not vacuous: most cases fail, with errors to compare.
    assert.ok(cases.filter(([name, body]) => !validatorFor(name)(body)).length >= 8);
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
