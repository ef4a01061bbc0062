/** CreateCall, GetCall, HangupCall and TerminateCall. */
import type { Call, EndReason } from '../domain/call.js';
import { newGuid, newServerCallId } from '../domain/ids.js';
import { resourceIdentity } from '../domain/resource-identity.js';
import { errors } from '../http/errors.js';
import { expectApplied, identifierOf, requireCall } from './call-lookup.js';
import { callSetupFields } from './call-setup-options.js';
import { callConnectionProperties } from './call-view.js';
import type { Handler, HandlerTable } from './handler.js';

/** Hang-up (the app leaves a two-party call, so it ends) and terminate (for everyone) both end the call. */
function endCall(
  reason: EndReason,
): Handler<'CallConnection_HangupCall' | 'CallConnection_TerminateCall'> {
  return ({ params, services }) => {
    const id = params.callConnectionId as string;
    expectApplied(
      services,
      id,
      services.calls.apply(id, { type: 'end', reason, at: services.clock.now() }),
    );
  };
}

export const callConnectionHandlers: HandlerTable = {
  CreateCall: ({ body: request, apiVersion, services }) => {
    if (request.targets.length === 0)
      throw errors.invalidBody(['targets must contain at least one participant']);
    const { maxParticipants } = services.config;
    if (request.targets.length > maxParticipants) {
      throw errors.participantLimitReached(request.targets.length, maxParticipants);
    }
    const targets = request.targets.map((t, i) => identifierOf(t, `targets[${i}]`));
    const self = request.source
      ? identifierOf({ communicationUser: request.source }, 'source')
      : resourceIdentity(services.config.acsResourceId);
    const callee = targets[0] as (typeof targets)[number];
    const setup = callSetupFields(request);
    const admitted = services.calls.network.dial(
      (): Call => ({
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
        participants: targets.map((identifier) => ({
          identifier,
          isMuted: false,
          isOnHold: false,
        })),
        self,
        dtmf: {},
        ...setup,
        createdAt: services.clock.now(),
      }),
      callee,
    );
    if (!admitted.ok) throw errors.callLimitReached(admitted.limit);
    return { body: callConnectionProperties(admitted.call) };
  },

  CallConnection_GetCall: ({ params, services }) => ({
    body: callConnectionProperties(requireCall(services, params.callConnectionId as string)),
  }),

  CallConnection_HangupCall: endCall('hangUp'),
  CallConnection_TerminateCall: endCall('terminate'),
};
