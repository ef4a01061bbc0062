/** The manual clock fires timers in due order, including ones scheduled while advancing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../src/clock.js';

describe('manual clock', () => {
  it('moves only when advanced and fires due timers in order', () => {
    const clock = createManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@300'), 300);
    clock.setTimeout(() => fired.push('a@100'), 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 200);
    cancelled.cancel();
    clock.advance(150);
    assert.deepEqual(fired, ['a@100']);
    assert.equal(clock.now(), 1150);
    clock.advance(1000);
    assert.deepEqual(fired, ['a@100', 'b@300']);
    assert.equal(clock.pending(), 0);
  });

  it('a timer scheduled by a firing timer fires in the same advance when due', () => {
    const clock = createManualClock(0);
    const times: number[] = [];
    clock.setTimeout(() => {
      times.push(clock.now());
      clock.setTimeout(() => times.push(clock.now()), 50);
    }, 100);
    clock.advance(200);
    assert.deepEqual(times, [100, 150]);
    assert.equal(clock.now(), 200);
  });
});
