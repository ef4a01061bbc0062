/**
 * Drives the pure recognize machine on a manual clock the way CallRuntime does: timer effects
 * become clock timers whose input is fed back when they fire. Endings are recorded with the clock
 * time (ms since start) at which they happened.
 */
import type { ManualClock, TimerHandle } from '../../src/clock.js';
import {
  RECOGNIZE_QUEUED,
  stepRecognize,
  type RecognizeInput,
  type RecognizeSpec,
  type RecognizeState,
} from '../../src/domain/recognize-machine.js';
import type { ResultInformation } from '../../src/events/catalogue.js';

export interface Ending {
  event: string;
  result: ResultInformation;
  data?: Record<string, unknown>;
  atMs: number;
}

export interface RecognizeDriver {
  apply(input: RecognizeInput): void;
  readonly state: RecognizeState;
  readonly endings: Ending[];
}

export function driveRecognize(clock: ManualClock, spec: RecognizeSpec): RecognizeDriver {
  const started = clock.now();
  let state = RECOGNIZE_QUEUED;
  let timer: TimerHandle | undefined;
  const endings: Ending[] = [];
  const apply = (input: RecognizeInput): void => {
    const step = stepRecognize(state, spec, input);
    state = step.state;
    for (const effect of step.effects) {
      if (effect.type === 'schedule') {
        timer?.cancel();
        timer = clock.setTimeout(() => apply(effect.input), effect.ms);
      } else if (effect.type === 'cancel') {
        timer?.cancel();
        timer = undefined;
      } else {
        endings.push({
          event: effect.event,
          result: effect.resultInformation as ResultInformation,
          data: effect.data,
          atMs: clock.now() - started,
        });
      }
    }
  };
  return {
    apply,
    get state() {
      return state;
    },
    endings,
  };
}
