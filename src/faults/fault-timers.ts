/**
 * The wall-clock waits fault rules start (delayed and hung requests, delayed and held callbacks).
 * Every one is bounded, unref'd (it never keeps the process alive) and tracked, so POST
 * /admin/reset and stop can end them at once, each in its own way. Wall-clock even with
 * --clock manual, because they hold real sockets, like delivery.
 */
export interface FaultWaitEnd {
  /** What to do when the wait is cut short by POST /admin/reset. */
  onReset(): void;
  /** What to do when the wait is cut short because the emulator stops. */
  onStop(): void;
}

interface FaultWait extends FaultWaitEnd {
  timer: NodeJS.Timeout;
}

export class FaultTimers {
  private readonly waits = new Set<FaultWait>();

  /** Waits still running. */
  get size(): number {
    return this.waits.size;
  }

  /** Runs `fire` after `ms`; returns a cancel function that runs nothing. */
  after(ms: number, fire: () => void, end: FaultWaitEnd): () => void {
    const wait: FaultWait = {
      ...end,
      timer: setTimeout(() => {
        this.waits.delete(wait);
        fire();
      }, ms),
    };
    wait.timer.unref();
    this.waits.add(wait);
    return () => {
      clearTimeout(wait.timer);
      this.waits.delete(wait);
    };
  }

  /** Resolves after `ms`, or at once when reset or stopped. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(ms, resolve, { onReset: resolve, onStop: resolve });
    });
  }

  /** Ends every wait as a reset does. */
  reset(): void {
    this.end((wait) => wait.onReset());
  }

  /** Ends every wait as a stop does. */
  stop(): void {
    this.end((wait) => wait.onStop());
  }

  private end(how: (wait: FaultWait) => void): void {
    const waits = [...this.waits];
    this.waits.clear();
    for (const wait of waits) {
      clearTimeout(wait.timer);
      how(wait);
    }
  }
}
