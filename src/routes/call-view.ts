/** Wire views of domain objects (CallConnectionProperties, CallParticipant). */
import type { Call, Participant } from '../domain/call.js';
import { stableGuid } from '../domain/ids.js';

/**
 * CallConnectionProperties with the keys the service's recordings show: `sourceDisplayName`
 * always (`""` when none), both subscriptions always (the emulator streams no media and
 * transcribes nothing, so they are `disabled`), and no `serverCallId` on an outbound call until
 * it connects.
 */
export function callConnectionProperties(call: Call): Record<string, unknown> {
  const serverCallIdKnown = call.incomingCallContext !== undefined || call.state !== 'connecting';
  return {
    callConnectionId: call.callConnectionId,
    ...(serverCallIdKnown ? { serverCallId: call.serverCallId } : {}),
    targets: call.targets.map((t) => t.model),
    callConnectionState: call.state,
    callbackUri: call.callbackUri,
    ...(call.sourceCallerIdNumber ? { sourceCallerIdNumber: call.sourceCallerIdNumber } : {}),
    sourceDisplayName: call.sourceDisplayName ?? '',
    ...(call.source ? { source: call.source } : {}),
    correlationId: call.correlationId,
    ...(call.answeredBy ? { answeredBy: call.answeredBy } : {}),
    ...(call.answeredFor ? { answeredFor: { value: call.answeredFor.value } } : {}),
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
      : {
          id: stableGuid(`${call.callConnectionId}/mediaStreamingSubscription`),
          state: 'disabled',
          subscribedContentTypes: ['audio'],
        },
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
