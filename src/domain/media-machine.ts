/**
 * The call's media queue as a pure machine. Play and Recognize run one at a time in request order;
 * `interruptCallMediaOperation` cancels the running one and jumps the queue. A tone from the
 * recognize's target feeds the running recognize. Timers are effects keyed by operation id.
 */
import { liftEffects, type Effect } from './effect.js';
import { stepPlay, type PlayInput, type PlayPhase, type PlaySpec } from './play-machine.js';
import {
  stepRecognize,
  type RecognizeInput,
  type RecognizeSpec,
  type RecognizeState,
  type RecognizeTimerInput,
} from './recognize-machine.js';
import type { Tone } from './tones.js';

interface MediaOpBase {
  id: string;
  operationContext?: string;
  /** The request's operationCallbackUri, when it gave one. */
  callbackUri?: string;
  queuedAt: number;
  startedAt?: number;
}

export type PlayOp = MediaOpBase & { kind: 'play'; spec: PlaySpec; phase: PlayPhase };
export type RecognizeOp = MediaOpBase & {
  kind: 'recognize';
  spec: RecognizeSpec;
  state: RecognizeState;
};
export type MediaOp = PlayOp | RecognizeOp;

export type MediaInput =
  | { type: 'enqueue'; op: MediaOp; interrupt: boolean }
  | { type: 'playTimer'; id: string; input: Extract<PlayInput, { type: 'ended' }> }
  | { type: 'recognizeTimer'; id: string; input: RecognizeTimerInput }
  | { type: 'tone'; participant: string; tone: Tone }
  /** The simulated caller speaks; it feeds the running recognize when it targets the speaker. */
  | { type: 'speech'; participant: string; text: string; confidence: number; durationMs: number }
  | { type: 'cancelAll' }
  | { type: 'callEnded' };

export type MediaEffect = Effect<MediaInput>;

export interface MediaStep {
  queue: MediaOp[];
  effects: MediaEffect[];
}

type OpInput = { type: 'start' } | { type: 'cancel' } | { type: 'callEnded' } | PlayInput;

interface OpStep {
  op: MediaOp;
  finished: boolean;
  effects: MediaEffect[];
}

/** An operation's timers are keyed by its id; its events carry its context and callback override. */
function stepOp(op: MediaOp, input: OpInput | RecognizeInput, now: number): OpStep {
  const started = input.type === 'start' ? { startedAt: now } : {};
  const emit = {
    operationContext: op.operationContext,
    callbackUri: op.callbackUri,
    ...(op.kind === 'recognize' ? { participant: op.spec.participant } : {}),
  };
  if (op.kind === 'play') {
    const step = stepPlay(op.phase, op.spec, input as PlayInput);
    const effects = liftEffects(step.effects, {
      input: (fire): MediaInput => ({ type: 'playTimer', id: op.id, input: fire }),
      key: () => op.id,
      emit,
    });
    return {
      op: { ...op, ...started, phase: step.phase },
      finished: step.phase === 'done',
      effects,
    };
  }
  const step = stepRecognize(op.state, op.spec, input as RecognizeInput);
  const effects = liftEffects(step.effects, {
    input: (fire: RecognizeTimerInput): MediaInput => ({
      type: 'recognizeTimer',
      id: op.id,
      input: fire,
    }),
    key: () => op.id,
    emit,
  });
  return {
    op: { ...op, ...started, state: step.state },
    finished: step.state.phase === 'done',
    effects,
  };
}

const isQueued = (op: MediaOp) =>
  op.kind === 'play' ? op.phase === 'queued' : op.state.phase === 'queued';

/** Starts the head of the queue when it is waiting. */
function runHead(queue: MediaOp[], effects: MediaEffect[], now: number): MediaOp[] {
  let rest = queue;
  while (rest[0] && isQueued(rest[0])) {
    const step = stepOp(rest[0], { type: 'start' }, now);
    effects.push(...step.effects);
    rest = step.finished ? rest.slice(1) : [step.op, ...rest.slice(1)];
  }
  return rest;
}

/** Applies `input` to the operation at `index`, drops it when it finished, runs the next. */
function applyAt(
  queue: readonly MediaOp[],
  index: number,
  input: OpInput | RecognizeInput,
  now: number,
): MediaStep {
  const op = queue[index];
  if (!op) return { queue: [...queue], effects: [] };
  const step = stepOp(op, input, now);
  const next = [...queue];
  if (step.finished) next.splice(index, 1);
  else next[index] = step.op;
  const effects = [...step.effects];
  return { queue: runHead(next, effects, now), effects };
}

function endAll(queue: readonly MediaOp[], input: OpInput, now: number): MediaStep {
  const effects = queue.flatMap((op) => stepOp(op, input, now).effects);
  return { queue: [], effects };
}

export function stepMedia(queue: readonly MediaOp[], input: MediaInput, now: number): MediaStep {
  switch (input.type) {
    case 'enqueue': {
      if (!input.interrupt || queue.length === 0) {
        const effects: MediaEffect[] = [];
        return { queue: runHead([...queue, input.op], effects, now), effects };
      }
      // Barge-in: the running operation is canceled; the ones waiting behind it stay queued.
      const [running, ...waiting] = queue as [MediaOp, ...MediaOp[]];
      const effects = stepOp(running, { type: 'cancel' }, now).effects;
      return { queue: runHead([input.op, ...waiting], effects, now), effects };
    }
    case 'playTimer':
    case 'recognizeTimer': {
      const index = queue.findIndex((op) => op.id === input.id);
      if (index < 0) return { queue: [...queue], effects: [] };
      return applyAt(queue, index, input.input, now);
    }
    case 'tone': {
      const head = queue[0];
      if (head?.kind !== 'recognize' || head.spec.participant !== input.participant)
        return { queue: [...queue], effects: [] };
      return applyAt(queue, 0, { type: 'tone', tone: input.tone }, now);
    }
    case 'speech': {
      const head = queue[0];
      if (head?.kind !== 'recognize' || head.spec.participant !== input.participant)
        return { queue: [...queue], effects: [] };
      const { text, confidence, durationMs } = input;
      return applyAt(queue, 0, { type: 'speech', text, confidence, durationMs }, now);
    }
    case 'cancelAll':
      return endAll(queue, { type: 'cancel' }, now);
    case 'callEnded':
      return endAll(queue, { type: 'callEnded' }, now);
  }
}
