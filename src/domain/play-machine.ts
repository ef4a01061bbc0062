/**
 * One Play operation as a pure machine: PlayStarted when it reaches the head of the call's media
 * queue, PlayCompleted after its simulated duration (never, when it loops), PlayCanceled when
 * canceled, PlayFailed when the call ends under it, or when it starts with an injected failure
 * (a `failOperation` fault rule: no PlayStarted, as when the service cannot fetch the audio).
 */
import type { ResultInformation } from '../events/catalogue.js';
import type { FaultMark, InjectedFailure } from '../faults/fault-rule.js';
import { MEDIA_RESULTS } from '../events/media-results.js';

export interface PlaySpec {
  /** Raw ids the audio is played to; empty means everyone. */
  playTo: readonly string[];
  /** Simulated length of one pass over all sources. */
  durationMs: number;
  loop: boolean;
  /** Set by a `failOperation` fault rule: the play fails as it starts. */
  failure?: InjectedFailure;
}

export type PlayPhase = 'queued' | 'playing' | 'done';

export type PlayInput =
  { type: 'start' } | { type: 'ended' } | { type: 'cancel' } | { type: 'callEnded' };

export type PlayEvent = 'PlayStarted' | 'PlayCompleted' | 'PlayCanceled' | 'PlayFailed';

export type PlayEffect =
  | { type: 'timer'; ms: number; fire: { type: 'ended' } }
  | { type: 'clearTimer' }
  | { type: 'emit'; event: PlayEvent; result?: ResultInformation; fault?: FaultMark }
  | { type: 'finished' };

export interface PlayStep {
  phase: PlayPhase;
  effects: PlayEffect[];
}

const end = (event: PlayEvent, result?: ResultInformation): PlayStep => ({
  phase: 'done',
  effects: [{ type: 'clearTimer' }, { type: 'emit', event, result }, { type: 'finished' }],
});

export function stepPlay(phase: PlayPhase, spec: PlaySpec, input: PlayInput): PlayStep {
  if (phase === 'done') return { phase, effects: [] };
  switch (input.type) {
    case 'start':
      if (phase !== 'queued') return { phase, effects: [] };
      if (spec.failure) {
        const { resultInformation, fault } = spec.failure;
        return {
          phase: 'done',
          effects: [
            { type: 'emit', event: 'PlayFailed', result: resultInformation, fault },
            { type: 'finished' },
          ],
        };
      }
      return {
        phase: 'playing',
        effects: [
          { type: 'emit', event: 'PlayStarted' },
          ...(spec.loop
            ? []
            : [{ type: 'timer' as const, ms: spec.durationMs, fire: { type: 'ended' as const } }]),
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
