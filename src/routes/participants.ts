/** GetParticipants and GetParticipant. */
import { listedParticipants } from '../domain/participants-machine.js';
import { errors } from '../http/errors.js';
import { requireCall } from './call-lookup.js';
import type { HandlerTable } from './handler.js';

export const participantHandlers: HandlerTable = {
  // One page holds everyone, so there is no nextLink (the SDK would follow it without api-version).
  CallConnection_GetParticipants: ({ params, services }) => {
    const call = requireCall(services, params.callConnectionId as string);
    return { body: { value: listedParticipants(call) } };
  },

  CallConnection_GetParticipant: ({ params, services }) => {
    const call = requireCall(services, params.callConnectionId as string);
    const rawId = params.participantRawId as string;
    const participant = listedParticipants(call).find(
      (p) => (p.identifier as { rawId?: string }).rawId === rawId,
    );
    if (!participant) throw errors.participantNotFound(rawId, call.callConnectionId);
    return { body: participant };
  },
};
