/**
 * The generated operation table read against the swagger (an independent, plain reading of the
 * spec, so a generator bug shows), its invariants, and matching requests to it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { specRoot } from '../../scripts/schema-module.js';
import { API_SPECS, type ApiName } from '../../scripts/swagger-to-json-schema.js';
import { SWAGGER_DEFINITIONS } from '../../src/schemas/generated/definitions.js';
import { OPERATIONS } from '../../src/schemas/generated/operations.js';
import { matchOperation } from '../../src/http/match-operation.js';

interface SpecParameter {
  $ref?: string;
  in?: string;
  name?: string;
  schema?: { $ref: string };
}

type Swagger = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        responses: Record<string, { schema?: { $ref: string } }>;
        parameters?: SpecParameter[];
      }
    >
  >;
};

const swaggers = Object.entries(API_SPECS).map(([api, file]) => ({
  api: api as ApiName,
  swagger: JSON.parse(readFileSync(`${specRoot()}${file}`, 'utf8')) as Swagger,
}));

const lastSegment = (ref: string | undefined) => ref?.split('/').pop();

describe('operation table', () => {
  const fromSpec = swaggers.flatMap(({ api, swagger }) =>
    Object.entries(swagger.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        api,
        path,
        method: method.toUpperCase(),
        op,
      })),
    ),
  );

  it('lists exactly the swagger operations, each id and each method + path once', () => {
    const count = (api: ApiName) => OPERATIONS.filter((o) => o.api === api).length;
    assert.equal(count('callAutomation'), 35);
    assert.equal(count('identity'), 5);
    assert.equal(count('rooms'), 7);
    assert.equal(OPERATIONS.length, 47);
    assert.deepEqual(
      OPERATIONS.map((o) => o.id).sort(),
      fromSpec.map((s) => s.op.operationId).sort(),
    );
    assert.equal(new Set(OPERATIONS.map((o) => o.id)).size, OPERATIONS.length);
    assert.equal(new Set(OPERATIONS.map((o) => `${o.method} ${o.path}`)).size, OPERATIONS.length);
  });

  for (const { api, path, method, op } of fromSpec) {
    it(`${op.operationId}: path, method, statuses, bodies and repeatability agree with the swagger`, () => {
      const mine = OPERATIONS.find((o) => o.id === op.operationId);
      assert.ok(mine);
      assert.equal(mine.api, api);
      assert.equal(mine.path, path);
      assert.equal(mine.method, method);
      const success = Object.keys(op.responses)
        .filter((s) => /^2/.test(s))
        .map(Number)
        .sort();
      assert.equal(mine.status, success[0]);
      const parameters = op.parameters ?? [];
      assert.equal(mine.body, lastSegment(parameters.find((p) => p.in === 'body')?.schema?.$ref));
      assert.equal(mine.responseBody, lastSegment(op.responses[String(mine.status)]?.schema?.$ref));
      assert.equal(
        mine.repeatable,
        parameters.some((p) => p.name === 'Repeatability-Request-ID'),
      );
      for (const name of [mine.body, mine.responseBody])
        if (name) assert.ok(name in SWAGGER_DEFINITIONS, `${name} is a generated definition`);
      const concrete = path.replace(/\{[A-Za-z]+\}/g, 'abc-123');
      const found = matchOperation(method, concrete, api);
      assert.equal(found.kind === 'match' ? found.match.operation.id : found.kind, op.operationId);
      if (api !== 'callAutomation')
        assert.deepEqual(matchOperation(method, concrete, 'callAutomation'), { kind: 'none' });
    });
  }

  it('answers the only statuses the SDK accepts (observed, sdk-behaviour.md §2.3)', () => {
    const status = (id: string) => OPERATIONS.find((o) => o.id === id)?.status;
    const observed: Record<string, number> = {
      CreateCall: 201,
      AnswerCall: 200,
      CallConnection_GetCall: 200,
      CallConnection_GetParticipants: 200,
      CallConnection_HangupCall: 204,
      CallConnection_TerminateCall: 204,
      CallMedia_StartContinuousDtmfRecognition: 200,
      CallMedia_StopContinuousDtmfRecognition: 200,
      CallMedia_SendDtmfTones: 202,
      CallMedia_Recognize: 202,
    };
    for (const [id, expected] of Object.entries(observed)) assert.equal(status(id), expected, id);
    // The swagger declares 200 and 202 for StartRecording; the table takes the first.
    assert.equal(status('CallRecording_StartRecording'), 200);
  });

  it('decodes path ids and keeps them out of the action', () => {
    const found = matchOperation(
      'POST',
      '/calling/callConnections/a%2Fb:stopContinuousDtmfRecognition',
    );
    assert.ok(found.kind === 'match');
    assert.equal(found.match.operation.id, 'CallMedia_StopContinuousDtmfRecognition');
    assert.deepEqual(found.match.params, { callConnectionId: 'a/b' });
    assert.deepEqual(matchOperation('POST', '/calling/callConnections/a:nope'), { kind: 'none' });
    assert.deepEqual(matchOperation('PATCH', '/calling/callConnections/a'), {
      kind: 'wrong-method',
      allowed: ['GET', 'DELETE'],
    });
  });

  it('finds every operation with one trailing slash, and none past its last literal', () => {
    for (const op of OPERATIONS) {
      const concrete = op.path.replace(/\{[A-Za-z]+\}/g, 'abc-123');
      const found = matchOperation(op.method, `${concrete}/`, op.api);
      assert.equal(found.kind === 'match' ? found.match.operation.id : found.kind, op.id);
      if (!op.path.endsWith('}'))
        assert.equal(matchOperation(op.method, `${concrete}x`, op.api).kind, 'none', op.id);
      assert.notEqual(
        matchOperation(op.method, `${concrete}//`, op.api).kind,
        'match',
        `${op.id} with two trailing slashes`,
      );
    }
  });

  it('marks the Rooms merge-patch operations and the optional Identity body', () => {
    const byId = (id: string) => OPERATIONS.find((o) => o.id === id);
    assert.deepEqual(
      OPERATIONS.filter((o) => o.mergePatch).map((o) => `${o.method} ${o.id}`),
      ['PATCH Rooms_Update', 'PATCH Participants_Update'],
    );
    assert.deepEqual(
      OPERATIONS.filter((o) => o.bodyOptional).map((o) => o.id),
      ['CommunicationIdentity_Create'],
    );
    assert.equal(byId('Rooms_Create')?.repeatable, true);
    const issue = matchOperation('POST', '/identities/8%3Aacs%3Ax_y/:issueAccessToken', 'identity');
    assert.ok(issue.kind === 'match');
    assert.deepEqual(issue.match.params, { id: '8:acs:x_y' });
  });
});
