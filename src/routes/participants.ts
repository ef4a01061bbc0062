/** GetParticipants and GetParticipant. */
import { errors } from '../http/errors.js';
import { requireCall } from './call-lookup.js';
import { callParticipant } from './call-view.js';
import type { HandlerTable } from './handler.js';

export const participantHandlers: HandlerTable = {
  // One page holds everyone, so there is no nextLink (the SDK would follow it without api-version).
  CallConnection_GetParticipants: ({ params, services }) => {
    const call = requireCall(services, params.callConnectionId as string);
    return { body: { value: call.participants.map(callParticipant) } };
  },

  CallConnection_GetParticipant: ({ params, services }) => {
    const call = requireCall(services, params.callConnectionId as string);
    const rawId = params.participantRawId as string;
    const participant = call.participants.find((p) => p.identifier.rawId === rawId);
    if (!participant) throw errors.participantNotFound(rawId, call.callConnectionId);
    return { body: callParticipant(participant) };
  },
};
