/** The keypad string and array forms the control API accepts for the caller's keys. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keyOf, parseTones, TONES } from '../../src/domain/tones.js';

describe('tones', () => {
  it('maps every keypad character to its Tone, letters in either case', () => {
    const parsed = parseTones('0123456789*#ABCd');
    assert.deepEqual(parsed, {
      ok: true,
      tones: [
        'zero',
        'one',
        'two',
        'three',
        'four',
        'five',
        'six',
        'seven',
        'eight',
        'nine',
        'asterisk',
        'pound',
        'a',
        'b',
        'c',
        'd',
      ],
    });
  });

  it('round-trips every Tone through its key', () => {
    const keys = TONES.map(keyOf).join('');
    assert.deepEqual(parseTones(keys), { ok: true, tones: [...TONES] });
  });

  for (const [input, pattern] of [
    ['12x', /"x" at position 2/],
    ['1 2', /" " at position 1/],
    ['', /empty/],
    [['one', 'pound', 'hash'], /'tones\[2\]' is "hash"/],
    [[], /empty/],
    [12, /keypad string/],
  ] as const) {
    it(`refuses ${JSON.stringify(input)} naming what is wrong`, () => {
      const parsed = parseTones(input);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.problem, pattern);
    });
  }
});
