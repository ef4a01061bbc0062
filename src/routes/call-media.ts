/** Media operations: continuous DTMF, play, recognize, cancel, and sending DTMF tones. */
import type { IdentifierModel } from '../schemas/identifier.js';
import { expectApplied, identifierOf } from './call-lookup.js';
import type { MediaOp } from '../domain/media-machine.js';
import type { HandlerContext, HandlerTable, Reply, Services } from './handler.js';
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

/** Play and Recognize: build the operation, queue it (or barge in), answer 202. */
function enqueueMedia<R extends { interruptCallMediaOperation?: boolean }>(
  build: (request: R, config: Services['config'], now: number) => MediaOp,
) {
  return ({ params, body, services, failure }: HandlerContext): Reply => {
    const id = params.callConnectionId as string;
    const request = body as R;
    const now = services.clock.now();
    const op = build(request, services.config, now);
    // A failOperation fault: accepted now, failing when the operation reaches the head of the queue.
    if (failure) op.spec = { ...op.spec, failure };
    const input = {
      type: 'enqueue' as const,
      op,
      interrupt: request.interruptCallMediaOperation ?? false,
    };
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at: now }));
    return { status: 202 };
  };
}

export const callMediaHandlers: HandlerTable = {
  CallMedia_StartContinuousDtmfRecognition: continuousDtmf('start'),
  CallMedia_StopContinuousDtmfRecognition: continuousDtmf('stop'),

  CallMedia_Play: enqueueMedia((request: PlayRequest, config, now) => playOp(request, config, now)),
  CallMedia_Recognize: enqueueMedia((request: RecognizeRequest, config, now) =>
    recognizeOp(request, config, now),
  ),

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
