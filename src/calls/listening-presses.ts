/**
 * Presses that wait until the call is listening (`"when": "listening"` on the caller's dtmf
 * route): the keys go in once a recognize for the participant is past its prompt, or are ignored,
 * each with a reason, when none starts listening within the wait or the call ends first. Waits run
 * on the emulator clock and end on reset and stop.
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Call } from '../domain/call.js';
import { isListening, type ToneFate } from '../domain/tone-fate.js';
import type { Tone } from '../domain/tones.js';
import type { CallRuntime } from './call-runtime.js';

export interface ListeningPress {
  callConnectionId: string;
  participant: string;
  tones: readonly [Tone, ...Tone[]];
  intervalMs: number;
  waitMs: number;
  /** Hears each key's fate: when pressed, or ignored when the wait ends without listening. */
  onFate: (fate: ToneFate) => void;
}

interface Waiter {
  press: ListeningPress;
  timer: TimerHandle;
}

export class ListeningPresses {
  private readonly waiters = new Set<Waiter>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly calls: CallRuntime,
    private readonly clock: Clock,
  ) {}

  /** Presses now when the call is listening; otherwise waits. Returns whether it pressed now. */
  start(press: ListeningPress): boolean {
    const call = this.calls.get(press.callConnectionId);
    if (call && isListening(call, press.participant)) {
      this.pressNow(press);
      return true;
    }
    const waiter: Waiter = {
      press,
      timer: this.clock.setTimeout(
        () =>
          this.give(
            waiter,
            `no recognize for this participant started listening within waitMs (${press.waitMs} ms)`,
          ),
        press.waitMs,
      ),
    };
    this.waiters.add(waiter);
    this.unsubscribe ??= this.calls.subscribe((changed) => this.changed(changed));
    return false;
  }

  /** Ends every wait without pressing (reset, stop); the keys are not reported. */
  reset(): void {
    for (const waiter of this.waiters) waiter.timer.cancel();
    this.waiters.clear();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private changed(call: Call): void {
    for (const waiter of [...this.waiters]) {
      const { press } = waiter;
      if (press.callConnectionId !== call.callConnectionId) continue;
      if (call.state === 'disconnected') {
        this.give(waiter, 'the call ended before a recognize started listening');
      } else if (isListening(call, press.participant)) {
        this.drop(waiter);
        // After the step that made it listen has run its effects (its silence timer is set).
        queueMicrotask(() => this.pressNow(press));
      }
    }
  }

  private pressNow(press: ListeningPress): void {
    const result = this.calls.press(
      press.callConnectionId,
      press.participant,
      press.tones,
      press.intervalMs,
      press.onFate,
    );
    if (!result.ok)
      for (const tone of press.tones)
        press.onFate({ tone, outcome: 'ignored', reason: 'the call could not take the key' });
  }

  private give(waiter: Waiter, reason: string): void {
    this.drop(waiter);
    for (const tone of waiter.press.tones)
      waiter.press.onFate({ tone, outcome: 'ignored', reason });
  }

  private drop(waiter: Waiter): void {
    waiter.timer.cancel();
    this.waiters.delete(waiter);
    if (this.waiters.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }
}
