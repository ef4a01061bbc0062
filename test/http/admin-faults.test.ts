/**
 * The fault rules' control API contract: POST 201 with the id, GET newest first with the times
 * left, DELETE one or all (204, 404), a malformed rule is a 400 naming the field, a repeated id a
 * 409, and POST /admin/reset clears the rules. Through EmulatorClient and raw HTTP.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmulatorClient, EmulatorClientError } from '../../src/index.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';

interface ErrorBody {
  error: { code: string; message: string; target?: string; details?: { target: string }[] };
}

describe('control API: /admin/faults', () => {
  let running: RunningEmulator;
  let control: EmulatorClient;

  before(async () => {
    running = await startEmulator({ seed: 9 });
    control = new EmulatorClient(running.url);
  });
  after(() => running.stop());
  beforeEach(() => control.reset());

  const post = async (body: string) => {
    const response = await fetch(new URL('admin/faults', running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: (await response.json()) as ErrorBody };
  };

  it('POST answers 201 with the stored rule and its id', async () => {
    const response = await fetch(new URL('admin/faults', running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        match: { eventType: 'CallConnected' },
        action: { type: 'drop' },
        times: 2,
        probability: 0.5,
      }),
    });
    assert.equal(response.status, 201);
    const rule = (await response.json()) as Record<string, unknown>;
    assert.match(String(rule.id), /^[A-Za-z0-9_-]{12}$/);
    assert.deepEqual(
      { ...rule, id: undefined, createdAt: undefined },
      {
        id: undefined,
        createdAt: undefined,
        match: { eventType: 'Microsoft.Communication.CallConnected' },
        action: { type: 'drop' },
        times: 2,
        probability: 0.5,
        hits: 0,
      },
    );
    assert.ok(!Number.isNaN(Date.parse(String(rule.createdAt))));
  });

  it('GET lists newest first with the times left and the seed; DELETE removes one, then all', async () => {
    const first = await control.addFault({
      action: { type: 'reset' },
      match: { operation: 'CreateCall' },
    });
    const second = await control.addFault({ id: 'mine', action: { type: 'drop' }, times: 3 });
    assert.equal(second.id, 'mine');
    assert.deepEqual(
      (await control.listFaults()).map((r) => r.id),
      ['mine', first.id],
    );
    assert.equal(await control.faultSeed(), 9);

    const deleted = await fetch(new URL('admin/faults/mine', running.url), { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.deepEqual(
      (await control.listFaults()).map((r) => r.id),
      [first.id],
    );
    await assert.rejects(
      control.removeFault('mine'),
      (err) =>
        err instanceof EmulatorClientError &&
        err.status === 404 &&
        err.code === 'FaultRuleNotFound',
    );
    await control.addFault({ action: { type: 'drop' } });
    await control.clearFaults();
    assert.deepEqual(await control.listFaults(), []);
  });

  it('a repeated id is a 409', async () => {
    await control.addFault({ id: 'once', action: { type: 'drop' } });
    await assert.rejects(
      control.addFault({ id: 'once', action: { type: 'reset' } }),
      (err) =>
        err instanceof EmulatorClientError && err.status === 409 && err.code === 'FaultRuleExists',
    );
  });

  const malformed: [string, string, string][] = [
    [
      'a bad status',
      JSON.stringify({
        match: { operation: 'CreateCall' },
        action: { type: 'error', status: 600 },
      }),
      'action.status',
    ],
    [
      'an unknown operation',
      JSON.stringify({ match: { operation: 'Nope' }, action: { type: 'reset' } }),
      'match.operation',
    ],
    ['an unknown action', JSON.stringify({ action: { type: 'nope' } }), 'action.type'],
    ['no action', '{}', 'action'],
    ['an unknown field', JSON.stringify({ action: { type: 'drop' }, tmes: 1 }), 'tmes'],
  ];
  for (const [name, body, field] of malformed) {
    it(`${name}: 400 InvalidFaultRule naming ${field}`, async () => {
      const reply = await post(body);
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error.code, 'InvalidFaultRule');
      assert.equal(reply.body.error.target, field);
      assert.equal(reply.body.error.details?.[0]?.target, field);
      assert.match(reply.body.error.message, new RegExp(`\\b${field.replace('.', '\\.')} `));
      assert.deepEqual(await control.listFaults(), [], 'nothing stored');
    });
  }

  it('a body that is not JSON is a 400', async () => {
    const reply = await post('{nope');
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.code, 'BadRequest');
  });

  it('POST /admin/reset clears the rules', async () => {
    await control.addFault({ action: { type: 'drop' } });
    await control.reset();
    assert.deepEqual(await control.listFaults(), []);
  });

  it('GET /admin/faults/{id} shows one rule and its hits', async () => {
    const rule = await control.addFault({
      match: { operation: 'CallConnection_GetCall' },
      action: { type: 'error', status: 503 },
      times: 2,
    });
    await fetch(new URL('calling/callConnections/x?api-version=2026-03-12', running.url));
    const response = await fetch(new URL(`admin/faults/${rule.id}`, running.url));
    const shown = (await response.json()) as { hits: number; times: number };
    assert.deepEqual([shown.hits, shown.times], [1, 1]);
  });
});
