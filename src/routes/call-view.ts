/** Wire views of domain objects (CallConnectionProperties, CallParticipant). */
import type { Call, Participant } from '../domain/call.js';

export function callConnectionProperties(call: Call): Record<string, unknown> {
  return {
    callConnectionId: call.callConnectionId,
    serverCallId: call.serverCallId,
    targets: call.targets.map((t) => t.model),
    callConnectionState: call.state,
    callbackUri: call.callbackUri,
    ...(call.sourceCallerIdNumber ? { sourceCallerIdNumber: call.sourceCallerIdNumber } : {}),
    ...(call.sourceDisplayName !== undefined ? { sourceDisplayName: call.sourceDisplayName } : {}),
    ...(call.source ? { source: call.source } : {}),
    correlationId: call.correlationId,
    ...(call.answeredBy ? { answeredBy: call.answeredBy } : {}),
    ...(call.answeredFor ? { answeredFor: call.answeredFor } : {}),
  };
}

export const callParticipant = (p: Participant): Record<string, unknown> => ({
  identifier: p.identifier.model,
  isMuted: p.isMuted,
  isOnHold: p.isOnHold,
});
