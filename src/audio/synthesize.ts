/**
 * Synthetic 16-bit mono PCM for the media stream: silence, true DTMF dual tones, and a documented
 * placeholder for speech (no offline speech synthesizer is used; see docs/voice.md). Every buffer
 * starts at phase zero, so the same call always gives the same samples.
 */
import { DTMF_FREQUENCIES, isDtmfKey } from './dtmf-frequencies.js';

const FULL_SCALE = 32767;

const sampleCount = (sampleRate: number, durationMs: number) =>
  Math.max(0, Math.round((sampleRate * durationMs) / 1000));

export function silence(samples: number): Int16Array {
  return new Int16Array(Math.max(0, Math.floor(samples)));
}

/**
 * The key's two frequencies at equal level; `amplitude` is the peak as a fraction of full scale
 * (each tone gets half of it, so the sum never clips).
 */
export function dtmfTone(
  key: string,
  sampleRate: number,
  durationMs: number,
  amplitude = 0.5,
): Int16Array {
  if (!isDtmfKey(key)) throw new RangeError(`'${key}' is not a DTMF key (0-9, *, #, A-D)`);
  const [low, high] = DTMF_FREQUENCIES[key];
  const out = new Int16Array(sampleCount(sampleRate, durationMs));
  const level = (Math.min(1, Math.max(0, amplitude)) * FULL_SCALE) / 2;
  for (let i = 0; i < out.length; i++) {
    const t = i / sampleRate;
    out[i] = Math.round(
      level * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)),
    );
  }
  return out;
}

/** A small stable hash, so each word keeps its pitch from run to run. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A speech placeholder: one voiced burst per word (a 100-250 Hz fundamental with two harmonics,
 * rising and falling in level) with short pauses between words, spread over `durationMs`. It has
 * the rhythm and band of speech, carries no DTMF pair, and is not intelligible.
 */
export function speechPlaceholder(
  text: string,
  sampleRate: number,
  durationMs: number,
): Int16Array {
  const out = new Int16Array(sampleCount(sampleRate, durationMs));
  const words = text.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || out.length === 0) return out;
  const slot = out.length / words.length;
  words.forEach((word, w) => {
    const start = Math.floor(w * slot);
    const voiced = Math.floor(slot * 0.8);
    const pitch = 100 + (hash(word.toLowerCase()) % 150);
    for (let i = 0; i < voiced && start + i < out.length; i++) {
      const t = i / sampleRate;
      const envelope = Math.sin((Math.PI * i) / voiced);
      const wave =
        Math.sin(2 * Math.PI * pitch * t) +
        0.5 * Math.sin(2 * Math.PI * 2 * pitch * t) +
        0.25 * Math.sin(2 * Math.PI * 3 * pitch * t);
      out[start + i] = Math.round(0.3 * FULL_SCALE * envelope * (wave / 1.75));
    }
  });
  return out;
}
