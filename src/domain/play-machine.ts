/**
 * One Play operation as a pure machine: PlayStarted when it reaches the head of the call's media
 * queue, PlayCompleted after its simulated duration (never, when it loops), PlayCanceled when
 * canceled, PlayFailed when the call ends under it, or when it starts with a forced outcome
 * (a `failOperation` fault rule: no PlayStarted, as when the service cannot fetch the audio).
 * The operation is finished once its phase is `done`.
 */
import { emit, type Effect } from './effect.js';
import type { ForcedOutcome } from './forced-outcome.js';
import { MEDIA_RESULTS, type ResultInformation } from './results.js';

export interface PlaySpec {
  /** Raw ids the audio is played to; empty means everyone. */
  playTo: readonly string[];
  /** Simulated length of one pass over all sources. */
  durationMs: number;
  loop: boolean;
  /** Set by a `failOperation` fault rule: the play fails as it starts. */
  failure?: ForcedOutcome;
}

export type PlayPhase = 'queued' | 'playing' | 'done';

export type PlayTimerInput = { type: 'ended' };

export type PlayInput =
  { type: 'start' } | PlayTimerInput | { type: 'cancel' } | { type: 'callEnded' };

export type PlayEvent = 'PlayStarted' | 'PlayCompleted' | 'PlayCanceled' | 'PlayFailed';

export type PlayEffect = Effect<PlayTimerInput>;

export interface PlayStep {
  phase: PlayPhase;
  effects: PlayEffect[];
}

/** The play's one timer. */
export const PLAY_TIMER = 'play';

const end = (event: PlayEvent, resultInformation: ResultInformation): PlayStep => ({
  phase: 'done',
  effects: [{ type: 'cancel', key: PLAY_TIMER }, emit(event, { resultInformation })],
});

export function stepPlay(phase: PlayPhase, spec: PlaySpec, input: PlayInput): PlayStep {
  if (phase === 'done') return { phase, effects: [] };
  switch (input.type) {
    case 'start':
      if (phase !== 'queued') return { phase, effects: [] };
      if (spec.failure) {
        const { resultInformation, fault } = spec.failure;
        return { phase: 'done', effects: [emit('PlayFailed', { resultInformation, fault })] };
      }
      return {
        phase: 'playing',
        effects: [
          emit('PlayStarted'),
          ...(spec.loop
            ? []
            : [
                {
                  type: 'schedule' as const,
                  key: PLAY_TIMER,
                  ms: spec.durationMs,
                  input: { type: 'ended' as const },
                },
              ]),
        ],
      };
    case 'ended':
      return phase === 'playing'
        ? end('PlayCompleted', MEDIA_RESULTS.playCompleted)
        : { phase, effects: [] };
    case 'cancel':
      return end('PlayCanceled', MEDIA_RESULTS.canceled);
    case 'callEnded':
      return end('PlayFailed', MEDIA_RESULTS.callEnded);
  }
}
