/**
 * Hold, Unhold and Mute: they change a participant's `isOnHold` / `isMuted` (as GET participants
 * then shows) and answer the swagger's 200; the service sends no event when they succeed.
 */
import { errors } from '../http/errors.js';
import type { ParticipantChange } from '../domain/call-machine.js';
import { expectApplied, identifierOf } from './call-lookup.js';
import type { Handler, HandlerTable } from './handler.js';

function setHold(isOnHold: boolean): Handler<'CallMedia_Hold' | 'CallMedia_Unhold'> {
  return ({ params, body, services }) => {
    const id = params.callConnectionId as string;
    const participant = identifierOf(body.targetParticipant, 'targetParticipant');
    const change: ParticipantChange = { isOnHold };
    const input = { type: 'participantState' as const, participants: [participant.rawId], change };
    expectApplied(services, id, services.calls.apply(id, input));
  };
}

export const participantActionHandlers: HandlerTable = {
  CallMedia_Hold: setHold(true),
  CallMedia_Unhold: setHold(false),

  CallConnection_Mute: ({ params, body: request, services }) => {
    const id = params.callConnectionId as string;
    if (request.targetParticipants.length === 0) {
      throw errors.invalidBody(['targetParticipants must contain at least one participant']);
    }
    const targets = request.targetParticipants.map((t, i) =>
      identifierOf(t, `targetParticipants[${i}]`),
    );
    const notAcs = targets.find((t) => t.kind !== 'communicationUser');
    if (notAcs) throw errors.muteNotAcsUser(notAcs.rawId);
    const input = {
      type: 'participantState' as const,
      participants: targets.map((t) => t.rawId),
      change: { isMuted: true },
    };
    expectApplied(services, id, services.calls.apply(id, input));
    return {
      body:
        request.operationContext !== undefined
          ? { operationContext: request.operationContext }
          : {},
    };
  },
};
