/** The recording machine: its states, its events and the periods the audio holds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  recordingState,
  startRecording,
  stepRecording,
  type Recording,
} from '../../src/domain/recording-machine.js';

const FIELDS = {
  recordingId: 'r1',
  callConnectionId: 'c1',
  serverCallId: 's1',
  startedAt: 1_000,
  options: {
    contentType: 'audio' as const,
    channelType: 'mixed' as const,
    formatType: 'wav' as const,
    channels: [],
  },
};

const states = (effects: { type: string; data?: Record<string, unknown> }[]) =>
  effects.map((e) => e.data?.state);

function step(recording: Recording, input: Parameters<typeof stepRecording>[1]): Recording {
  const result = stepRecording(recording, input);
  assert.ok(result.ok);
  return result.recording;
}

describe('recording machine', () => {
  it('starts active with one open period and one RecordingStateChanged(active)', () => {
    const { recording, effects } = startRecording(FIELDS, false);
    assert.equal(recording.status, 'active');
    assert.deepEqual(recording.periods, [{ start: 1_000 }]);
    assert.deepEqual(states(effects), ['active']);
    assert.equal(effects[0]?.type, 'emit');
  });

  it('pauseOnStart starts inactive with nothing recorded yet', () => {
    const { recording, effects } = startRecording(FIELDS, true);
    assert.equal(recordingState(recording), 'inactive');
    assert.deepEqual(recording.periods, []);
    assert.deepEqual(states(effects), ['inactive']);
  });

  it('pause closes the period, resume opens one, stop closes it: the audio is the active time', () => {
    let r = startRecording(FIELDS, false).recording;
    r = step(r, { type: 'pause', at: 3_000 });
    r = step(r, { type: 'resume', at: 5_000 });
    r = step(r, { type: 'stop', at: 6_500, reason: 'stopped' });
    assert.deepEqual(r.periods, [
      { start: 1_000, end: 3_000 },
      { start: 5_000, end: 6_500 },
    ]);
    assert.equal(r.status, 'stopped');
    assert.equal(r.endReason, 'stopped');
  });

  it('pausing a paused and resuming an active recording send nothing', () => {
    const active = startRecording(FIELDS, false).recording;
    const resumed = stepRecording(active, { type: 'resume', at: 2_000 });
    assert.ok(resumed.ok);
    assert.deepEqual(resumed.effects, []);
    const paused = step(active, { type: 'pause', at: 2_000 });
    const again = stepRecording(paused, { type: 'pause', at: 2_500 });
    assert.ok(again.ok);
    assert.deepEqual(again.effects, []);
  });

  it('a stopped recording refuses every input', () => {
    const r = step(startRecording(FIELDS, false).recording, {
      type: 'stop',
      at: 2_000,
      reason: 'callEnded',
    });
    for (const input of [
      { type: 'pause', at: 3 },
      { type: 'resume', at: 3 },
      { type: 'stop', at: 3, reason: 'stopped' },
    ] as const)
      assert.deepEqual(stepRecording(r, input), { ok: false, reason: 'stopped' });
  });

  it('stopping while paused records nothing more', () => {
    let r = startRecording(FIELDS, false).recording;
    r = step(r, { type: 'pause', at: 2_000 });
    r = step(r, { type: 'stop', at: 9_000, reason: 'stopped' });
    assert.deepEqual(r.periods, [{ start: 1_000, end: 2_000 }]);
  });
});
