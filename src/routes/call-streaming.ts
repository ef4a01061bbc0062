/**
 * Media streaming and live transcription operations: start, stop, update, summarize. The call
 * machine keeps the subscription and sends the events; the WebSocket is dialled by the streaming
 * hub once a subscription is `starting` (Started or Failed follows when the app's server answers).
 */
import type { Call } from '../domain/call.js';
import type { StreamingInput, StreamKind } from '../domain/streaming-machine.js';
import { errors } from '../http/errors.js';
import { expectApplied, requireCall } from './call-lookup.js';
import { requireCognitiveServices } from './cognitive-services.js';
import type { HandlerTable, Services } from './handler.js';

interface OperationFields {
  operationContext?: string;
  operationCallbackUri?: string;
}

const subscriptionOf = (call: Call, kind: StreamKind) =>
  kind === 'media' ? call.mediaStreaming : call.transcription;

const requestFields = (request: OperationFields) => ({
  ...(request.operationContext !== undefined ? { operationContext: request.operationContext } : {}),
  ...(request.operationCallbackUri !== undefined
    ? { callbackUri: request.operationCallbackUri }
    : {}),
});

function apply(services: Services, id: string, kind: StreamKind, input: StreamingInput): void {
  expectApplied(services, id, services.calls.apply(id, { type: 'streaming', kind, input }));
}

function start(services: Services, id: string, kind: StreamKind, input: StreamingInput): void {
  if (kind === 'transcription') requireCognitiveServices(services, id, 'Transcription');
  const call = requireCall(services, id);
  const sub = subscriptionOf(call, kind);
  if (sub?.setup.transportUrl === undefined) throw errors.streamingUrlNotSet(kind);
  if (sub.state !== 'inactive') throw errors.streamingAlreadyStarted(kind, id);
  apply(services, id, kind, input);
}

/** Stopping what is not running is accepted without an event, as stopping continuous DTMF is. */
function stop(services: Services, id: string, kind: StreamKind, request: OperationFields): void {
  const call = requireCall(services, id);
  if (!subscriptionOf(call, kind)) throw errors.streamingUrlNotSet(kind);
  apply(services, id, kind, { type: 'stop', ...requestFields(request) });
}

export const callStreamingHandlers: HandlerTable = {
  CallMedia_StartMediaStreaming: ({ params, body, services }) =>
    start(services, params.callConnectionId as string, 'media', {
      type: 'start',
      ...requestFields(body),
    }),
  CallMedia_StopMediaStreaming: ({ params, body, services }) =>
    stop(services, params.callConnectionId as string, 'media', body),

  CallMedia_StartTranscription: ({ params, body, services }) =>
    start(services, params.callConnectionId as string, 'transcription', {
      type: 'start',
      ...requestFields(body),
      ...(body.locale !== undefined ? { locale: body.locale } : {}),
    }),
  CallMedia_StopTranscription: ({ params, body, services }) =>
    stop(services, params.callConnectionId as string, 'transcription', body),
  CallMedia_UpdateTranscription: ({ params, body, services }) => {
    const id = params.callConnectionId as string;
    requireCognitiveServices(services, id, 'Transcription');
    const sub = requireCall(services, id).transcription;
    if (sub?.state !== 'active') throw errors.transcriptionNotStarted(id);
    apply(services, id, 'transcription', {
      type: 'update',
      ...requestFields(body),
      ...(body.locale !== undefined ? { locale: body.locale } : {}),
    });
  },

  CallMedia_SummarizeCall: ({ params, body, services }) => {
    const id = params.callConnectionId as string;
    requireCognitiveServices(services, id, 'Call summarization');
    const input = { type: 'summarize' as const, ...requestFields(body) };
    expectApplied(services, id, services.calls.apply(id, input));
  },
};
