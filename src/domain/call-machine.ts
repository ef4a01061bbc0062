/**
 * The call connection as a pure machine: step(call, input) -> { call, effects } or a rejection.
 * Effects name the events to send and the timers to set or clear; the runtime stores the call,
 * hands events to delivery and runs timers on the clock, feeding their input back here.
 */
import type { Call } from './call.js';
import type { EndReason } from './call.js';
import { DTMF_IDLE, stepDtmf, type DtmfInput } from './dtmf-machine.js';
import { stepMedia, type MediaEffect, type MediaInput } from './media-machine.js';
import { stepSendDtmf, type DtmfSend, type SendDtmfInput } from './send-dtmf-machine.js';
import { keyOf, type Tone } from './tones.js';
import type { EventName, ResultInformation } from '../events/catalogue.js';
import type { FaultMark, InjectedFailure } from '../faults/fault-rule.js';

export interface EmitEffect {
  type: 'emit';
  event: EventName;
  operationContext?: string;
  /** Where to send it; the call's callbackUri when the operation gave no override. */
  callbackUri: string;
  resultInformation?: ResultInformation;
  /** Event-specific data fields (tone, sequenceId, dtmfResult, ...). */
  extra?: Record<string, unknown>;
  /** Raw id of the participant the event is about, when it is about one (fault rules match it). */
  participant?: string;
  /** The fault rule that forced this event (failOperation, failTone). */
  fault?: FaultMark;
}

/**
 * Sets (or replaces) the call's timer `key`; when it fires, `input` is applied to the call with its
 * `at` set to the time it fired.
 */
export interface ScheduleEffect {
  type: 'schedule';
  key: string;
  ms: number;
  input: CallInput;
}

export interface CancelEffect {
  type: 'cancel';
  key: string;
}

export type CallEffect = EmitEffect | ScheduleEffect | CancelEffect;

export type CallInput =
  | { type: 'connected'; at: number }
  | { type: 'end'; reason: EndReason; at: number }
  | { type: 'dtmf'; participant: string; input: DtmfInput }
  /** `fail`: a failTone fault rule turns the continuous-recognition report into ToneFailed. */
  | { type: 'tone'; participant: string; tone: Tone; at: number; fail?: InjectedFailure }
  | { type: 'media'; input: MediaInput; at: number }
  | { type: 'sendDtmf'; input: SendDtmfInput }
  /** Hold, unhold and mute: the participants' flags change; the service sends no event on success. */
  | { type: 'participantState'; participants: readonly string[]; change: ParticipantChange };

export interface ParticipantChange {
  isOnHold?: boolean;
  isMuted?: boolean;
}

export type Rejection =
  | { reason: 'ended' }
  | { reason: 'notConnected'; state: Call['state'] }
  | { reason: 'participantNotFound'; participant: string };

export type CallStep =
  { ok: true; call: Call; effects: CallEffect[] } | { ok: false; rejection: Rejection };

const emit = (
  call: Call,
  event: EventName,
  operationContext?: string,
  callbackUri?: string,
): EmitEffect => ({
  type: 'emit',
  event,
  operationContext,
  callbackUri: callbackUri ?? call.callbackUri,
});

function mediaEffects(call: Call, effects: readonly MediaEffect[]): CallEffect[] {
  return effects.map((e): CallEffect => {
    if (e.type === 'schedule')
      return {
        type: 'schedule',
        key: e.key,
        ms: e.ms,
        input: { type: 'media', input: e.fire, at: 0 },
      };
    if (e.type === 'cancel') return e;
    return {
      ...emit(call, e.event, e.operationContext, e.callbackUri),
      resultInformation: e.result,
      extra: e.data,
      ...(e.participant !== undefined ? { participant: e.participant } : {}),
      ...(e.fault ? { fault: e.fault } : {}),
    };
  });
}

/** The participants an input names that are not in the call. */
function missingParticipants(call: Call, input: CallInput): string[] {
  let named: readonly string[] = [];
  if (input.type === 'dtmf' || input.type === 'tone') named = [input.participant];
  else if (input.type === 'participantState') named = input.participants;
  else if (input.type === 'sendDtmf' && input.input.type === 'send')
    named = [input.input.send.participant];
  else if (input.type === 'media' && input.input.type === 'enqueue') {
    const op = input.input.op;
    named = op.kind === 'play' ? op.spec.playTo : [op.spec.participant];
  }
  return named.filter((rawId) => !call.participants.some((p) => p.identifier.rawId === rawId));
}

