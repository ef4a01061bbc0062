/**
 * The call connection as a pure machine: step(call, input) -> { call, effects } or a rejection.
 * Effects name the events to send and the timers to set or clear; the runtime stores the call,
 * hands events to delivery and runs timers on the clock, feeding their input back here.
 */
import {
  endStreaming,
  startOnConnect,
  stepCallStreaming,
  summarizeCall,
} from './call-streaming.js';
import {
  logTones,
  PRESSED_TONE_MS,
  type Call,
  type EndReason,
  type HeardToneEvent,
} from './call.js';
import { NO_DTMF } from './call-compact.js';
import { DTMF_IDLE, stepDtmf, type DtmfInput } from './dtmf-machine.js';
import { emit, isEmit, liftEffects, type Effect } from './effect.js';
import type { FaultMark, ForcedOutcome } from './forced-outcome.js';
import { stepMedia, type MediaInput } from './media-machine.js';
import {
  participantsUpdated,
  stepParticipants,
  type ParticipantChange,
  type ParticipantsInput,
  type ParticipantsRejection,
} from './participants-machine.js';
import {
  DISCONNECT_RESULTS,
  PARTY_FAILURES,
  type PartyAnswer,
  type ResultInformation,
} from './results.js';
import { stepSendDtmf, type SendDtmfInput } from './send-dtmf-machine.js';
import type { Utterance } from './speech.js';
import type { StreamingInput, StreamKind } from './streaming-machine.js';
import { keyOf, type Tone } from './tones.js';

/**
 * Events to send (to the effect's callbackUri, or the call's when it has none) and timers to set
 * or clear; a timer's input goes back to {@link stepCall} with `at` set to when it fired.
 */
export type CallEffect = Effect<CallInput>;

export type CallInput =
  | { type: 'connected'; at: number }
  /** Connect could not join its call (e.g. a closed room): ConnectFailed, and the call ends. */
  | { type: 'joinFailed'; at: number; result: ResultInformation; fault?: FaultMark }
  | { type: 'end'; reason: EndReason; at: number }
  | { type: 'dtmf'; participant: string; input: DtmfInput }
  /** `fail`: a failTone fault rule turns the continuous-recognition report into ToneFailed. */
  | { type: 'tone'; participant: string; tone: Tone; at: number; fail?: ForcedOutcome }
  | { type: 'media'; input: MediaInput; at: number }
  | { type: 'sendDtmf'; input: SendDtmfInput }
  /** Hold, unhold and mute: the participants' flags change, then ParticipantsUpdated. */
  | { type: 'participantState'; participants: readonly string[]; change: ParticipantChange }
  /** Invitations, removals, parties hanging up, moves (participants-machine.ts). */
  | { type: 'participants'; input: ParticipantsInput; at: number }
  /** The callee of createCall did not take the call. */
  | { type: 'connectFailed'; outcome: Exclude<PartyAnswer, 'accept'>; at: number }
  /** The simulated caller says something: kept in the call, fed to a running recognize. */
  | { type: 'speech'; utterance: Utterance }
  /** Media streaming or transcription: an operation, or what the app's WebSocket did. */
  | { type: 'streaming'; kind: StreamKind; input: StreamingInput }
  | { type: 'summarize'; operationContext?: string; callbackUri?: string };

export type { ParticipantChange } from './participants-machine.js';

export type Rejection =
  { reason: 'ended' } | { reason: 'notConnected'; state: Call['state'] } | ParticipantsRejection;

export type CallStep =
  { ok: true; call: Call; effects: CallEffect[] } | { ok: false; rejection: Rejection };

const fromMedia = (input: MediaInput): CallInput => ({ type: 'media', input, at: 0 });
const fromSendDtmf = (input: SendDtmfInput): CallInput => ({ type: 'sendDtmf', input });
const fromParticipants = (input: ParticipantsInput): CallInput => ({
  type: 'participants',
  input,
  at: 0,
});

const DISCONNECT_RESULT: Record<EndReason, ResultInformation> = {
  hangUp: DISCONNECT_RESULTS.appEnded,
  terminate: DISCONNECT_RESULTS.appEnded,
  transferred: DISCONNECT_RESULTS.appEnded,
  movedAway: DISCONNECT_RESULTS.appEnded,
  remoteHangUp: DISCONNECT_RESULTS.remoteEnded,
  removed: DISCONNECT_RESULTS.removed,
  createFailed: DISCONNECT_RESULTS.remoteEnded,
};
const withContext = (operationContext: string | undefined) =>
  operationContext !== undefined ? { operationContext } : {};

