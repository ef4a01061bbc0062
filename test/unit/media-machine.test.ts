/** The per-call media queue: order, barge-in, cancel-all and the end of the call. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  stepMedia,
  type MediaEffect,
  type MediaInput,
  type MediaOp,
} from '../../src/domain/media-machine.js';
import { RECOGNIZE_QUEUED } from '../../src/domain/recognize-machine.js';

const CALLER = '4:+14255550123';

const play = (id: string, loop = false): MediaOp => ({
  kind: 'play',
  id,
  operationContext: id,
  queuedAt: 0,
  phase: 'queued',
  spec: { playTo: [], durationMs: 1_000, loop },
});

const recognize = (id: string): MediaOp => ({
  kind: 'recognize',
  id,
  operationContext: id,
  queuedAt: 0,
  state: RECOGNIZE_QUEUED,
  spec: {
    inputType: 'dtmf',
    participant: CALLER,
    promptMs: 0,
    interruptPrompt: false,
    initialSilenceMs: 5_000,
    interToneMs: 2_000,
    maxTones: 1,
    stopTones: [],
    choices: [],
  },
});

/** Runs inputs through the machine; returns the queue and the events as `Event(context)`. */
function run(inputs: MediaInput[]): { queue: MediaOp[]; events: string[]; effects: MediaEffect[] } {
  let queue: MediaOp[] = [];
  const effects: MediaEffect[] = [];
  for (const input of inputs) {
    const step = stepMedia(queue, input, 0);
    queue = step.queue;
    effects.push(...step.effects);
  }
  const events = effects.flatMap((e) =>
    e.type === 'emit' ? [`${e.event}(${e.operationContext})`] : [],
  );
  return { queue, events, effects };
}

const enqueue = (op: MediaOp, interrupt = false): MediaInput => ({
  type: 'enqueue',
  op,
  interrupt,
});

describe('media queue machine', () => {
  it('runs operations one at a time in request order', () => {
    const { queue, events } = run([
      enqueue(play('p1')),
      enqueue(recognize('r1')),
      { type: 'tone', participant: CALLER, tone: 'one' },
    ]);
    // The key came while the play ran: the queued recognize does not hear it.
    assert.deepEqual(events, ['PlayStarted(p1)']);
    assert.deepEqual(
      queue.map((o) => o.id),
      ['p1', 'r1'],
    );
    const after = run([
      enqueue(play('p1')),
      enqueue(recognize('r1')),
      { type: 'playTimer', id: 'p1', input: { type: 'ended' } },
      { type: 'tone', participant: CALLER, tone: 'one' },
    ]);
    assert.deepEqual(after.events, [
      'PlayStarted(p1)',
      'PlayCompleted(p1)',
      'RecognizeCompleted(r1)',
    ]);
    assert.deepEqual(after.queue, []);
  });

  it('a looping play never schedules its end and runs until canceled', () => {
    const { effects, queue } = run([enqueue(play('loop', true))]);
    assert.equal(
      effects.some((e) => e.type === 'schedule'),
      false,
    );
    assert.equal(queue.length, 1);
  });

  it('cancelAll cancels the running and the queued operations, in queue order', () => {
    const { events, queue, effects } = run([
      enqueue(play('p1', true)),
      enqueue(recognize('r1')),
      enqueue(play('p2')),
      { type: 'cancelAll' },
    ]);
    assert.deepEqual(events, [
      'PlayStarted(p1)',
      'PlayCanceled(p1)',
      'RecognizeCanceled(r1)',
      'PlayCanceled(p2)',
    ]);
    assert.deepEqual(queue, []);
    assert.ok(effects.some((e) => e.type === 'cancel' && e.key === 'p1'));
  });

  it('interruptCallMediaOperation cancels the running one and jumps the queue', () => {
    const { events, queue } = run([
      enqueue(play('p1')),
      enqueue(play('p2')),
      enqueue(recognize('r1'), true),
    ]);
    assert.deepEqual(events, ['PlayStarted(p1)', 'PlayCanceled(p1)']);
    assert.deepEqual(
      queue.map((o) => o.id),
      ['r1', 'p2'],
    );
  });

  it('the end of the call fails what runs and what waits', () => {
    const { events, queue } = run([
      enqueue(recognize('r1')),
      enqueue(play('p1')),
      { type: 'callEnded' },
    ]);
    assert.deepEqual(events, ['RecognizeFailed(r1)', 'PlayFailed(p1)']);
    assert.deepEqual(queue, []);
  });

  it('a stale timer for an operation that is gone changes nothing', () => {
    const { events } = run([
      enqueue(play('p1')),
      { type: 'cancelAll' },
      { type: 'playTimer', id: 'p1', input: { type: 'ended' } },
    ]);
    assert.deepEqual(events, ['PlayStarted(p1)', 'PlayCanceled(p1)']);
  });

  it('keys of another participant do not feed the recognize', () => {
    const { events } = run([
      enqueue(recognize('r1')),
      { type: 'tone', participant: '4:+19995550000', tone: 'one' },
    ]);
    assert.deepEqual(events, []);
  });
});
