/** 16-bit PCM samples: silence and true dual-tone DTMF signals. */
import { DTMF_FREQUENCIES } from './dtmf-frequencies.js';

export const silence = (samples: number): Int16Array => new Int16Array(Math.max(0, samples));

/**
 * The two sine waves of `key` (a keypad character), summed. `amplitude` is the peak of the sum as a
 * fraction of full scale; the default leaves headroom, as telephone signals do.
 */
export function dtmfTone(
  key: string,
  sampleRate: number,
  durationMs: number,
  amplitude = 0.5,
): Int16Array {
  const pair = DTMF_FREQUENCIES[key];
  if (!pair) throw new RangeError(`'${key}' is not a DTMF key (0-9, *, #, A-D)`);
  const [low, high] = pair;
  const count = Math.max(0, Math.round((sampleRate * durationMs) / 1000));
  const out = new Int16Array(count);
  const peak = (amplitude * 32767) / 2;
  for (let i = 0; i < count; i++) {
    const t = i / sampleRate;
    out[i] = Math.round(
      peak * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)),
    );
  }
  return out;
}
