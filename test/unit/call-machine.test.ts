/** The call connection machine: transitions, rejections and the order of effects. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Call } from '../../src/domain/call.js';
import { stepCall } from '../../src/domain/call-machine.js';
import type { EmitEffect } from '../../src/domain/effect.js';
import { identifierFromRawId } from '../../src/schemas/identifier.js';
import { buildCall } from '../helpers/call-builder.js';

const PSTN = identifierFromRawId('4:+14255550123');
const USER = identifierFromRawId('8:acs:user');

const call = (overrides: Partial<Call> = {}): Call =>
  buildCall([PSTN.rawId, USER.rawId], { operationContext: 'create-ctx', ...overrides });

const events = (step: ReturnType<typeof stepCall>) =>
  step.ok
    ? step.effects
        .filter((e): e is EmitEffect => e.type === 'emit')
        .map((e) => `${e.event}(${e.operationContext ?? '-'})@${e.callbackUri}`)
    : step.rejection;

describe('call machine', () => {
  it('connecting + connected -> connected with CallConnected carrying the create context', () => {
    const step = stepCall(call({ state: 'connecting' }), { type: 'connected', at: 5 });
    assert.ok(step.ok);
    assert.equal(step.call.state, 'connected');
    assert.equal(step.call.connectedAt, 5);
    assert.deepEqual(events(step), [
      'CallConnected(create-ctx)@http://app/cb',
      'ParticipantsUpdated(-)@http://app/cb',
    ]);
    assert.equal(step.call.participantsSequence, 1);
  });

  it('connected + connected -> no change, no event', () => {
    const step = stepCall(call(), { type: 'connected', at: 5 });
    assert.deepEqual(events(step), []);
  });

  it('end -> Stopped for each active recognition in participant order, then CallDisconnected', () => {
    const step = stepCall(
      call({
        dtmf: {
          '8:acs:user': { status: 'active', operationContext: 'u' },
          '4:+14255550123': {
            status: 'active',
            operationContext: 'p',
            callbackUri: 'http://app/op',
          },
        },
      }),
      { type: 'end', reason: 'terminate', at: 9 },
    );
    assert.deepEqual(events(step), [
      'ContinuousDtmfRecognitionStopped(p)@http://app/op',
      'ContinuousDtmfRecognitionStopped(u)@http://app/cb',
      'CallDisconnected(create-ctx)@http://app/cb',
    ]);
    assert.ok(step.ok);
    assert.equal(step.call.state, 'disconnected');
    assert.equal(step.call.endedBy, 'terminate');
    assert.deepEqual(step.call.dtmf, {});
  });

  it('a connecting call can be hung up', () => {
    const step = stepCall(call({ state: 'connecting' }), { type: 'end', reason: 'hangUp', at: 1 });
    assert.deepEqual(events(step), ['CallDisconnected(create-ctx)@http://app/cb']);
  });

  it('anything on a disconnected call is rejected as ended', () => {
    const ended = call({ state: 'disconnected' });
    assert.deepEqual(events(stepCall(ended, { type: 'end', reason: 'hangUp', at: 1 })), {
      reason: 'ended',
    });
    assert.deepEqual(events(stepCall(ended, { type: 'connected', at: 1 })), { reason: 'ended' });
    assert.deepEqual(
      events(
        stepCall(ended, { type: 'dtmf', participant: '4:+14255550123', input: { type: 'start' } }),
      ),
      { reason: 'ended' },
    );
  });

  it('DTMF needs a connected call and a participant of it', () => {
    assert.deepEqual(
      events(
        stepCall(call({ state: 'connecting' }), {
          type: 'dtmf',
          participant: '4:+14255550123',
          input: { type: 'start' },
        }),
      ),
      { reason: 'notConnected', state: 'connecting' },
    );
    assert.deepEqual(
      events(stepCall(call(), { type: 'dtmf', participant: '4:+1999', input: { type: 'start' } })),
      {
        reason: 'participantNotFound',
        participant: '4:+1999',
      },
    );
  });

  it('start then stop on one participant leaves the other untouched', () => {
    const started = stepCall(call(), {
      type: 'dtmf',
      participant: '8:acs:user',
      input: { type: 'start', operationContext: 'go' },
    });
    assert.ok(started.ok);
    assert.deepEqual(started.call.dtmf, {
      '8:acs:user': { status: 'active', operationContext: 'go', callbackUri: undefined },
    });
    const stopped = stepCall(started.call, {
      type: 'dtmf',
      participant: '8:acs:user',
      input: { type: 'stop', operationContext: 'halt' },
    });
    assert.deepEqual(events(stopped), ['ContinuousDtmfRecognitionStopped(halt)@http://app/cb']);
    const again = stepCall(started.call, {
      type: 'dtmf',
      participant: '4:+14255550123',
      input: { type: 'stop' },
    });
    assert.deepEqual(events(again), [], 'the other participant was never started');
  });
});
