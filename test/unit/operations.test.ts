/** The operations table matches every swagger path and method, and nothing else. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPERATIONS, matchOperation } from '../../src/http/operations.js';
import { specRoot } from '../../scripts/schema-module.js';

const swagger = JSON.parse(
  readFileSync(
    `${specRoot()}CallAutomation/stable/2026-03-12/communicationservicescallautomation.json`,
    'utf8',
  ),
) as {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        responses: Record<string, unknown>;
        parameters?: { in: string; schema?: { $ref: string } }[];
      }
    >
  >;
};

describe('operations table', () => {
  const fromSpec = Object.entries(swagger.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );

  it('lists exactly the swagger operations', () => {
    assert.equal(OPERATIONS.length, 35);
    assert.deepEqual(
      OPERATIONS.map((o) => o.id).sort(),
      fromSpec.map((s) => s.op.operationId).sort(),
    );
  });

  for (const { path, method, op } of fromSpec) {
    it(`${op.operationId}: path, method, success status and body definition agree with the swagger`, () => {
      const mine = OPERATIONS.find((o) => o.id === op.operationId);
      assert.ok(mine);
      assert.equal(mine.path, path);
      assert.equal(mine.method, method);
      const success = Object.keys(op.responses)
        .filter((s) => /^2/.test(s))
        .map(Number);
      assert.equal(mine.status, success[0]);
      const body = op.parameters
        ?.find((p) => p.in === 'body')
        ?.schema?.$ref.split('/')
        .pop();
      assert.equal(mine.body, body);
      const concrete = path.replace(/\{[A-Za-z]+\}/g, 'abc-123');
      const found = matchOperation(method, concrete);
      assert.equal(found.kind === 'match' ? found.match.operation.id : found.kind, op.operationId);
    });
  }

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
});
