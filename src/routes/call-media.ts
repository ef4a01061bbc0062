/** Media operations: continuous DTMF, play, recognize, cancel, and sending DTMF tones. */
import type { IdentifierModel } from '../schemas/identifier.js';
import { expectApplied, identifierOf } from './call-lookup.js';
import type { HandlerContext, HandlerTable, Reply } from './handler.js';
import {
  playOp,
  recognizeOp,
  sendDtmfInput,
  type PlayRequest,
  type RecognizeRequest,
  type SendDtmfTonesRequest,
} from './media-requests.js';

interface ContinuousDtmfRecognitionRequest {
  targetParticipant: IdentifierModel;
  operationContext?: string;
  operationCallbackUri?: string;
}

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

  CallMedia_Play: ({ params, body, services, failure }) => {
    const id = params.callConnectionId as string;
    const request = body as PlayRequest;
    const now = services.clock.now();
    const op = playOp(request, services.config, now);
    if (failure) op.spec = { ...op.spec, failure };
    const interrupt = request.interruptCallMediaOperation ?? false;
    const input = { type: 'enqueue' as const, op, interrupt };
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at: now }));
    return { status: 202 };
  },

  CallMedia_Recognize: ({ params, body, services, failure }) => {
    const id = params.callConnectionId as string;
    const request = body as RecognizeRequest;
    const now = services.clock.now();
    const op = recognizeOp(request, services.config, now);
    if (failure) op.spec = { ...op.spec, failure };
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

  CallMedia_SendDtmfTones: ({ params, body, services, failure }) => {
    const id = params.callConnectionId as string;
    const request = body as SendDtmfTonesRequest;
    const input = sendDtmfInput(request, services.config, services.clock.now());
    if (failure && input.type === 'send') input.send = { ...input.send, failure };
    expectApplied(services, id, services.calls.apply(id, { type: 'sendDtmf', input }));
    const { operationContext } = request;
    return { status: 202, body: operationContext !== undefined ? { operationContext } : {} };
  },
};
