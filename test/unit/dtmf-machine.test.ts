/** Continuous DTMF recognition for one participant, as a table. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DTMF_IDLE,
  stepDtmf,
  type DtmfEffect,
  type DtmfInput,
  type DtmfState,
} from '../../src/domain/dtmf-machine.js';

const ACTIVE: DtmfState = {
  status: 'active',
  operationContext: 'start-ctx',
  callbackUri: 'http://h/start',
};

const TABLE: {
  name: string;
  from: DtmfState;
  input: DtmfInput;
  to: DtmfState;
  effects: DtmfEffect[];
}[] = [
  {
    name: 'idle + start -> active with the start context',
    from: DTMF_IDLE,
    input: { type: 'start', operationContext: 'a' },
    to: { status: 'active', operationContext: 'a', callbackUri: undefined },
    effects: [],
  },
  {
    name: 'active + start -> still active, newest context wins',
    from: ACTIVE,
    input: { type: 'start', operationContext: 'b' },
    to: { status: 'active', operationContext: 'b', callbackUri: undefined },
    effects: [],
  },
  {
    name: 'idle + stop -> idle, no event',
    from: DTMF_IDLE,
    input: { type: 'stop', operationContext: 's' },
    to: DTMF_IDLE,
    effects: [],
  },
  {
    name: 'active + stop -> idle, Stopped with the stop context',
    from: ACTIVE,
    input: { type: 'stop', operationContext: 's' },
    to: DTMF_IDLE,
    effects: [{ type: 'emit', event: 'ContinuousDtmfRecognitionStopped', operationContext: 's' }],
  },
  {
    name: 'active + stop with a callback override -> Stopped goes there',
    from: ACTIVE,
    input: { type: 'stop', operationContext: 's', callbackUri: 'http://h/op' },
    to: DTMF_IDLE,
    effects: [
      {
        type: 'emit',
        event: 'ContinuousDtmfRecognitionStopped',
        operationContext: 's',
        callbackUri: 'http://h/op',
      },
    ],
  },
  {
    name: 'active + stop without context -> Stopped without context',
    from: ACTIVE,
    input: { type: 'stop' },
    to: DTMF_IDLE,
    effects: [{ type: 'emit', event: 'ContinuousDtmfRecognitionStopped' }],
  },
  {
    name: 'active + call ended -> Stopped with the start context and override',
    from: ACTIVE,
    input: { type: 'callEnded' },
    to: DTMF_IDLE,
    effects: [
      {
        type: 'emit',
        event: 'ContinuousDtmfRecognitionStopped',
        operationContext: 'start-ctx',
        callbackUri: 'http://h/start',
      },
    ],
  },
  {
    name: 'idle + call ended -> nothing',
    from: DTMF_IDLE,
    input: { type: 'callEnded' },
    to: DTMF_IDLE,
    effects: [],
  },
];

describe('continuous DTMF recognition machine', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const step = stepDtmf(row.from, row.input);
      assert.deepEqual(step.state, row.to);
      assert.deepEqual(step.effects, row.effects);
    });
  }

  it('never mutates the state it is given', () => {
    const from = structuredClone(ACTIVE);
    stepDtmf(from, { type: 'stop' });
    assert.deepEqual(from, ACTIVE);
  });
});