/** The participants an input names that are not in the call. */
function missingParticipants(call: Call, input: CallInput): string[] {
  let named: readonly string[] = [];
  if (input.type === 'dtmf' || input.type === 'tone') named = [input.participant];
  else if (input.type === 'speech') named = [input.utterance.participant];
  else if (input.type === 'participantState') named = input.participants;
  else if (input.type === 'sendDtmf' && input.input.type === 'send')
    named = [input.input.send.participant];
  else if (input.type === 'media' && input.input.type === 'enqueue') {
    const op = input.input.op;
    named = op.kind === 'play' ? op.spec.playTo : [op.spec.participant];
  }
  return named.filter((rawId) => !call.participants.some((p) => p.identifier.rawId === rawId));
}

function endCall(
  call: Call,
  reason: EndReason,
  at: number,
  before: readonly CallEffect[] = [],
): CallStep {
  // Running operations end first, each with its event, then the call reports its disconnection.
  // Timers need no cancelling: the runtime drops every timer of an ended call.
  const effects: CallEffect[] = [
    ...before,
    ...stepMedia(call.media ?? [], { type: 'callEnded' }, at).effects.filter(isEmit),
  ];
  for (const participant of call.participants) {
    const rawId = participant.identifier.rawId;
    const state = call.dtmf[rawId] ?? DTMF_IDLE;
    const step = stepDtmf(state, { type: 'callEnded' });
    effects.push(
      ...liftEffects(step.effects, {
        input: (timer: never) => timer,
        emit: { participant: rawId },
      }),
    );
  }
  const sends = stepSendDtmf(call.sentDtmf ?? [], { type: 'callEnded' });
  effects.push(...sends.effects.filter(isEmit));
  const streams = endStreaming(call);
  effects.push(...streams.effects);
  effects.push(
    emit('CallDisconnected', {
      ...withContext(call.operationContext),
      resultInformation: DISCONNECT_RESULT[reason],
    }),
  );
  return {
    ok: true,
    call: {
      ...streams.call,
      state: 'disconnected',
      dtmf: NO_DTMF,
      media: undefined,
      ...(call.sentDtmf ? { sentDtmf: sends.sends } : {}),
      endedAt: at,
      endedBy: reason,
    },
    effects,
  };
}

/**
 * A pressed tone: reported to continuous recognition (ToneReceived with the next sequenceId, or
 * ToneFailed when a failTone rule says so) and fed to a running recognize. A failed tone still
 * uses up its sequenceId, so the app sees the gap the swagger's sequenceId exists to show ("if
 * any tones were missed"); ToneFailed itself has no sequenceId field.
 */
function pressTone(
  call: Call,
  participant: string,
  tone: Tone,
  at: number,
  fail: ForcedOutcome | undefined,
): CallStep {
  const effects: CallEffect[] = [];
  let toneSequence = call.toneSequence;
  const continuous = call.dtmf[participant] ?? DTMF_IDLE;
  if (continuous.status === 'active') {
    toneSequence = (toneSequence ?? 0) + 1;
    const event = fail
      ? 'ContinuousDtmfRecognitionToneFailed'
      : 'ContinuousDtmfRecognitionToneReceived';
    effects.push(
      emit(event, {
        ...withContext(continuous.operationContext),
        ...(continuous.callbackUri !== undefined ? { callbackUri: continuous.callbackUri } : {}),
        participant,
        ...(fail
          ? { resultInformation: fail.resultInformation, fault: fail.fault }
          : { data: { tone, sequenceId: toneSequence } }),
      }),
    );
  }
  const media = stepMedia(call.media ?? [], { type: 'tone', participant, tone }, at);
  effects.push(...liftEffects(media.effects, { input: fromMedia }));
  return {
    ok: true,
    call: {
      ...call,
      ...(toneSequence !== undefined ? { toneSequence } : {}),
      tonesPressed: (call.tonesPressed ?? '') + keyOf(tone),
      toneLog: logTones(call.toneLog, [
        { key: keyOf(tone), participant, source: 'caller', at, durationMs: PRESSED_TONE_MS },
      ]),
      media: media.queue.length > 0 ? media.queue : undefined,
    },
    effects,
  };
}

/** An utterance is kept (transcripts and summaries read it) and heard by a running recognize. */
function speak(call: Call, utterance: Utterance): CallStep {
  const { participant, text, confidence, durationMs } = utterance;
  const media = stepMedia(
    call.media ?? [],
    { type: 'speech', participant, text, confidence, durationMs },
    utterance.at,
  );
  return {
    ok: true,
    call: {
      ...call,
      utterances: [...(call.utterances ?? []), utterance],
      media: media.queue.length > 0 ? media.queue : undefined,
    },
    effects: liftEffects(media.effects, { input: fromMedia }),
  };
}

