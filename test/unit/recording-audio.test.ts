/** Audio: DTMF synthesis checked by the Goertzel detector, WAV round trip, rendering of periods. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DTMF_FREQUENCIES } from '../../src/audio/dtmf-frequencies.js';
import { renderRecording } from '../../src/audio/render.js';
import { dtmfTone, silence } from '../../src/audio/synthesize.js';
import { decodeWav, encodeWav } from '../../src/audio/wav.js';
import { parseRange } from '../../src/routes/recording-files.js';
import { detectDtmf, goertzelPower } from '../helpers/goertzel.js';

const RATE = 16_000;

describe('recording audio', () => {
  it('every key synthesizes to a signal the detector reads back as that key', () => {
    for (const key of Object.keys(DTMF_FREQUENCIES))
      assert.equal(detectDtmf(dtmfTone(key, RATE, 100), RATE), key);
    assert.equal(Object.keys(DTMF_FREQUENCIES).length, 16);
  });

  it('a tone has power at its two frequencies and none at others; silence has none', () => {
    const tone = dtmfTone('5', RATE, 100);
    const [low, high] = DTMF_FREQUENCIES['5'] as readonly [number, number];
    assert.ok(goertzelPower(tone, RATE, low) > 100 * goertzelPower(tone, RATE, 697));
    assert.ok(goertzelPower(tone, RATE, high) > 100 * goertzelPower(tone, RATE, 1209));
    assert.equal(detectDtmf(silence(1600), RATE), undefined);
    assert.throws(() => dtmfTone('x', RATE, 100), /not a DTMF key/);
  });

  it('WAV encodes interleaved 16-bit PCM that decodes to the same samples', () => {
    const left = Int16Array.from([1, -2, 32767]);
    const right = Int16Array.from([-32768, 5, 6]);
    const bytes = encodeWav([left, right], 8_000);
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(bytes.readUInt16LE(22), 2);
    assert.equal(bytes.readUInt32LE(24), 8_000);
    assert.equal(bytes.length, 44 + 12);
    const decoded = decodeWav(bytes);
    assert.deepEqual(decoded.channels, [left, right]);
  });

  it('renders only active periods, back to back, with each tone cut to the period it sounds in', () => {
    const channels = renderRecording({
      periods: [
        { start: 0, end: 1_000 },
        { start: 2_000, end: 3_000 },
      ],
      tones: [
        { key: '1', at: 500, durationMs: 100, channel: 0 },
        { key: '2', at: 1_500, durationMs: 100, channel: 0 }, // while paused
        { key: '3', at: 2_200, durationMs: 100, channel: 0 },
      ],
      channels: 1,
      sampleRate: RATE,
    });
    const samples = channels[0] as Int16Array;
    assert.equal(samples.length, 2 * RATE);
    const at = (ms: number) =>
      detectDtmf(samples.subarray((ms * RATE) / 1000, ((ms + 100) * RATE) / 1000), RATE);
    assert.equal(at(500), '1');
    assert.equal(at(1_200), '3');
    for (const ms of [0, 700, 1_000, 1_500, 1_900]) assert.equal(at(ms), undefined);
  });

  it('parses the Range forms the SDK and players send', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange(undefined, 100), undefined);
    assert.equal(parseRange('items=1-2', 100), undefined);
  });
});

describe('MP3 encoding', () => {
  it('writes MPEG Layer III frames whose count matches the duration', async () => {
    const { encodeMp3 } = await import('../../src/audio/mp3.js');
    const bytes = await encodeMp3([dtmfTone('1', RATE, 2_000)], RATE);
    // Frame sync (11 bits set), MPEG-2 (16 kHz), Layer III.
    assert.equal(bytes[0], 0xff);
    assert.equal((bytes[1] as number) & 0xfe, 0xf2);
    let frames = 0;
    for (let i = 0; i + 1 < bytes.length; i++)
      if (bytes[i] === 0xff && ((bytes[i + 1] as number) & 0xfe) === 0xf2) frames++;
    // MPEG-2 Layer III: 576 samples per frame, so about 2 s * 16000 / 576 = 56 frames.
    assert.ok(frames >= 50 && frames <= 70, `${frames} frames`);
  });
});
