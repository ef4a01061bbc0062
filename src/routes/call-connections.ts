/** CreateCall, GetCall, HangupCall and TerminateCall. */
import type { Call } from '../domain/call.js';
import { newGuid, newServerCallId } from '../domain/ids.js';
import { errors } from '../http/errors.js';
import type { IdentifierModel } from '../schemas/identifier.js';
import { expectApplied, identifierOf, requireCall } from './call-lookup.js';
import { callConnectionProperties } from './call-view.js';
import type { HandlerTable } from './handler.js';

interface CreateCallRequest {
  targets: IdentifierModel[];
  callbackUri: string;
  operationContext?: string;
  source?: { id: string };
  sourceCallerIdNumber?: Call['sourceCallerIdNumber'];
  sourceDisplayName?: string;
}

export const callConnectionHandlers: HandlerTable = {
  CreateCall: ({ body, apiVersion, services }) => {
    const request = body as CreateCallRequest;
    if (request.targets.length === 0)
      throw errors.invalidBody(['targets must contain at least one participant']);
    const targets = request.targets.map((t, i) => identifierOf(t, `targets[${i}]`));
    const call: Call = {
      callConnectionId: newGuid(),
      serverCallId: newServerCallId(),
      correlationId: newGuid(),
      state: 'connecting',
      callbackUri: request.callbackUri,
      apiVersion,
      operationContext: request.operationContext,
      source: request.source && {
        kind: 'communicationUser',
        rawId: request.source.id,
        communicationUser: request.source,
      },
      sourceCallerIdNumber: request.sourceCallerIdNumber,
      sourceDisplayName: request.sourceDisplayName,
      targets,
      participants: targets.map((identifier) => ({ identifier, isMuted: false, isOnHold: false })),
      dtmf: {},
      createdAt: services.clock.now(),
    };
    services.calls.create(call);
    return { status: 201, body: callConnectionProperties(call) };
  },

  CallConnection_GetCall: ({ params, services }) => ({
    status: 200,
    body: callConnectionProperties(requireCall(services, params.callConnectionId as string)),
  }),

  CallConnection_HangupCall: ({ params, services }) => {
    const id = params.callConnectionId as string;
    expectApplied(
      services,
      id,
      services.calls.apply(id, { type: 'end', reason: 'hangUp', at: services.clock.now() }),
    );
    return { status: 204 };
  },

  CallConnection_TerminateCall: ({ params, services }) => {
    const id = params.callConnectionId as string;
    expectApplied(
      services,
      id,
      services.calls.apply(id, { type: 'end', reason: 'terminate', at: services.clock.now() }),
    );
    return { status: 204 };
  },
};
