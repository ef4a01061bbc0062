/**
 * A media session paces its AudioData frames by deadline on the emulator clock: however late its
 * timer fires, N x 20 ms of clock time give N frames with consecutive timestamps; a stall longer
 * than MAX_CATCH_UP frames skips the oldest windows. And the per-frame helpers give the bytes the
 * plain sample-by-sample way gives.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type WebSocket from 'ws';
import { createManualClock, type Clock, type ManualClock } from '../../src/clock.js';
import { dtmfTone, speechPlaceholder } from '../../src/audio/synthesize.js';
import type { MediaStreamingSetup } from '../../src/domain/streaming-machine.js';
import {
  AudioTimeline,
  FRAME_MS,
  isSilent,
  mix,
  toBase64,
} from '../../src/streaming/audio-timeline.js';
import { MAX_CATCH_UP, MediaSession } from '../../src/streaming/media-session.js';

const SETUP: MediaStreamingSetup = {
  audioChannelType: 'mixed',
  sampleRate: 16000,
  enableBidirectional: false,
  enableDtmfTones: false,
  startOnConnect: true,
};

/** The manual clock, but every timer fires `lateMs(n)` after it was due (n counts the timers). */
function lateClock(manual: ManualClock, lateMs: (n: number) => number): Clock {
  let n = 0;
  return {
    kind: 'manual',
    now: () => manual.now(),
    setTimeout: (fn, ms) => manual.setTimeout(fn, Math.max(0, ms) + lateMs(n++)),
  };
}

interface AudioDataMessage {
  kind: string;
  audioData: { timestamp: string; data: string; silent: boolean };
}

function session(clock: Clock) {
  const sent: AudioDataMessage[] = [];
  const socket = { send: (text: string) => sent.push(JSON.parse(text) as AudioDataMessage) };
  const media = new MediaSession(clock, SETUP, () => ['4:+14255550123']);
  media.start(socket as unknown as WebSocket, 'sub-1');
  const frames = () => sent.filter((m) => m.kind === 'AudioData');
  const offsets = (start: number) => frames().map((m) => Date.parse(m.audioData.timestamp) - start);
  return { media, frames, offsets };
}

const windows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => (from + i) * FRAME_MS);

describe('media session pacing', () => {
  it('on time: N x 20 ms give N frames, one per window', () => {
    const manual = createManualClock(0);
    const { offsets, media } = session(manual);
    manual.advance(50 * FRAME_MS);
    assert.deepEqual(offsets(0), windows(0, 50));
    assert.equal(media.framesSent, 50);
  });

  it('a timer that always fires late loses no frame and keeps the timestamps on the grid', () => {
    const manual = createManualClock(0);
    const { offsets } = session(lateClock(manual, () => 7));
    manual.advance(50 * FRAME_MS + 7);
    assert.deepEqual(offsets(0), windows(0, 50));
  });

  it('a late turn sends every frame that is due, up to MAX_CATCH_UP', () => {
    const manual = createManualClock(0);
    // The third timer fires 3 frames late: that turn catches up with 4 frames.
    const { offsets } = session(lateClock(manual, (n) => (n === 2 ? 3 * FRAME_MS : 0)));
    manual.advance(6 * FRAME_MS);
    assert.deepEqual(offsets(0), windows(0, 6));
    manual.advance(4 * FRAME_MS);
    assert.deepEqual(offsets(0), windows(0, 10));
  });

  it('a stall longer than MAX_CATCH_UP frames skips the oldest windows, then keeps pace', () => {
    const manual = createManualClock(0);
    const stall = (MAX_CATCH_UP + 6) * FRAME_MS;
    const { offsets } = session(lateClock(manual, (n) => (n === 0 ? stall - FRAME_MS : 0)));
    manual.advance(stall);
    assert.deepEqual(offsets(0), windows(6, MAX_CATCH_UP));
    manual.advance(2 * FRAME_MS);
    assert.deepEqual(offsets(0), windows(6, MAX_CATCH_UP + 2));
  });

  it('sends nothing more once stopped', () => {
    const manual = createManualClock(0);
    const { offsets, media } = session(lateClock(manual, () => 5));
    manual.advance(3 * FRAME_MS + 5);
    media.stop();
    manual.advance(10 * FRAME_MS);
    assert.deepEqual(offsets(0), windows(0, 3));
    assert.equal(manual.pending(), 0);
  });
});

/** Little-endian PCM bytes written one sample at a time: the wire format, stated plainly. */
function plainBase64(frame: Int16Array): string {
  const bytes = Buffer.alloc(frame.length * 2);
  for (let i = 0; i < frame.length; i++) bytes.writeInt16LE(frame[i] as number, i * 2);
  return bytes.toString('base64');
}

const clamp = (v: number) => Math.max(-32768, Math.min(32767, v));

describe('media frame helpers', () => {
  it('toBase64 gives the little-endian bytes of any frame, views and silence included', () => {
    const samples = Int16Array.from({ length: 700 }, (_, i) => clamp(((i * 7919) % 65536) - 32768));
    samples[0] = -32768;
    samples[1] = 32767;
    samples[2] = -1;
    const view = samples.subarray(3, 323);
    for (const frame of [samples.subarray(0, 320), view, new Int16Array(320), new Int16Array(480)])
      assert.equal(toBase64(frame), plainBase64(frame));
    assert.equal(view.byteOffset, 6);
  });

  it('isSilent is true only for all-zero frames', () => {
    assert.equal(isSilent(new Int16Array(320)), true);
    const one = new Int16Array(320);
    one[319] = -1;
    assert.equal(isSilent(one), false);
  });

  it('mix sums and clamps; one frame is its own mix', () => {
    const a = Int16Array.from([30000, -30000, 5, 0]);
    const b = Int16Array.from([10000, -10000, -5, 1]);
    assert.deepEqual([...mix([a, b], 4)], [32767, -32768, 0, 1]);
    assert.deepEqual([...mix([a], 4)], [...a]);
    assert.deepEqual([...mix([], 4)], [0, 0, 0, 0]);
    assert.deepEqual([...mix([Int16Array.from([1, 2])], 4)], [1, 2, 0, 0]);
  });

  it('timeline frames hold the samples of every segment in their window, summed and clamped', () => {
    const rate = 16000;
    const perMs = rate / 1000;
    const timeline = new AudioTimeline(rate);
    // A key at 7 ms and speech from 33 ms overlap; windows start on the 20 ms grid.
    timeline.key('p', '5', 7);
    timeline.speech('p', 'hello', 33, 300);
    const tone = dtmfTone('5', rate, 100);
    const speech = speechPlaceholder('hello', rate, 300);
    const at = (samples: Int16Array, start: number, t: number) => {
      const j = Math.round((t - start) * perMs);
      return j >= 0 && j < samples.length ? (samples[j] as number) : 0;
    };
    for (let w = 0; w < 400; w += FRAME_MS) {
      const expected = Array.from({ length: 320 }, (_, i) =>
        clamp(at(tone, 7, w + i / perMs) + at(speech, 33, w + i / perMs)),
      );
      assert.deepEqual([...timeline.frame('p', w)], expected, `window ${w}`);
    }
    assert.equal(isSilent(timeline.frame('p', 400)), true);
    assert.equal(isSilent(timeline.frame('nobody', 0)), true);
  });
});
