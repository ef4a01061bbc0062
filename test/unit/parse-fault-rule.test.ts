/** Checking fault rules given as JSON: what is accepted, and every refusal names its field. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFaultList } from '../../src/faults/fault-list.js';
import { parseFaultRule } from '../../src/faults/parse-fault-rule.js';
import { participantsOf, participantsOfJson } from '../../src/faults/participants-of.js';
import { FAULT_VOCABULARY } from '../../src/faults/vocabulary.js';

const parse = (value: unknown) => parseFaultRule(value, FAULT_VOCABULARY);
const STOP = 'CallMedia_StopContinuousDtmfRecognition';

describe('parseFaultRule: accepted rules', () => {
  it('keeps the given fields and expands a short event type', () => {
    const check = parse({
      match: { eventType: 'CallConnected', callConnectionId: 'c1' },
      action: { type: 'duplicate', copies: 2 },
      times: 3,
      probability: 0.5,
    });
    assert.deepEqual(check, {
      ok: true,
      rule: {
        match: { eventType: 'Microsoft.Communication.CallConnected', callConnectionId: 'c1' },
        action: { type: 'duplicate', copies: 2 },
        times: 3,
        probability: 0.5,
      },
    });
  });

  const good: [string, unknown][] = [
    [
      'error with everything',
      {
        match: { operation: STOP },
        action: {
          type: 'error',
          status: 429,
          code: 'TooManyRequests',
          message: 'slow down',
          retryAfterSeconds: 1,
        },
      },
    ],
    ['fixed delay', { match: { operation: STOP }, action: { type: 'delay', ms: 0 } }],
    ['random delay', { match: {}, action: { type: 'delay', minMs: 5, maxMs: 5 } }],
    ['reset without match', { action: { type: 'reset' } }],
    ['hang with and without ms', { match: { operation: STOP }, action: { type: 'hang' } }],
    ['drop by call only', { match: { callConnectionId: 'c1' }, action: { type: 'drop' } }],
    [
      'full event type',
      {
        match: { eventType: 'Microsoft.Communication.PlayCompleted' },
        action: { type: 'delayEvent', ms: 10 },
      },
    ],
    [
      'reorder',
      { match: { eventType: 'PlayStarted' }, action: { type: 'reorder', maxHoldMs: 100 } },
    ],
    [
      'failOperation',
      {
        match: { operation: 'CallMedia_SendDtmfTones' },
        action: { type: 'failOperation', resultInformation: { code: 400, subCode: 8510 } },
      },
    ],
    [
      'failTone',
      {
        match: { eventType: 'ContinuousDtmfRecognitionToneReceived', participant: '4:+1' },
        action: { type: 'failTone' },
      },
    ],
    ['an id', { id: 'my-rule_1.a', action: { type: 'reset' } }],
  ];
  for (const [name, rule] of good)
    it(name, () => assert.equal(parse(rule).ok, true, JSON.stringify(parse(rule))));
});

describe('parseFaultRule: refusals name the field', () => {
  const bad: [string, unknown, string][] = [
    ['not an object', 'x', '(body)'],
    ['no action', { match: {} }, 'action'],
    ['unknown rule field', { action: { type: 'reset' }, time: 1 }, 'time'],
    ['unknown match field', { match: { op: STOP }, action: { type: 'reset' } }, 'match.op'],
    ['match not an object', { match: [], action: { type: 'reset' } }, 'match'],
    [
      'unknown operation',
      { match: { operation: 'CallMedia_Stop' }, action: { type: 'reset' } },
      'match.operation',
    ],
    [
      'unknown event',
      { match: { eventType: 'CallConnect' }, action: { type: 'drop' } },
      'match.eventType',
    ],
    [
      'empty call id',
      { match: { callConnectionId: '' }, action: { type: 'drop' } },
      'match.callConnectionId',
    ],
    ['unknown action type', { action: { type: 'explode' } }, 'action.type'],
    ['unknown action field', { action: { type: 'reset', ms: 1 } }, 'action.ms'],
    ['status missing', { action: { type: 'error' } }, 'action.status'],
    ['status 200', { action: { type: 'error', status: 200 } }, 'action.status'],
    ['status not whole', { action: { type: 'error', status: 503.5 } }, 'action.status'],
    [
      'retryAfterSeconds negative',
      { action: { type: 'error', status: 503, retryAfterSeconds: -1 } },
      'action.retryAfterSeconds',
    ],
    ['code empty', { action: { type: 'error', status: 503, code: '' } }, 'action.code'],
    ['delay without ms', { action: { type: 'delay' } }, 'action.ms'],
    ['delay both forms', { action: { type: 'delay', ms: 1, minMs: 1, maxMs: 2 } }, 'action.ms'],
    ['delay min over max', { action: { type: 'delay', minMs: 9, maxMs: 2 } }, 'action.maxMs'],
    ['delay too long', { action: { type: 'delay', ms: 300_001 } }, 'action.ms'],
    ['hang 0', { action: { type: 'hang', ms: 0 } }, 'action.ms'],
    ['copies 0', { action: { type: 'duplicate', copies: 0 } }, 'action.copies'],
    ['delayEvent without ms', { action: { type: 'delayEvent' } }, 'action.ms'],
    ['times 0', { action: { type: 'reset' }, times: 0 }, 'times'],
    ['probability 0', { action: { type: 'reset' }, probability: 0 }, 'probability'],
    ['probability over 1', { action: { type: 'reset' }, probability: 1.5 }, 'probability'],
    ['bad id', { id: 'a b', action: { type: 'reset' } }, 'id'],
    [
      'eventType on an API action',
      { match: { eventType: 'CallConnected' }, action: { type: 'error', status: 503 } },
      'match.eventType',
    ],
    [
      'operation on a callback action',
      { match: { operation: STOP }, action: { type: 'drop' } },
      'match.operation',
    ],
    [
      'failOperation on an operation it cannot fail',
      {
        match: { operation: STOP },
        action: { type: 'failOperation', resultInformation: { code: 400, subCode: 1 } },
      },
      'match.operation',
    ],
    [
      'failOperation without operation',
      { action: { type: 'failOperation', resultInformation: { code: 400, subCode: 1 } } },
      'match.operation',
    ],
    [
      'failOperation without result',
      { match: { operation: 'CallMedia_Play' }, action: { type: 'failOperation' } },
      'action.resultInformation',
    ],
    [
      'failOperation result without subCode',
      {
        match: { operation: 'CallMedia_Play' },
        action: { type: 'failOperation', resultInformation: { code: 400 } },
      },
      'action.resultInformation.subCode',
    ],
    [
      'failTone on another event',
      { match: { eventType: 'CallConnected' }, action: { type: 'failTone' } },
      'match.eventType',
    ],
  ];
  for (const [name, rule, field] of bad) {
    it(`${name} -> ${field}`, () => {
      const check = parse(rule);
      assert.equal(check.ok, false);
      if (check.ok) return;
      assert.equal(check.problems[0]?.field, field, JSON.stringify(check.problems));
      assert.ok(check.problems[0]?.message.startsWith(field), 'the message starts with the field');
    });
  }
});

describe('checkFaultList', () => {
  it('accepts an array of rules', () => {
    const check = checkFaultList([
      { action: { type: 'reset' } },
      { id: 'a', action: { type: 'drop' } },
    ]);
    assert.equal(check.ok && check.rules.length, 2);
  });
  it('names the index of the bad rule', () => {
    const check = checkFaultList([
      { action: { type: 'reset' } },
      { action: { type: 'error', status: 99 } },
    ]);
    assert.deepEqual(!check.ok && check.problem.field, '[1].action.status');
  });
  it('refuses repeated ids and a non-array', () => {
    const twice = checkFaultList([
      { id: 'a', action: { type: 'reset' } },
      { id: 'a', action: { type: 'drop' } },
    ]);
    assert.deepEqual(!twice.ok && twice.problem.field, '[1].id');
    const object = checkFaultList({ faults: [] });
    assert.match(!object.ok ? object.problem.message : '', /must be a JSON array of fault rules/);
  });
});

describe('participantsOf', () => {
  it('reads the target fields of request bodies', () => {
    assert.deepEqual(participantsOf({ targetParticipant: { rawId: '4:+1' } }), ['4:+1']);
    assert.deepEqual(
      participantsOf({ recognizeOptions: { targetParticipant: { phoneNumber: { value: '+2' } } } }),
      ['4:+2'],
    );
    assert.deepEqual(participantsOf({ playTo: [{ rawId: '8:acs:a' }, { rawId: '4:+3' }] }), [
      '8:acs:a',
      '4:+3',
    ]);
    assert.deepEqual(
      participantsOf({ participantToAdd: { communicationUser: { id: '8:acs:b' } } }),
      ['8:acs:b'],
    );
  });
  it('is about nobody when the body is unreadable', () => {
    assert.deepEqual(participantsOfJson(Buffer.from('{nope')), []);
    assert.deepEqual(participantsOfJson(Buffer.alloc(0)), []);
    assert.deepEqual(participantsOf({ targetParticipant: 'x' }), []);
    assert.deepEqual(participantsOf({ targetParticipant: { phoneNumber: 5 } }), []);
  });
});
