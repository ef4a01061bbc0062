/**
 * Issue 19, defect 10: the manual clock keeps its timers in a heap. Order, cancellation and
 * timers scheduled while advancing still behave, with 10,000 timers (which took 2 s and more
 * with a sort per fired timer).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../src/clock.js';

describe('manual clock with 10,000 timers', () => {
  it('fires them in due order (ties in scheduling order), skips cancelled ones, counts pending', () => {
    const clock = createManualClock(0);
    const fired: number[] = [];
    const handles = [];
    for (let i = 0; i < 10_000; i++) {
      const due = (i * 7919) % 5_000; // scrambled, with ties
      handles.push(clock.setTimeout(() => fired.push(i), due));
    }
    for (let i = 0; i < 10_000; i += 3) handles[i]?.cancel();
    handles[0]?.cancel(); // twice is harmless
    const live = 10_000 - Math.ceil(10_000 / 3);
    assert.equal(clock.pending(), live);
    clock.advance(2_500);
    clock.advance(2_500);
    assert.equal(fired.length, live);
    assert.equal(clock.pending(), 0);
    const dueOf = (i: number) => (i * 7919) % 5_000;
    for (let k = 1; k < fired.length; k++) {
      const a = fired[k - 1] as number;
      const b = fired[k] as number;
      assert.ok(dueOf(a) < dueOf(b) || (dueOf(a) === dueOf(b) && a < b), `${a} before ${b}`);
    }
    assert.ok(!fired.some((i) => i % 3 === 0), 'no cancelled timer fired');
  });

  it('a timer scheduled while advancing fires in the same advance when due before the target', () => {
    const clock = createManualClock(0);
    const seen: string[] = [];
    clock.setTimeout(() => {
      seen.push(`a@${clock.now()}`);
      clock.setTimeout(() => seen.push(`b@${clock.now()}`), 10);
      clock.setTimeout(() => seen.push(`late@${clock.now()}`), 1_000);
    }, 5);
    clock.advance(100);
    assert.deepEqual(seen, ['a@5', 'b@15']);
    assert.equal(clock.now(), 100);
    assert.equal(clock.pending(), 1);
  });

  it('many cancellations compact without losing live timers', () => {
    const clock = createManualClock(0);
    let fired = 0;
    const keep = clock.setTimeout(() => fired++, 50);
    for (let i = 0; i < 5_000; i++) clock.setTimeout(() => fired++, 10).cancel();
    assert.equal(clock.pending(), 1);
    clock.advance(100);
    assert.equal(fired, 1);
    keep.cancel();
  });
});
