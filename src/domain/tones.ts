/**
 * DTMF tones: the swagger's `Tone` enum, and the keypad string form the control API accepts
 * (`"12#"` -> one, two, pound).
 */
import { SWAGGER_DEFINITIONS } from '../schemas/generated/definitions.js';

export type Tone = (typeof SWAGGER_DEFINITIONS.Tone.enum)[number];

/** Every Tone value, in the swagger's order. */
export const TONES: readonly Tone[] = SWAGGER_DEFINITIONS.Tone.enum;

const KEYPAD: Readonly<Record<string, Tone>> = {
  '0': 'zero',
  '1': 'one',
  '2': 'two',
  '3': 'three',
  '4': 'four',
  '5': 'five',
  '6': 'six',
  '7': 'seven',
  '8': 'eight',
  '9': 'nine',
  '*': 'asterisk',
  '#': 'pound',
  A: 'a',
  B: 'b',
  C: 'c',
  D: 'd',
};

const KEY_OF = new Map(Object.entries(KEYPAD).map(([key, tone]) => [tone, key]));

export const isTone = (value: unknown): value is Tone =>
  typeof value === 'string' && (TONES as readonly string[]).includes(value);

/** The keypad character of a tone (`pound` -> `#`). */
export const keyOf = (tone: Tone): string => KEY_OF.get(tone) ?? '?';

export type ToneParse = { ok: true; tones: Tone[] } | { ok: false; problem: string };

/** Parses `"12#"` or `["one","two","pound"]`; the problem names the first bad character or item. */
export function parseTones(input: unknown): ToneParse {
  if (typeof input === 'string') {
    const tones: Tone[] = [];
    for (const [i, char] of [...input].entries()) {
      const tone = KEYPAD[char.toUpperCase()];
      if (!tone) {
        return {
          ok: false,
          problem: `'tones' has ${JSON.stringify(char)} at position ${i}, which is not a DTMF key; use 0-9, *, # and A-D`,
        };
      }
      tones.push(tone);
    }
    return tones.length > 0 ? { ok: true, tones } : { ok: false, problem: "'tones' is empty" };
  }
  if (Array.isArray(input)) {
    const bad = input.findIndex((t) => !isTone(t));
    if (bad >= 0) {
      return {
        ok: false,
        problem: `'tones[${bad}]' is ${JSON.stringify(input[bad])}, which is not a Tone; use one of ${TONES.join(', ')}`,
      };
    }
    return input.length > 0
      ? { ok: true, tones: input as Tone[] }
      : { ok: false, problem: "'tones' is empty" };
  }
  return {
    ok: false,
    problem: `'tones' must be a keypad string such as "12#" or an array of Tone values`,
  };
}
