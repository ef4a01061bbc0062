/**
 * The state object owns reset and stop: every registered part is reached, in order, and the real
 * stores it builds are empty after a reset.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { EmulatorState } from '../../src/state.js';
import type { Call } from '../../src/domain/call.js';
import { buildCall } from '../helpers/call-builder.js';
import { testConfig } from '../helpers/emulator.js';

const newState = () =>
  new EmulatorState(testConfig({ clock: 'manual' }), pino({ level: 'silent' }), undefined);

const aCall = (id: string): Call =>
  buildCall(['4:+14255550100'], { callConnectionId: id, state: 'connecting' });

describe('EmulatorState', () => {
  it('reset reaches every registered part, a part added later included', () => {
    const state = newState();
    const resets: string[] = [];
    state.register('late-store', { reset: () => resets.push('late-store') });
    assert.ok(state.calls.admit(() => aCall('a')).ok);
    state.requests.add({
      id: 'r1',
      sequence: 1,
      time: new Date(0).toISOString(),
      method: 'GET',
      path: '/x',
      status: 200,
      headers: {},
    });
    state.reset();
    assert.deepEqual(resets, ['late-store']);
    assert.equal(state.calls.size, 0);
    assert.equal(state.requests.list().length, 0);
  });

  it('refuses a part registered twice under one name', () => {
    const state = newState();
    state.register('x', {});
    assert.throws(() => state.register('x', {}), /registered twice/);
  });

  it('stop reaches parts in registration order and reports what it left', async () => {
    const state = newState();
    const order: string[] = [];
    state.register('first-extra', { stop: () => void order.push('first-extra') });
    state.register('second-extra', {
      stop: async () => {
        await Promise.resolve();
        order.push('second-extra');
      },
    });
    const report = await state.stop(50);
    assert.deepEqual(order, ['first-extra', 'second-extra']);
    assert.deepEqual(report, { pendingAtStop: 0, undelivered: [] });
    assert.deepEqual(state.partNames.slice(0, 3), ['calls', 'faults', 'delivery']);
  });

  it('admits calls only through admit(), which keeps --max-calls', () => {
    const state = new EmulatorState(
      testConfig({ clock: 'manual', maxCalls: 1 }),
      pino({ level: 'silent' }),
      undefined,
    );
    let built = 0;
    const build = (id: string) => () => {
      built++;
      return aCall(id);
    };
    assert.ok(state.calls.admit(build('a')).ok);
    const refused = state.calls.admit(build('b'));
    assert.deepEqual(refused, { ok: false, reason: 'callLimit', limit: 1 });
    assert.equal(built, 1, 'a refused call is never built');
  });
});
