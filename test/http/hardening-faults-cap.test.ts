/** Issue 19, defect 7: fault rules are capped (--max-fault-rules) and cleared at once. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { FaultRules } from '../../src/faults/fault-rules.js';
import { useEmulator } from '../helpers/use-emulator.js';

const rule = (id: string) => ({
  id,
  match: { operation: 'CreateCall' },
  action: { type: 'error', status: 503 },
});

describe('--max-fault-rules', () => {
  const fx = useEmulator({ maxFaultRules: 3 });

  it('answers 400 naming the switch past the cap; DELETE /admin/faults clears all, ids reusable', async () => {
    const app = fx.running.emulator.app;
    for (const id of ['a', 'b', 'c'])
      await request(app).post('/admin/faults').send(rule(id)).expect(201);
    const refused = await request(app).post('/admin/faults').send(rule('d')).expect(400);
    assert.equal(refused.body.error.code, 'FaultRuleLimitReached');
    assert.match(refused.body.error.message, /--max-fault-rules \/ ACS_EMULATOR_MAX_FAULT_RULES/);
    const duplicate = await request(app).post('/admin/faults').send(rule('a')).expect(409);
    assert.equal(duplicate.body.error.code, 'FaultRuleExists');
    await request(app).delete('/admin/faults').expect(204);
    const listed = await request(app).get('/admin/faults').expect(200);
    assert.deepEqual(listed.body.value, []);
    await request(app).post('/admin/faults').send(rule('a')).expect(201);
    await request(app).delete('/admin/faults/a').expect(204);
    await request(app).post('/admin/faults').send(rule('a')).expect(201);
  });
});

describe('FaultRules bookkeeping', () => {
  it('keeps ids in step through remove, consume, clear and reset', () => {
    const rules = new FaultRules(1, undefined, 2);
    const spec = (id: string, times?: number) => ({
      id,
      match: {},
      action: { type: 'error' as const, status: 500 },
      ...(times !== undefined ? { times } : {}),
    });
    rules.add(spec('x', 1), 0);
    rules.add(spec('y'), 0);
    assert.throws(() => rules.add(spec('z'), 0), /2 fault rules are held already/);
    rules.consume('x'); // times 1 -> gone
    rules.add(spec('x'), 0); // its id is free again
    assert.equal(rules.remove('y'), true);
    assert.equal(rules.remove('y'), false);
    rules.clear();
    assert.equal(rules.size, 0);
    rules.add(spec('x'), 0);
    rules.reset();
    rules.add(spec('x'), 0);
    assert.equal(rules.size, 1);
  });

  it('adds and clears 30,000 rules without a quadratic walk (no id scan per add)', () => {
    const rules = new FaultRules(1);
    for (let i = 0; i < 30_000; i++)
      rules.add({ id: `r${i}`, match: {}, action: { type: 'error', status: 500 } }, 0);
    assert.equal(rules.size, 30_000);
    assert.throws(() =>
      rules.add({ id: 'r29999', match: {}, action: { type: 'error', status: 500 } }, 0),
    );
    rules.clear();
    assert.equal(rules.size, 0);
  });
});
