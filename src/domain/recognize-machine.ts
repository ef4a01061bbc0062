/**
 * One Recognize operation (DTMF, the DTMF side of speechOrDtmf, and choices picked by tone) as a
 * pure machine. Its timers are effects: the caller schedules them on the clock and feeds the timer's
 * input back when it fires. Endings and codes follow the recognize how-to's event table.
 */
import { emit, type Effect } from './effect.js';
import type { ForcedOutcome } from './forced-outcome.js';
import { MEDIA_RESULTS, type ResultInformation } from './results.js';
import type { Tone } from './tones.js';

export type RecognizeInputType = 'dtmf' | 'speech' | 'speechOrDtmf' | 'choices';

export interface RecognizeSpec {
  inputType: RecognizeInputType;
  /** Raw id of the participant whose tones count. */
  participant: string;
  /** How long the prompt plays; 0 when there is none. */
  promptMs: number;
  interruptPrompt: boolean;
  initialSilenceMs: number;
  interToneMs: number;
  maxTones: number;
  stopTones: readonly Tone[];
  choices: readonly { label: string; tone?: Tone }[];
  /** Set by a `failOperation` fault rule: the recognize fails as it starts. */
  failure?: ForcedOutcome;
}

export type RecognizePhase = 'queued' | 'prompting' | 'listening' | 'collecting' | 'done';

export interface RecognizeState {
  phase: RecognizePhase;
  tones: Tone[];
}

export type RecognizeTimerInput =
  { type: 'promptEnded' } | { type: 'silenceTimeout' } | { type: 'interToneTimeout' };

export type RecognizeInput =
  | { type: 'start' }
  | RecognizeTimerInput
  | { type: 'tone'; tone: Tone }
  | { type: 'cancel' }
  | { type: 'callEnded' };

export type RecognizeEnding = 'RecognizeCompleted' | 'RecognizeFailed' | 'RecognizeCanceled';

/** The operation's one timer is replaced by each new wait; it is finished once `done`. */
export type RecognizeEffect = Effect<RecognizeTimerInput>;

/** The recognize's one timer. */
export const RECOGNIZE_TIMER = 'recognize';

const wait = (ms: number, input: RecognizeTimerInput): RecognizeEffect => ({
  type: 'schedule',
  key: RECOGNIZE_TIMER,
  ms,
  input,
});

export interface RecognizeStep {
  state: RecognizeState;
  effects: RecognizeEffect[];
}

export const RECOGNIZE_QUEUED: RecognizeState = { phase: 'queued', tones: [] };

const finish = (
  tones: Tone[],
  event: RecognizeEnding,
  result: ResultInformation,
  data?: Record<string, unknown>,
): RecognizeStep => ({
  state: { phase: 'done', tones },
  effects: [
    { type: 'cancel', key: RECOGNIZE_TIMER },
    emit(event, { resultInformation: result, ...(data ? { data } : {}) }),
  ],
});

const dtmfResult = (tones: Tone[]) => ({ recognitionType: 'dtmf', dtmfResult: { tones } });

function listen(tones: Tone[], spec: RecognizeSpec): RecognizeStep {
  return {
    state: { phase: 'listening', tones },
    effects: [wait(spec.initialSilenceMs, { type: 'silenceTimeout' })],
  };
}

function pressed(state: RecognizeState, spec: RecognizeSpec, tone: Tone): RecognizeStep {
  if (spec.inputType === 'choices') {
    const choice = spec.choices.find((c) => c.tone === tone);
    // A key that picks no choice is not an answer; the silence timer keeps running.
    if (!choice) return { state, effects: [] };
    return finish([tone], 'RecognizeCompleted', MEDIA_RESULTS.choiceRecognized, {
      recognitionType: 'choices',
      choiceResult: { label: choice.label },
    });
  }
  if (spec.stopTones.includes(tone)) {
    return finish(
      state.tones,
      'RecognizeCompleted',
      MEDIA_RESULTS.stopToneDetected,
      dtmfResult(state.tones),
    );
  }
  const tones = [...state.tones, tone];
  if (tones.length >= spec.maxTones) {
    return finish(tones, 'RecognizeCompleted', MEDIA_RESULTS.maxTonesReceived, dtmfResult(tones));
  }
  return {
    state: { phase: 'collecting', tones },
    effects: [wait(spec.interToneMs, { type: 'interToneTimeout' })],
  };
}

export function stepRecognize(
  state: RecognizeState,
  spec: RecognizeSpec,
  input: RecognizeInput,
): RecognizeStep {
  const unchanged: RecognizeStep = { state, effects: [] };
  if (state.phase === 'done') return unchanged;
  switch (input.type) {
    case 'start':
      if (state.phase !== 'queued') return unchanged;
      if (spec.failure) {
        const { resultInformation, fault } = spec.failure;
        return {
          state: { phase: 'done', tones: [] },
          effects: [emit('RecognizeFailed', { resultInformation, fault })],
        };
      }
      if (spec.promptMs > 0) {
        return {
          state: { phase: 'prompting', tones: [] },
          effects: [wait(spec.promptMs, { type: 'promptEnded' })],
        };
      }
      return listen([], spec);
    case 'promptEnded':
      return state.phase === 'prompting' ? listen(state.tones, spec) : unchanged;
    case 'silenceTimeout':
      if (state.phase !== 'listening') return unchanged;
      return finish(state.tones, 'RecognizeFailed', MEDIA_RESULTS.initialSilenceTimeout);
    case 'interToneTimeout':
      if (state.phase !== 'collecting') return unchanged;
      return finish(
        state.tones,
        'RecognizeCompleted',
        MEDIA_RESULTS.interToneTimeout,
        dtmfResult(state.tones),
      );
    case 'tone': {
      // The simulated caller cannot speak, so a speech-only recognize ignores keys.
      if (spec.inputType === 'speech' || state.phase === 'queued') return unchanged;
      if (state.phase === 'prompting') {
        if (!spec.interruptPrompt) return unchanged;
        const step = pressed({ phase: 'listening', tones: state.tones }, spec, input.tone);
        // A key that interrupts the prompt without answering starts the silence wait.
        return step.state.phase === 'listening' ? listen(step.state.tones, spec) : step;
      }
      return pressed(state, spec, input.tone);
    }
    case 'cancel':
      return finish(state.tones, 'RecognizeCanceled', MEDIA_RESULTS.canceled);
    case 'callEnded':
      return finish(state.tones, 'RecognizeFailed', MEDIA_RESULTS.callEnded);
  }
}
