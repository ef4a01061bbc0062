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
    ...subscriptionViews(call),
  };
}

/** A dial still in progress is not yet active: the wire says `inactive`. */
const wireState = (state: string) => (state === 'active' ? 'active' : 'inactive');

/**
 * MediaStreamingSubscription and TranscriptionSubscription, present on every call as the service
 * answers them (disabled when the call was set up without the options).
 */
function subscriptionViews(call: Call): Record<string, unknown> {
  const media = call.mediaStreaming;
  const transcription = call.transcription;
  return {
    mediaStreamingSubscription: media
      ? { id: media.id, state: wireState(media.state), subscribedContentTypes: ['audio'] }
      : { state: 'disabled', subscribedContentTypes: ['audio'] },
    transcriptionSubscription: transcription
      ? {
          id: transcription.id,
          state: wireState(transcription.state),
          subscribedResultTypes: transcription.setup.enableIntermediateResults
            ? ['final', 'intermediate']
            : ['final'],
          locale: transcription.setup.locale,
        }
      : { state: 'disabled', subscribedResultTypes: [] },
  };
}

export const callParticipant = (p: Participant): Record<string, unknown> => ({
  identifier: p.identifier.model,
  isMuted: p.isMuted,
  isOnHold: p.isOnHold,
});