/** The tones a send plays, one after another over its duration (none when a fault fails it). */
function sentTones(input: SendDtmfInput): HeardToneEvent[] {
  if (input.type !== 'send' || input.send.failure || input.send.tones.length === 0) return [];
  const each = input.durationMs / input.send.tones.length;
  return input.send.tones.map((tone, i) => ({
    key: keyOf(tone),
    participant: input.send.participant,
    source: 'app' as const,
    at: input.send.at + i * each,
    durationMs: Math.min(each, PRESSED_TONE_MS),
  }));
}

/** Steps the call; every event it emits names its destination (the call's callbackUri by default). */
export function stepCall(call: Call, input: CallInput): CallStep {
  const step = stepCallState(call, input);
  if (!step.ok) return step;
  return {
    ...step,
    effects: liftEffects(step.effects, {
      input: (timer: CallInput) => timer,
      emit: { callbackUri: call.callbackUri },
    }),
  };
}

/** A participants step; when it leaves nobody on the other end, the call ends after its events. */
function stepWho(call: Call, input: ParticipantsInput, at: number): CallStep {
  const step = stepParticipants(call, input, at);
  if (!step.ok) return step;
  const effects = liftEffects(step.effects, { input: fromParticipants });
  if (step.end !== undefined) return endCall(step.call, step.end, at, effects);
  return { ok: true, call: step.call, effects };
}

function stepCallState(call: Call, input: CallInput): CallStep {
  if (call.state === 'disconnected') return { ok: false, rejection: { reason: 'ended' } };
  if (input.type === 'connected') {
    if (call.state === 'connected') return { ok: true, call, effects: [] };
    const updated = participantsUpdated(
      startOnConnect({ ...call, state: 'connected', connectedAt: input.at }),
    );
    return {
      ok: true,
      call: updated.call,
      effects: [emit('CallConnected', withContext(call.operationContext)), updated.effect],
    };
  }
  if (input.type === 'joinFailed') {
    if (call.state !== 'connecting') return { ok: true, call, effects: [] };
    return {
      ok: true,
      call: { ...call, state: 'disconnected', endedAt: input.at },
      effects: [
        emit('ConnectFailed', {
          ...withContext(call.operationContext),
          resultInformation: input.result,
          ...(input.fault ? { fault: input.fault } : {}),
        }),
      ],
    };
  }
  if (input.type === 'end') return endCall(call, input.reason, input.at);
  if (input.type === 'connectFailed') {
    if (call.state === 'connected') return { ok: true, call, effects: [] };
    return {
      ok: true,
      call: { ...call, state: 'disconnected', endedAt: input.at, endedBy: 'createFailed' },
      effects: [
        emit('CreateCallFailed', {
          ...withContext(call.operationContext),
          resultInformation: PARTY_FAILURES[input.outcome],
        }),
      ],
    };
  }
  if (call.state !== 'connected')
    return { ok: false, rejection: { reason: 'notConnected', state: call.state } };
  const missing = missingParticipants(call, input)[0];
  if (missing !== undefined)
    return { ok: false, rejection: { reason: 'participantNotFound', participant: missing } };
  switch (input.type) {
    case 'dtmf': {
      const step = stepDtmf(call.dtmf[input.participant] ?? DTMF_IDLE, input.input);
      const effects = liftEffects(step.effects, {
        input: (timer: never) => timer,
        emit: { participant: input.participant },
      });
      return {
        ok: true,
        call: { ...call, dtmf: { ...call.dtmf, [input.participant]: step.state } },
        effects,
      };
    }
    case 'tone':
      return pressTone(call, input.participant, input.tone, input.at, input.fail);
    case 'media': {
      const step = stepMedia(call.media ?? [], input.input, input.at);
      return {
        ok: true,
        call: { ...call, media: step.queue.length > 0 ? step.queue : undefined },
        effects: liftEffects(step.effects, { input: fromMedia }),
      };
    }
    case 'participantState':
      return stepWho(
        call,
        { type: 'change', participants: input.participants, change: input.change },
        0,
      );
    case 'participants':
      return stepWho(call, input.input, input.at);
    case 'sendDtmf': {
      const step = stepSendDtmf(call.sentDtmf ?? [], input.input);
      const effects = liftEffects(step.effects, { input: fromSendDtmf });
      const sent = sentTones(input.input);
      return {
        ok: true,
        call: {
          ...call,
          sentDtmf: step.sends,
          ...(sent.length > 0 ? { toneLog: logTones(call.toneLog, sent) } : {}),
        },
        effects,
      };
    }
    case 'speech':
      return speak(call, input.utterance);
    case 'streaming': {
      const step = stepCallStreaming(call, input.kind, input.input);
      return { ok: true, call: step.call, effects: step.effects };
    }
    case 'summarize':
      return { ok: true, call, effects: [summarizeCall(call, input)] };
  }
}
