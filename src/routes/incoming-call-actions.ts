/** AnswerCall, RejectCall and RedirectCall: what the app does with an incoming call. */
import type { Call } from '../domain/call.js';
import { newGuid } from '../domain/ids.js';
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
  setup: ReturnType<typeof callSetupFields>,
): Call {
  const phone = incoming.to.model.phoneNumber;
  return {
    callConnectionId,
    serverCallId: incoming.serverCallId,
    correlationId: incoming.correlationId,
    state: 'connecting',
    callbackUri: request.callbackUri,
    apiVersion,
    operationContext: request.operationContext,
    source: incoming.from.model,
    targets: [incoming.to],
    participants: [{ identifier: incoming.from, isMuted: false, isOnHold: false }],
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
    const admitted = services.calls.admit(() => {
      const callConnectionId = newGuid();
      const incoming = take(services, request.incomingCallContext, {
        type: 'answer',
        callConnectionId,
      });
      const now = services.clock.now();
      return answeredCall(incoming, request, callConnectionId, apiVersion, now, setup);
    });
    if (!admitted.ok) throw errors.callLimitReached(admitted.limit);
    return { body: callConnectionProperties(admitted.call) };
  },

  RejectCall: ({ body: request, services }) => {
    take(services, request.incomingCallContext, {
      type: 'reject',
      reason: request.callRejectReason ?? 'none',
    });
  },

  RedirectCall: ({ body: request, services }) => {
    const target = identifierOf(request.target, 'target');
    take(services, request.incomingCallContext, { type: 'redirect', target: target.model });
  },
};
