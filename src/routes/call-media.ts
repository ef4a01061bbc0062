/** Media operations: continuous DTMF, play, recognize, cancel, and sending DTMF tones. */
import type { Tone } from '../domain/tones.js';
import { newToken } from '../domain/ids.js';
import { errors } from '../http/errors.js';
import type { IdentifierModel } from '../schemas/identifier.js';
import { expectApplied, identifierOf } from './call-lookup.js';
import type { HandlerContext, HandlerTable, Reply } from './handler.js';
import { playOp, recognizeOp, type PlayRequest, type RecognizeRequest } from './media-requests.js';

interface ContinuousDtmfRecognitionRequest {
  targetParticipant: IdentifierModel;
  operationContext?: string;
  operationCallbackUri?: string;
}

interface SendDtmfTonesRequest {
  tones: Tone[];
  targetParticipant: IdentifierModel;
  operationContext?: string;
  operationCallbackUri?: string;
}

/** The docs: "supports sending a maximum of 18 tones at a time". */
export const MAX_SEND_DTMF_TONES = 18;

function continuousDtmf(kind: 'start' | 'stop') {
  return ({ params, body, services }: HandlerContext): Reply => {
    const id = params.callConnectionId as string;
    const request = body as ContinuousDtmfRecognitionRequest;
    const participant = identifierOf(request.targetParticipant, 'targetParticipant').rawId;
    const input = {
      type: kind,
      operationContext: request.operationContext,
      callbackUri: request.operationCallbackUri,
    };
    expectApplied(services, id, services.calls.apply(id, { type: 'dtmf', participant, input }));
    return { status: 200 };
  };
}

export const callMediaHandlers: HandlerTable = {
  CallMedia_StartContinuousDtmfRecognition: continuousDtmf('start'),
  CallMedia_StopContinuousDtmfRecognition: continuousDtmf('stop'),

  CallMedia_Play: ({ params, body, services }) => {
    const id = params.callConnectionId as string;
    const request = body as PlayRequest;
    const now = services.clock.now();
    const op = playOp(request, services.config, now);
    const interrupt = request.interruptCallMediaOperation ?? false;
    const input = { type: 'enqueue' as const, op, interrupt };
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at: now }));
    return { status: 202 };
  },

  CallMedia_Recognize: ({ params, body, services }) => {
    const id = params.callConnectionId as string;
    const request = body as RecognizeRequest;
    const now = services.clock.now();
    const op = recognizeOp(request, services.config, now);
    const interrupt = request.interruptCallMediaOperation ?? false;
    const input = { type: 'enqueue' as const, op, interrupt };
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at: now }));
    return { status: 202 };
  },

  CallMedia_CancelAllMediaOperations: ({ params, services }) => {
    const id = params.callConnectionId as string;
    const input = { type: 'cancelAll' as const };
    const at = services.clock.now();
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at }));
    return { status: 202 };
  },

  CallMedia_SendDtmfTones: ({ params, body, services }) => {
    const id = params.callConnectionId as string;
    const request = body as SendDtmfTonesRequest;
    const target = identifierOf(request.targetParticipant, 'targetParticipant');
    if (request.tones.length === 0) throw errors.invalidBody(['tones must hold at least one tone']);
    if (request.tones.length > MAX_SEND_DTMF_TONES)
      throw errors.tooManyTones(request.tones.length, MAX_SEND_DTMF_TONES);
    if (target.kind !== 'phoneNumber') throw errors.sendDtmfNotPstn(target.rawId);
    const send = {
      id: newToken(),
      participant: target.rawId,
      tones: request.tones,
      operationContext: request.operationContext,
      callbackUri: request.operationCallbackUri,
      at: services.clock.now(),
    };
    const durationMs = request.tones.length * services.config.sendDtmfToneMs;
    const input = { type: 'send' as const, send, durationMs };
    expectApplied(services, id, services.calls.apply(id, { type: 'sendDtmf', input }));
    const reply =
      request.operationContext !== undefined ? { operationContext: request.operationContext } : {};
    return { status: 202, body: reply };
  },
};
