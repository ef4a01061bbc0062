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

const earlier = (a: ManualTimer, b: ManualTimer): boolean =>
  a.due < b.due || (a.due === b.due && a.seq < b.seq);

/** A binary min-heap of timers by (due, seq): O(log n) to add and to take the next one. */
class TimerHeap {
  private items: ManualTimer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): ManualTimer | undefined {
    return this.items[0];
  }

  push(timer: ManualTimer): void {
    const items = this.items;
    items.push(timer);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!earlier(items[i] as ManualTimer, items[parent] as ManualTimer)) break;
      [items[i], items[parent]] = [items[parent] as ManualTimer, items[i] as ManualTimer];
      i = parent;
    }
  }

  pop(): ManualTimer | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && earlier(items[left] as ManualTimer, items[least] as ManualTimer))
        least = left;
      if (right < items.length && earlier(items[right] as ManualTimer, items[least] as ManualTimer))
        least = right;
      if (least === i) break;
      [items[i], items[least]] = [items[least] as ManualTimer, items[i] as ManualTimer];
      i = least;
    }
    return top;
  }

  /** Drops cancelled timers (rebuilds the heap); O(n), done when they outnumber the live ones. */
  compact(): void {
    const live = this.items.filter((t) => !t.cancelled);
    this.items = [];
    for (const timer of live) this.push(timer);
  }
}

/** A clock that only moves when told to; timers fire in due order during {@link advance}. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  pending(): number;
}

export function createManualClock(start = Date.parse('2026-03-12T10:00:00Z')): ManualClock {
  let now = start;
  let seq = 0;
  let live = 0;
  const heap = new TimerHeap();
  return {
    kind: 'manual',
    now: () => now,
    setTimeout(fn, ms) {
      const timer: ManualTimer = { due: now + Math.max(0, ms), seq: seq++, fn, cancelled: false };
      heap.push(timer);
      live++;
      return {
        cancel: () => {
          if (timer.cancelled) return;
          timer.cancelled = true;
          live--;
          if (heap.size > 1024 && live * 2 < heap.size) heap.compact();
        },
      };
    },
    advance(ms) {
      const target = now + Math.max(0, ms);
      // Timers scheduled while advancing fire too if they fall due before the target.
      for (let timer = heap.peek(); timer && timer.due <= target; timer = heap.peek()) {
        heap.pop();
        if (timer.cancelled) continue;
        timer.cancelled = true;
        live--;
        now = timer.due;
        timer.fn();
      }
      now = target;
    },
    pending: () => live,
  };
}
