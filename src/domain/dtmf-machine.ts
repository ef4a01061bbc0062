/**
 * Continuous DTMF recognition for one participant, as a pure machine.
 * The swagger: stop answers 200 either way, and only a recognition that was started gets a
 * ContinuousDtmfRecognitionStopped event, carrying the stop request's operationContext and sent
 * to its operationCallbackUri when given. When the call ends, active recognitions stop too, reported
 * with the start request's context and callback override.
 */
import { emit, type Effect } from './effect.js';

export type DtmfState =
  { status: 'idle' } | { status: 'active'; operationContext?: string; callbackUri?: string };

export type DtmfInput =
  | { type: 'start'; operationContext?: string; callbackUri?: string }
  | { type: 'stop'; operationContext?: string; callbackUri?: string }
  | { type: 'callEnded' };

/** Continuous recognition sets no timers. */
export type DtmfEffect = Effect<never>;

const stopped = (operationContext?: string, callbackUri?: string): DtmfEffect =>
  emit('ContinuousDtmfRecognitionStopped', {
    ...(operationContext !== undefined ? { operationContext } : {}),
    ...(callbackUri !== undefined ? { callbackUri } : {}),
  });

export interface DtmfStep {
  state: DtmfState;
  effects: DtmfEffect[];
}

export const DTMF_IDLE: DtmfState = { status: 'idle' };

export function stepDtmf(state: DtmfState, input: DtmfInput): DtmfStep {
  switch (input.type) {
    case 'start':
      // Starting again while active keeps it active; later tones carry the newest context.
      return {
        state: {
          status: 'active',
          operationContext: input.operationContext,
          callbackUri: input.callbackUri,
        },
        effects: [],
      };
    case 'stop':
      if (state.status === 'idle') return { state, effects: [] };
      return {
        state: DTMF_IDLE,
        effects: [stopped(input.operationContext, input.callbackUri)],
      };
    case 'callEnded':
      if (state.status === 'idle') return { state, effects: [] };
      return {
        state: DTMF_IDLE,
        effects: [stopped(state.operationContext, state.callbackUri)],
      };
  }
}
