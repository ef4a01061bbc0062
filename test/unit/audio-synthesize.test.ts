/**
 * The synthetic audio checked by an independent Goertzel detector: every DTMF key is found in its
 * own tone (also in one 20 ms frame at 16 and 24 kHz), silence and the speech placeholder hold no key.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DTMF_FREQUENCIES } from '../../src/audio/dtmf-frequencies.js';
import { dtmfTone, silence, speechPlaceholder } from '../../src/audio/synthesize.js';
import { detectDtmf, goertzelPower } from '../helpers/goertzel.js';

describe('synthetic audio', () => {
  it('every key is detected in its tone, at both stream rates, in one 20 ms frame', () => {
    for (const rate of [16_000, 24_000]) {
      for (const key of Object.keys(DTMF_FREQUENCIES)) {
        const tone = dtmfTone(key, rate, 100);
        assert.equal(tone.length, rate / 10);
        assert.equal(detectDtmf(tone, rate), key, `${key} at ${rate} Hz`);
        assert.equal(detectDtmf(tone.subarray(0, (rate * 20) / 1000), rate), key);
      }
    }
  });

  it('a tone holds its two frequencies and not a neighbour', () => {
    const tone = dtmfTone('5', 16_000, 100);
    const [low, high] = DTMF_FREQUENCIES['5'];
    assert.ok(goertzelPower(tone, 16_000, low) > 50 * goertzelPower(tone, 16_000, 697));
    assert.ok(goertzelPower(tone, 16_000, high) > 50 * goertzelPower(tone, 16_000, 1209));
  });

  it('silence and speech hold no key; speech is not silent', () => {
    assert.deepEqual([...silence(4)], [0, 0, 0, 0]);
    assert.equal(detectDtmf(silence(320), 16_000), undefined);
    const speech = speechPlaceholder('I want to pay my bill', 16_000, 2_400);
    assert.equal(speech.length, 38_400);
    assert.ok(speech.some((s) => s !== 0));
    for (let i = 0; i < speech.length; i += 320)
      assert.equal(detectDtmf(speech.subarray(i, i + 320), 16_000), undefined, `frame at ${i}`);
  });

  it('refuses a key that is not on the keypad', () => {
    assert.throws(() => dtmfTone('x', 16_000, 100), /not a DTMF key/);
  });
});
