/**
 * Injected outcomes in the pure machines: a failed sendDtmfTones, play or recognize reports its
 * Failed event with the rule's result; a failed tone becomes ToneFailed and still takes its
 * sequenceId, so later tones keep counting.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Call } from '../../src/domain/call.js';
import { stepCall, type CallInput } from '../../src/domain/call-machine.js';
import type { EmitEffect } from '../../src/domain/effect.js';
import { stepMedia, type MediaOp } from '../../src/domain/media-machine.js';
import { RECOGNIZE_QUEUED } from '../../src/domain/recognize-machine.js';
import type { InjectedFailure } from '../../src/faults/fault-rule.js';
import { buildCall } from '../helpers/call-builder.js';

const CALLER = '4:+14255550123';
const failure = (action: 'failOperation' | 'failTone'): InjectedFailure => ({
  resultInformation: { code: 400, subCode: 8999, message: 'injected' },
  fault: { ruleId: 'r1', action },
});

const call = (overrides: Partial<Call> = {}): Call =>
  buildCall([CALLER], {
    dtmf: { [CALLER]: { status: 'active', operationContext: 'dtmf' } },
    ...overrides,
  });

/** Applies inputs in order; returns the final call and every emitted event. */
function run(start: Call, inputs: CallInput[]): { call: Call; emits: EmitEffect[] } {
  let current = start;
  const emits: EmitEffect[] = [];
  for (const input of inputs) {
    const step = stepCall(current, input);
    assert.ok(step.ok, JSON.stringify(step));
    current = step.call;
    emits.push(...step.effects.filter((e): e is EmitEffect => e.type === 'emit'));
  }
  return { call: current, emits };
}

const tone = (t: 'one' | 'two' | 'three', fail?: InjectedFailure): CallInput => ({
  type: 'tone',
  participant: CALLER,
  tone: t,
  at: 0,
  ...(fail ? { fail } : {}),
});

describe('failTone', () => {
  it('reports ToneFailed with the rule result, and the failed tone takes its sequenceId', () => {
    const { call: after, emits } = run(call(), [
      tone('one'),
      tone('two', failure('failTone')),
      tone('three'),
    ]);
    assert.deepEqual(
      emits.map((e) => [e.event, e.data?.sequenceId, e.participant]),
      [
        ['ContinuousDtmfRecognitionToneReceived', 1, CALLER],
        ['ContinuousDtmfRecognitionToneFailed', undefined, CALLER],
        ['ContinuousDtmfRecognitionToneReceived', 3, CALLER],
      ],
    );
    const failed = emits[1] as EmitEffect;
    assert.deepEqual(failed.resultInformation, failure('failTone').resultInformation);
    assert.deepEqual(failed.fault, { ruleId: 'r1', action: 'failTone' });
    assert.equal(failed.operationContext, 'dtmf');
    assert.equal(after.toneSequence, 3);
    assert.equal(after.tonesPressed, '123', 'the key still counts as pressed');
  });
});

describe('failOperation: sendDtmfTones', () => {
  it('fails at once with the rule result; nothing is scheduled', () => {
    const step = stepCall(call(), {
      type: 'sendDtmf',
      input: {
        type: 'send',
        durationMs: 100,
        send: {
          id: 's1',
          participant: CALLER,
          tones: ['one'],
          operationContext: 'send',
          at: 0,
          failure: failure('failOperation'),
        },
      },
    });
    assert.ok(step.ok);
    assert.deepEqual(
      step.effects.map((e) => e.type),
      ['emit'],
    );
    const emit = step.effects[0] as EmitEffect;
    assert.equal(emit.event, 'SendDtmfTonesFailed');
    assert.equal(emit.resultInformation?.subCode, 8999);
    assert.equal(emit.operationContext, 'send');
    assert.deepEqual(emit.fault, { ruleId: 'r1', action: 'failOperation' });
    assert.equal(step.call.sentDtmf?.[0]?.status, 'failed');
  });
});

describe('failOperation: play and recognize', () => {
  const play = (id: string, fail?: InjectedFailure): MediaOp => ({
    kind: 'play',
    id,
    operationContext: id,
    queuedAt: 0,
    phase: 'queued',
    spec: { playTo: [], durationMs: 1_000, loop: false, ...(fail ? { failure: fail } : {}) },
  });
  const recognize = (id: string, fail?: InjectedFailure): MediaOp => ({
    kind: 'recognize',
    id,
    operationContext: id,
    queuedAt: 0,
    state: RECOGNIZE_QUEUED,
    spec: {
      inputType: 'dtmf',
      participant: CALLER,
      promptMs: 1_000,
      interruptPrompt: false,
      initialSilenceMs: 5_000,
      interToneMs: 2_000,
      maxTones: 1,
      stopTones: [],
      choices: [],
      ...(fail ? { failure: fail } : {}),
    },
  });

  it('a failing play reports PlayFailed without PlayStarted, and the next operation runs', () => {
    const step = stepMedia(
      [],
      { type: 'enqueue', op: play('p1', failure('failOperation')), interrupt: false },
      0,
    );
    const next = stepMedia(step.queue, { type: 'enqueue', op: play('p2'), interrupt: false }, 0);
    const emits = [...step.effects, ...next.effects].flatMap((e) =>
      e.type === 'emit'
        ? [`${e.event}(${e.operationContext}) ${e.resultInformation?.subCode ?? '-'}`]
        : [],
    );
    assert.deepEqual(emits, ['PlayFailed(p1) 8999', 'PlayStarted(p2) -']);
    assert.deepEqual(
      next.queue.map((o) => o.id),
      ['p2'],
    );
  });

  it('a failing recognize queued behind a play fails when it reaches the head, for its target', () => {
    const first = stepMedia([], { type: 'enqueue', op: play('p1'), interrupt: false }, 0);
    const second = stepMedia(
      first.queue,
      { type: 'enqueue', op: recognize('r1', failure('failOperation')), interrupt: false },
      0,
    );
    assert.deepEqual(
      second.effects.filter((e) => e.type === 'emit'),
      [],
      'still queued',
    );
    const ended = stepMedia(
      second.queue,
      { type: 'playTimer', id: 'p1', input: { type: 'ended' } },
      0,
    );
    const failed = ended.effects.find((e) => e.type === 'emit' && e.event === 'RecognizeFailed');
    assert.ok(failed?.type === 'emit');
    assert.equal(failed.resultInformation?.subCode, 8999);
    assert.equal(failed.participant, CALLER);
    assert.deepEqual(failed.fault, { ruleId: 'r1', action: 'failOperation' });
    assert.equal(ended.queue.length, 0);
  });
});
