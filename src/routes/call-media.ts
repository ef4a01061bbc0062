/** Media operations: continuous DTMF recognition start and stop. */
import type { IdentifierModel } from '../schemas/identifier.js';
import { expectApplied, identifierOf } from './call-lookup.js';
import type { HandlerContext, HandlerTable, Reply } from './handler.js';

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
    const input =
      kind === 'start'
        ? {
            type: 'start' as const,
            operationContext: request.operationContext,
            callbackUri: request.operationCallbackUri,
          }
        : {
            type: 'stop' as const,
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
};
