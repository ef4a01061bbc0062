/**
 * The call's media queue as a pure machine. Play and Recognize run one at a time in request order;
 * `interruptCallMediaOperation` cancels the running one and jumps the queue. A tone from the
 * recognize's target feeds the running recognize. Timers are effects keyed by operation id.
 */
import type { EventName, ResultInformation } from '../events/catalogue.js';
import type { FaultMark } from '../faults/fault-rule.js';
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
  | { type: 'cancelAll' }
  | { type: 'callEnded' };

export type MediaEffect =
  | {
      type: 'emit';
      event: EventName;
      operationContext?: string;
      callbackUri?: string;
      result?: ResultInformation;
      data?: Record<string, unknown>;
      /** Raw id of the participant the event is about (a recognize's target). */
      participant?: string;
      /** The fault rule that forced this event. */
      fault?: FaultMark;
    }
  | { type: 'schedule'; key: string; ms: number; fire: MediaInput }
  | { type: 'cancel'; key: string };

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

/** A play or recognize timer becomes the queue's schedule (or cancel), keyed by the op id. */
function timerEffect<F>(
  id: string,
  effect: { type: 'timer'; ms: number; fire: F } | { type: 'clearTimer' },
  wrap: (fire: F) => MediaInput,
): MediaEffect {
  return effect.type === 'timer'
    ? { type: 'schedule', key: id, ms: effect.ms, fire: wrap(effect.fire) }
    : { type: 'cancel', key: id };
}

function stepOp(op: MediaOp, input: OpInput | RecognizeInput, now: number): OpStep {
  const effects: MediaEffect[] = [];
  const context = { operationContext: op.operationContext, callbackUri: op.callbackUri };
  const started = input.type === 'start' ? { startedAt: now } : {};
  if (op.kind === 'play') {
    const step = stepPlay(op.phase, op.spec, input as PlayInput);
    let finished = false;
    for (const effect of step.effects) {
      if (effect.type === 'timer' || effect.type === 'clearTimer')
        effects.push(
          timerEffect(op.id, effect, (fire) => ({ type: 'playTimer', id: op.id, input: fire })),
        );
      else if (effect.type === 'emit')
        effects.push({
          type: 'emit',
          event: effect.event,
          result: effect.result,
          ...(effect.fault ? { fault: effect.fault } : {}),
          ...context,
        });
      else finished = true;
    }
    return { op: { ...op, ...started, phase: step.phase }, finished, effects };
  }
  const step = stepRecognize(op.state, op.spec, input as RecognizeInput);
  for (const effect of step.effects) {
    if (effect.type === 'timer' || effect.type === 'clearTimer')
      effects.push(
        timerEffect(op.id, effect, (fire) => ({ type: 'recognizeTimer', id: op.id, input: fire })),
      );
    else
      effects.push({
        type: 'emit',
        event: effect.event,
        result: effect.result,
        data: effect.data,
        participant: op.spec.participant,
        ...(effect.fault ? { fault: effect.fault } : {}),
        ...context,
      });
  }
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
    case 'cancelAll':
      return endAll(queue, { type: 'cancel' }, now);
    case 'callEnded':
      return endAll(queue, { type: 'callEnded' }, now);
  }
}
