/** AnswerCall, RejectCall and RedirectCall: what the app does with an incoming call. */
import type { Call } from '../domain/call.js';
import { newGuid } from '../domain/ids.js';
import { resourceIdentity } from '../domain/resource-identity.js';
import type { IncomingAction, IncomingCall } from '../domain/incoming-calls.js';
import { errors } from '../http/errors.js';
import type { AnswerCallRequest } from '../schemas/generated/request-bodies.js';
import { identifierOf } from './call-lookup.js';
import { callSetupFields } from './call-setup-options.js';
import { callConnectionProperties } from './call-view.js';
import type { HandlerTable, Services } from './handler.js';

/** Takes the ringing incoming call or throws the catalogue error saying why it cannot be taken. */
function take(services: Services, context: string, action: IncomingAction): IncomingCall {
  const result = services.calls.incoming.take(context, action, services.clock.now());
  if (result.ok) return result.incoming;
  if (result.reason === 'unknown') throw errors.incomingCallUnknown(context);
  if (result.reason === 'expired')
    throw errors.incomingCallExpired(context, services.config.incomingCallTimeoutMs);
  throw errors.incomingCallHandled(
    context,
    result.incoming.status,
    result.incoming.callConnectionId,
  );
}

function answeredCall(
  incoming: IncomingCall,
  request: AnswerCallRequest,
  callConnectionId: string,
  apiVersion: string,
  now: number,
  resourceId: string,
  setup: ReturnType<typeof callSetupFields>,
): Call {
  const phone = incoming.to.model.phoneNumber;
  // Recorded: an answered PSTN call shows the caller's number as its display name.
  const callerNumber = incoming.from.model.phoneNumber?.value;
  // An answered PSTN call lists the resource's own identity, which is also its target.
  const self = resourceIdentity(resourceId);
  return {
    callConnectionId,
    serverCallId: incoming.serverCallId,
    correlationId: incoming.correlationId,
    state: 'connecting',
    callbackUri: request.callbackUri,
    apiVersion,
    operationContext: request.operationContext,
    source: incoming.from.model,
    sourceDisplayName: callerNumber ?? incoming.callerDisplayName ?? '',
    targets: [phone ? self : incoming.to],
    participants: [{ identifier: incoming.from, isMuted: false, isOnHold: false }],
    self,
    dtmf: {},
    ...(phone
      ? { answeredFor: { value: phone.value, isAnonymous: phone.isAnonymous ?? false } }
      : {}),
    ...(request.answeredBy ? { answeredBy: request.answeredBy } : {}),
    incomingCallContext: incoming.incomingCallContext,
    ...setup,
    createdAt: now,
  };
}

export const incomingCallHandlers: HandlerTable = {
  AnswerCall: ({ body: request, apiVersion, services }) => {
    // Room under --max-calls is made before the incoming call is taken, so a refused answer
    // leaves it ringing; so is a body whose media setup is refused.
    const setup = callSetupFields(request);
    let taken: IncomingCall | undefined;
    const admitted = services.calls.admit(() => {
      const callConnectionId = newGuid();
      taken = take(services, request.incomingCallContext, { type: 'answer', callConnectionId });
      const now = services.clock.now();
      const resourceId = services.config.acsResourceId;
      return answeredCall(taken, request, callConnectionId, apiVersion, now, resourceId, setup);
    });
    if (!admitted.ok) throw errors.callLimitReached(admitted.limit);
    if (taken) services.calls.network.incomingTaken(taken);
    return { body: callConnectionProperties(admitted.call) };
  },

  RejectCall: ({ body: request, services }) => {
    const taken = take(services, request.incomingCallContext, {
      type: 'reject',
      reason: request.callRejectReason ?? 'none',
    });
    services.calls.network.incomingTaken(taken);
  },

  RedirectCall: ({ body: request, services }) => {
    const target = identifierOf(request.target, 'target');
    take(services, request.incomingCallContext, { type: 'redirect', target: target.model });
  },
};
