/** A cancellable timer returned by {@link Clock.setTimeout}. */
export interface TimerHandle {
  cancel(): void;
}

/** Time source for every simulated duration, so tests can run on a manual clock. */
export interface Clock {
  readonly kind: 'system' | 'manual';
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
}

/** The real clock. Its timers never keep the process alive. */
export function createSystemClock(): Clock {
  return {
    kind: 'system',
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const timer = setTimeout(fn, Math.max(0, ms));
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
  };
}

interface ManualTimer {
  due: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to; timers fire in due order during {@link advance}. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  pending(): number;
}

export function createManualClock(start = Date.parse('2026-03-12T10:00:00Z')): ManualClock {
  let now = start;
  let seq = 0;
  let timers: ManualTimer[] = [];
  const nextDue = (limit: number) =>
    timers
      .filter((t) => !t.cancelled && t.due <= limit)
      .sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
  return {
    kind: 'manual',
    now: () => now,
    setTimeout(fn, ms) {
      const timer: ManualTimer = { due: now + Math.max(0, ms), seq: seq++, fn, cancelled: false };
      timers.push(timer);
      return {
        cancel: () => {
          timer.cancelled = true;
        },
      };
    },
    advance(ms) {
      const target = now + Math.max(0, ms);
      // Timers scheduled while advancing fire too if they fall due before the target.
      for (let timer = nextDue(target); timer; timer = nextDue(target)) {
        now = timer.due;
        timer.cancelled = true;
        timer.fn();
      }
      now = target;
      timers = timers.filter((t) => !t.cancelled);
    },
    pending: () => timers.filter((t) => !t.cancelled).length,
  };
}
