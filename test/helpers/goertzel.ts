/**
 * A Goertzel detector for tests: the power of one frequency in a PCM buffer, and which DTMF key
 * (if any) the buffer holds. Independent of the synthesizer, so it checks the audio, not the code.
 */
import { DTMF_COLUMNS, DTMF_FREQUENCIES, DTMF_ROWS } from '../../src/audio/dtmf-frequencies.js';

/** Power of `frequency` in `samples`, normalized by length so buffers of any size compare. */
export function goertzelPower(samples: Int16Array, sampleRate: number, frequency: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let prev = 0;
  let prev2 = 0;
  for (const sample of samples) {
    const s = sample / 32768 + coeff * prev - prev2;
    prev2 = prev;
    prev = s;
  }
  const power = prev * prev + prev2 * prev2 - coeff * prev * prev2;
  return samples.length === 0 ? 0 : power / samples.length;
}

/** Sum of the squared samples (full scale 1). */
function energy(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += (sample / 32768) ** 2;
  return sum;
}

/**
 * The DTMF key in the buffer: the strongest row and column tone, each well above the other rows
 * and columns and together holding most of the energy; undefined for silence or other sound.
 */
export function detectDtmf(samples: Int16Array, sampleRate: number): string | undefined {
  if (samples.length === 0) return undefined;
  const rows = DTMF_ROWS.map((f) => goertzelPower(samples, sampleRate, f));
  const columns = DTMF_COLUMNS.map((f) => goertzelPower(samples, sampleRate, f));
  const best = (powers: number[]) => {
    const sorted = [...powers].sort((a, b) => b - a);
    return { index: powers.indexOf(sorted[0] ?? 0), top: sorted[0] ?? 0, next: sorted[1] ?? 0 };
  };
  const row = best(rows);
  const column = best(columns);
  const total = energy(samples);
  // A sine of amplitude a over n samples has (normalized) Goertzel power about n·a²/4 and energy
  // n·a²/2, so a clean key gives a ratio near 1; speech-like sound or noise gives far less.
  if (total === 0 || ((row.top + column.top) * 2) / total < 0.5) return undefined;
  if (row.top < 4 * row.next || column.top < 4 * column.next) return undefined;
  const frequencies = [DTMF_ROWS[row.index], DTMF_COLUMNS[column.index]];
  const key = Object.entries(DTMF_FREQUENCIES).find(
    ([, pair]) => pair[0] === frequencies[0] && pair[1] === frequencies[1],
  );
  return key?.[0];
}