function sendEvent(call: Call, event: EventName, send: DtmfSend): EmitEffect {
  return {
    ...emit(call, event, send.operationContext, send.callbackUri),
    participant: send.participant,
    ...(send.failure
      ? { resultInformation: send.failure.resultInformation, fault: send.failure.fault }
      : {}),
  };
}

function endCall(call: Call, reason: EndReason, at: number): CallStep {
  // Running operations end first, each with its event, then the call reports its disconnection.
  const effects: CallEffect[] = mediaEffects(
    call,
    stepMedia(call.media ?? [], { type: 'callEnded' }, at).effects,
  ).filter((e) => e.type === 'emit');
  for (const participant of call.participants) {
    const state = call.dtmf[participant.identifier.rawId] ?? DTMF_IDLE;
    for (const effect of stepDtmf(state, { type: 'callEnded' }).effects) {
      effects.push({
        ...emit(
          call,
          'ContinuousDtmfRecognitionStopped',
          effect.operationContext,
          effect.callbackUri,
        ),
        participant: participant.identifier.rawId,
      });
    }
  }
  const sends = stepSendDtmf(call.sentDtmf ?? [], { type: 'callEnded' });
  for (const effect of sends.effects) {
    if (effect.type === 'emit') effects.push(sendEvent(call, effect.event, effect.send));
  }
  effects.push(emit(call, 'CallDisconnected', call.operationContext));
  return {
    ok: true,
    call: {
      ...call,
      state: 'disconnected',
      dtmf: {},
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
  fail: InjectedFailure | undefined,
): CallStep {
  const effects: CallEffect[] = [];
  let toneSequence = call.toneSequence;
  const continuous = call.dtmf[participant] ?? DTMF_IDLE;
  if (continuous.status === 'active') {
    toneSequence = (toneSequence ?? 0) + 1;
    const event = fail
      ? 'ContinuousDtmfRecognitionToneFailed'
      : 'ContinuousDtmfRecognitionToneReceived';
    effects.push({
      ...emit(call, event, continuous.operationContext, continuous.callbackUri),
      participant,
      ...(fail
        ? { resultInformation: fail.resultInformation, fault: fail.fault }
        : { extra: { tone, sequenceId: toneSequence } }),
    });
  }
  const media = stepMedia(call.media ?? [], { type: 'tone', participant, tone }, at);
  effects.push(...mediaEffects(call, media.effects));
  return {
    ok: true,
    call: {
      ...call,
      ...(toneSequence !== undefined ? { toneSequence } : {}),
      tonesPressed: (call.tonesPressed ?? '') + keyOf(tone),
      media: media.queue.length > 0 ? media.queue : undefined,
    },
    effects,
  };
}

export function stepCall(call: Call, input: CallInput): CallStep {
  if (call.state === 'disconnected') return { ok: false, rejection: { reason: 'ended' } };
  if (input.type === 'connected') {
    if (call.state === 'connected') return { ok: true, call, effects: [] };
    return {
      ok: true,
      call: { ...call, state: 'connected', connectedAt: input.at },
      effects: [emit(call, 'CallConnected', call.operationContext)],
    };
  }
  if (input.type === 'end') return endCall(call, input.reason, input.at);
  if (call.state !== 'connected')
    return { ok: false, rejection: { reason: 'notConnected', state: call.state } };
  const missing = missingParticipants(call, input)[0];
  if (missing !== undefined)
    return { ok: false, rejection: { reason: 'participantNotFound', participant: missing } };
  switch (input.type) {
    case 'dtmf': {
      const step = stepDtmf(call.dtmf[input.participant] ?? DTMF_IDLE, input.input);
      const effects = step.effects.map((e) => ({
        ...emit(call, 'ContinuousDtmfRecognitionStopped', e.operationContext, e.callbackUri),
        participant: input.participant,
      }));
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
        effects: mediaEffects(call, step.effects),
      };
    }
    case 'participantState': {
      const participants = call.participants.map((p) =>
        input.participants.includes(p.identifier.rawId) ? { ...p, ...input.change } : p,
      );
      return { ok: true, call: { ...call, participants }, effects: [] };
    }
    case 'sendDtmf': {
      const step = stepSendDtmf(call.sentDtmf ?? [], input.input);
      const effects = step.effects.map((e): CallEffect =>
        e.type === 'schedule'
          ? { type: 'schedule', key: e.key, ms: e.ms, input: { type: 'sendDtmf', input: e.fire } }
          : sendEvent(call, e.event, e.send),
      );
      return { ok: true, call: { ...call, sentDtmf: step.sends }, effects };
    }
  }
}
