/** Media operations: continuous DTMF, play, recognize, cancel, and sending DTMF tones. */
import { expectApplied, identifierOf } from './call-lookup.js';
import type { MediaOp } from '../domain/media-machine.js';
import { requireCognitiveServices, speechFeature } from './cognitive-services.js';
import type { Handler, HandlerContext, HandlerTable, Services } from './handler.js';
import { playOp, recognizeOp, sendDtmfInput } from './media-requests.js';

function continuousDtmf(
  kind: 'start' | 'stop',
): Handler<'CallMedia_StartContinuousDtmfRecognition' | 'CallMedia_StopContinuousDtmfRecognition'> {
  return ({ params, body: request, services }) => {
    const id = params.callConnectionId as string;
    const participant = identifierOf(request.targetParticipant, 'targetParticipant').rawId;
    const input = {
      type: kind,
      operationContext: request.operationContext,
      callbackUri: request.operationCallbackUri,
    };
    expectApplied(services, id, services.calls.apply(id, { type: 'dtmf', participant, input }));
  };
}

/** Play and Recognize: build the operation, queue it (or barge in); the table answers 202. */
function enqueueMedia<R extends { interruptCallMediaOperation?: boolean }>(
  build: (request: R, config: Services['config'], now: number) => MediaOp,
) {
  return ({ params, body: request, services, failure }: HandlerContext<R>): void => {
    const id = params.callConnectionId as string;
    const now = services.clock.now();
    const op = build(request, services.config, now);
    requireCognitiveServices(services, id, speechFeature(request));
    // A failOperation fault: accepted now, failing when the operation reaches the head of the queue.
    if (failure) op.spec = { ...op.spec, failure };
    const input = {
      type: 'enqueue' as const,
      op,
      interrupt: request.interruptCallMediaOperation ?? false,
    };
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at: now }));
  };
}

export const callMediaHandlers: HandlerTable = {
  CallMedia_StartContinuousDtmfRecognition: continuousDtmf('start'),
  CallMedia_StopContinuousDtmfRecognition: continuousDtmf('stop'),

  CallMedia_Play: enqueueMedia(playOp),
  CallMedia_Recognize: enqueueMedia(recognizeOp),

  CallMedia_CancelAllMediaOperations: ({ params, services }) => {
    const id = params.callConnectionId as string;
    const input = { type: 'cancelAll' as const };
    const at = services.clock.now();
    expectApplied(services, id, services.calls.apply(id, { type: 'media', input, at }));
  },

  CallMedia_SendDtmfTones: ({ params, body: request, services, failure }) => {
    const id = params.callConnectionId as string;
    const input = sendDtmfInput(request, services.config, services.clock.now());
    if (failure && input.type === 'send') input.send = { ...input.send, failure };
    expectApplied(services, id, services.calls.apply(id, { type: 'sendDtmf', input }));
    const { operationContext } = request;
    return { body: operationContext !== undefined ? { operationContext } : {} };
  },
};
