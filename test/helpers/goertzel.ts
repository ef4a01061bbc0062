/**
 * A Goertzel detector: the power of one frequency in a block of samples, and the DTMF key a block
 * holds, so tests check recorded audio by what it sounds like, not by how it was made.
 */
import { DTMF_FREQUENCIES } from '../../src/audio/dtmf-frequencies.js';

export function goertzelPower(samples: Int16Array, sampleRate: number, frequency: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample / 32768 + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power =
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return samples.length > 0 ? power / samples.length : 0;
}

const LOWS = [697, 770, 852, 941];
const HIGHS = [1209, 1336, 1477, 1633];

/**
 * The key whose two frequencies clearly dominate the block, or undefined for silence or noise:
 * the strongest row and column tones must each stand well above the other candidates and above
 * an absolute floor.
 */
export function detectDtmf(samples: Int16Array, sampleRate: number): string | undefined {
  const strongest = (candidates: number[]) => {
    const powers = candidates.map((f) => ({ f, p: goertzelPower(samples, sampleRate, f) }));
    powers.sort((a, b) => b.p - a.p);
    return powers;
  };
  const low = strongest(LOWS);
  const high = strongest(HIGHS);
  const [bestLow, nextLow] = [low[0], low[1]];
  const [bestHigh, nextHigh] = [high[0], high[1]];
  if (!bestLow || !bestHigh || !nextLow || !nextHigh) return undefined;
  const FLOOR = 1;
  if (bestLow.p < FLOOR || bestHigh.p < FLOOR) return undefined;
  if (bestLow.p < 10 * nextLow.p || bestHigh.p < 10 * nextHigh.p) return undefined;
  return Object.entries(DTMF_FREQUENCIES).find(
    ([, [l, h]]) => l === bestLow.f && h === bestHigh.f,
  )?.[0];
}
