/**
 * One Recognize operation (DTMF, speech, speechOrDtmf, and choices picked by tone or by phrase) as a
 * pure machine. Its timers are effects: the caller schedules them on the clock and feeds the timer's
 * input back when it fires. Endings and codes follow the recognize how-to's event table; the speech
 * codes follow the SDKs' MediaEventReasonCode (domain/results.ts says which are unconfirmed).
 */
import { emit, type Effect } from './effect.js';
import type { ForcedOutcome } from './forced-outcome.js';
import { MEDIA_RESULTS, type ResultInformation } from './results.js';
import { matchChoice } from './speech.js';
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
  choices: readonly { label: string; tone?: Tone; phrases?: readonly string[] }[];
  /** speechOptions.endSilenceTimeoutInMs: silence after an utterance before it counts as said. */
  endSilenceMs?: number;
  /** Set by a `failOperation` fault rule: the recognize fails as it starts. */
  failure?: ForcedOutcome;
}

/** `hearing`: the target is speaking; the result comes after the utterance and the end silence. */
export type RecognizePhase =
  'queued' | 'prompting' | 'listening' | 'collecting' | 'hearing' | 'done';

export interface HeardSpeech {
  text: string;
  confidence: number;
}

export interface RecognizeState {
  phase: RecognizePhase;
  tones: Tone[];
  /** The utterance being heard (phase `hearing`). */
  speech?: HeardSpeech;
}

export type RecognizeTimerInput =
  | { type: 'promptEnded' }
  | { type: 'silenceTimeout' }
  | { type: 'interToneTimeout' }
  | { type: 'speechEnded' };

export type RecognizeInput =
  | { type: 'start' }
  | RecognizeTimerInput
  | { type: 'tone'; tone: Tone }
  | { type: 'speech'; text: string; confidence: number; durationMs: number }
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

/** Default speechOptions.endSilenceTimeoutInMs (the SDKs' default end silence of half a second). */
export const DEFAULT_END_SILENCE_MS = 500;

/** The target starts speaking: the answer is ready once the utterance and its end silence pass. */
function hear(
  tones: Tone[],
  spec: RecognizeSpec,
  input: Extract<RecognizeInput, { type: 'speech' }>,
): RecognizeStep {
  return {
    state: { phase: 'hearing', tones, speech: { text: input.text, confidence: input.confidence } },
    effects: [
      wait(input.durationMs + (spec.endSilenceMs ?? DEFAULT_END_SILENCE_MS), {
        type: 'speechEnded',
      }),
    ],
  };
}

/** What was said, as the recognize's answer: the words, the matching choice, or no match. */
function understood(state: RecognizeState, spec: RecognizeSpec): RecognizeStep {
  const speech = state.speech ?? { text: '', confidence: 0 };
  if (spec.inputType !== 'choices') {
    return finish(state.tones, 'RecognizeCompleted', MEDIA_RESULTS.speechRecognized, {
      recognitionType: 'speech',
      speechResult: { speech: speech.text, confidence: speech.confidence },
    });
  }
  const match = matchChoice(speech.text, spec.choices);
  if (!match) return finish(state.tones, 'RecognizeFailed', MEDIA_RESULTS.speechOptionNotMatched);
  return finish(state.tones, 'RecognizeCompleted', MEDIA_RESULTS.speechOptionMatched, {
    recognitionType: 'choices',
    choiceResult: { ...match, confidence: speech.confidence },
  });
}

/** Speech counts for speech, speechOrDtmf and choices, and only while nothing else was heard. */
function spoken(
  state: RecognizeState,
  spec: RecognizeSpec,
  input: Extract<RecognizeInput, { type: 'speech' }>,
): RecognizeStep {
  const unchanged: RecognizeStep = { state, effects: [] };
  if (spec.inputType === 'dtmf') return unchanged;
  if (state.phase === 'listening') return hear(state.tones, spec, input);
  if (state.phase === 'prompting' && spec.interruptPrompt) return hear(state.tones, spec, input);
  // Queued, prompting without barge-in, keys already collecting, or already hearing someone.
  return unchanged;
}

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
    case 'speechEnded':
      return state.phase === 'hearing' ? understood(state, spec) : unchanged;
    case 'speech':
      return spoken(state, spec, input);
    case 'interToneTimeout':
      if (state.phase !== 'collecting') return unchanged;
      return finish(
        state.tones,
        'RecognizeCompleted',
        MEDIA_RESULTS.interToneTimeout,
        dtmfResult(state.tones),
      );
    case 'tone': {
      // A speech-only recognize ignores keys; once speech is heard, speechOrDtmf ignores them too.
      if (spec.inputType === 'speech' || state.phase === 'queued' || state.phase === 'hearing')
        return unchanged;
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
