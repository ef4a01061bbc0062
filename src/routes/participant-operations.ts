/**
 * AddParticipant, CancelAddParticipant, RemoveParticipant, TransferToParticipant and
 * MoveParticipants: 202, then the events of participants-machine.ts as the invited parties answer
 * (their rules, or an app answering the IncomingCall of a party the app owns).
 */
import type { Call } from '../domain/call.js';
import type { ParticipantsInput } from '../domain/participants-machine.js';
import { errors } from '../http/errors.js';
import type { Identifier } from '../schemas/identifier.js';
import { expectApplied, identifierOf, requireCall } from './call-lookup.js';
import type { HandlerTable, Services } from './handler.js';

const context = (operationContext: string | undefined) =>
  operationContext !== undefined ? { operationContext } : {};

const operationFields = (request: {
  operationContext?: string;
  operationCallbackUri?: string;
}) => ({
  ...context(request.operationContext),
  ...(request.operationCallbackUri !== undefined
    ? { callbackUri: request.operationCallbackUri }
    : {}),
});

/** The live call, connected: an invitation or a move needs the call to be up. */
function connectedCall(services: Services, id: string): Call {
  const call = requireCall(services, id);
  if (call.state !== 'connected') throw errors.callNotConnected(id, call.state);
  return call;
}

const rawIds = (call: Call) => call.participants.map((p) => p.identifier.rawId);

function requireInCall(call: Call, party: Identifier): void {
  if (!rawIds(call).includes(party.rawId))
    throw errors.participantNotInCall(party.rawId, call.callConnectionId, rawIds(call));
}

/** A party already in the call, or already ringing for it, cannot be invited again. */
function requireInvitable(call: Call, party: Identifier): void {
  if (rawIds(call).includes(party.rawId))
    throw errors.participantAlreadyInCall(party.rawId, call.callConnectionId);
  const ringing = call.invitations?.find(
    (i) => i.status === 'ringing' && i.participant.rawId === party.rawId,
  );
  if (ringing)
    throw errors.invitationPending(party.rawId, call.callConnectionId, ringing.invitationId);
}

/** Steps the call's participants machine now; a call gone meanwhile answers as the lookup does. */
function applyToParticipants(services: Services, id: string, input: ParticipantsInput): void {
  const at = services.clock.now();
  expectApplied(services, id, services.calls.apply(id, { type: 'participants', input, at }));
}

export const participantOperationHandlers: HandlerTable = {
  CallConnection_AddParticipant: ({ params, body: request, services, failure }) => {
    const id = params.callConnectionId as string;
    const call = connectedCall(services, id);
    const party = identifierOf(request.participantToAdd, 'participantToAdd');
    requireInvitable(call, party);
    const { maxParticipants } = services.config;
    if (call.participants.length + 1 > maxParticipants)
      throw errors.participantLimitReached(call.participants.length + 1, maxParticipants);
    const result = services.calls.network.invite(id, {
      kind: 'add',
      participant: party,
      ...(failure ? { failure } : {}),
      ...operationFields(request),
      ...(request.invitationTimeoutInSeconds !== undefined
        ? { timeoutMs: request.invitationTimeoutInSeconds * 1000 }
        : {}),
      ...(request.sourceCallerIdNumber
        ? { sourceCallerIdNumber: request.sourceCallerIdNumber.value }
        : {}),
      ...(request.sourceDisplayName !== undefined
        ? { sourceDisplayName: request.sourceDisplayName }
        : {}),
    });
    expectApplied(services, id, result);
    return {
      body: {
        participant: { identifier: party.model, isMuted: false, isOnHold: false },
        ...context(request.operationContext),
        invitationId: result.invitationId,
      },
    };
  },

  CallConnection_CancelAddParticipant: ({ params, body: request, services }) => {
    const id = params.callConnectionId as string;
    requireCall(services, id);
    const input = {
      type: 'cancelInvite' as const,
      invitationId: request.invitationId,
      ...operationFields(request),
    };
    applyToParticipants(services, id, input);
    return {
      body: { invitationId: request.invitationId, ...context(request.operationContext) },
    };
  },

  CallConnection_RemoveParticipant: ({ params, body: request, services }) => {
    const id = params.callConnectionId as string;
    const call = connectedCall(services, id);
    const party = identifierOf(request.participantToRemove, 'participantToRemove');
    requireInCall(call, party);
    const input = {
      type: 'remove' as const,
      participant: party.rawId,
      ...operationFields(request),
    };
    applyToParticipants(services, id, input);
    return { body: context(request.operationContext) };
  },

  CallConnection_TransferToParticipant: ({ params, body: request, services, failure }) => {
    const id = params.callConnectionId as string;
    const call = connectedCall(services, id);
    const target = identifierOf(request.targetParticipant, 'targetParticipant');
    let transferee: Identifier | undefined;
    if (request.transferee) {
      transferee = identifierOf(request.transferee, 'transferee');
      requireInCall(call, transferee);
    } else if (call.participants.length === 1) {
      transferee = call.participants[0]?.identifier;
    } else {
      throw errors.transfereeRequired(id, rawIds(call));
    }
    requireInvitable(call, target);
    const result = services.calls.network.invite(id, {
      kind: 'transfer',
      participant: target,
      ...(failure ? { failure } : {}),
      ...(transferee ? { transferee } : {}),
      ...operationFields(request),
      ...(request.sourceCallerIdNumber
        ? { sourceCallerIdNumber: request.sourceCallerIdNumber.value }
        : {}),
    });
    expectApplied(services, id, result);
    return { body: context(request.operationContext) };
  },

  CallConnection_MoveParticipants: ({ params, body: request, services }) => {
    const id = params.callConnectionId as string;
    connectedCall(services, id);
    if (request.targetParticipants.length === 0)
      throw errors.invalidBody(['targetParticipants must contain at least one participant']);
    if (request.fromCall === id) throw errors.moveFromSameCall(id);
    const parties = request.targetParticipants.map((t, i) =>
      identifierOf(t, `targetParticipants[${i}]`),
    );
    const from = services.calls.get(request.fromCall);
    const moving = parties.filter(
      (p) =>
        from?.state === 'connected' &&
        from.participants.some((q) => q.identifier.rawId === p.rawId),
    );
    expectApplied(
      services,
      id,
      services.calls.network.move(id, request.fromCall, parties, operationFields(request)),
    );
    return {
      body: {
        participants: moving.map((p) => ({ identifier: p.model, isMuted: false, isOnHold: false })),
        ...context(request.operationContext),
        fromCall: request.fromCall,
      },
    };
  },
};
