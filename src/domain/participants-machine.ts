/**
 * Who is in a call: invitations (addParticipant, transfer) that ring and end, removals, parties
 * who hang up, participants moved in and out. Every change of the list sends ParticipantsUpdated
 * with the call's next sequenceNumber and the full list. A step that leaves the call without
 * anyone on the other end says so in `end`; the call machine then ends the call.
 */
import type { Call, EndReason, Participant } from './call.js';
import { emit, type EmitEffect, type Effect } from './effect.js';
import type { ForcedOutcome } from './forced-outcome.js';
import type { Invitation } from './invitation.js';
import { PARTY_FAILURES, type PartyAnswer } from './results.js';
import type { Identifier } from '../schemas/identifier.js';
import { participantsUpdated } from './participants-list.js';

export { listedParticipants, participantsUpdated } from './participants-list.js';

/** Fields of the request that started an operation: its context and operationCallbackUri. */
export interface OperationFields {
  operationContext?: string;
  callbackUri?: string;
}

export type ParticipantsInput =
  /**
   * A new invitation rings; the party answers `answer` after `afterMs`, unless the invitation's
   * `timeoutMs` passes first (then it is noAnswer).
   */
  | {
      type: 'invite';
      invitation: Invitation;
      answer: PartyAnswer;
      afterMs: number;
      timeoutMs: number;
      /** A failOperation fault rule: the invitation fails with this result when the party answers. */
      failure?: ForcedOutcome;
    }
  | { type: 'inviteOutcome'; invitationId: string; outcome: PartyAnswer; failure?: ForcedOutcome }
  | ({ type: 'cancelInvite'; invitationId: string } & OperationFields)
  | ({ type: 'remove'; participant: string } & OperationFields)
  /** A remote party hangs up its own leg. */
  | { type: 'leave'; participant: string }
  | ({ type: 'moveIn'; participants: readonly Identifier[]; fromCall: string } & OperationFields)
  | ({
      type: 'moveFailed';
      participants: readonly Identifier[];
      fromCall: string;
    } & OperationFields)
  | { type: 'moveOut'; participants: readonly string[] }
  | { type: 'change'; participants: readonly string[]; change: ParticipantChange };

export interface ParticipantChange {
  isOnHold?: boolean;
  isMuted?: boolean;
}

export type ParticipantsRejection =
  | { reason: 'participantNotFound'; participant: string }
  | { reason: 'invitationNotFound'; invitationId: string };

export type ParticipantsEffect = Effect<ParticipantsInput>;

export type ParticipantsStep =
  | { ok: true; call: Call; effects: ParticipantsEffect[]; end?: EndReason }
  | { ok: false; rejection: ParticipantsRejection };

export const inviteTimer = (invitationId: string): string => `invite-${invitationId}`;

const contextOf = (fields: OperationFields) => ({
  ...(fields.operationContext !== undefined ? { operationContext: fields.operationContext } : {}),
  ...(fields.callbackUri !== undefined ? { callbackUri: fields.callbackUri } : {}),
});

const has = (call: Call, rawId: string) =>
  call.participants.some((p) => p.identifier.rawId === rawId);

function withList(
  call: Call,
  participants: Participant[],
  before: EmitEffect[],
  end?: EndReason,
): ParticipantsStep {
  const updated = participantsUpdated({ ...call, participants });
  return {
    ok: true,
    call: updated.call,
    effects: [...before, updated.effect],
    ...(end !== undefined && participants.length === 0 ? { end } : {}),
  };
}

/**
 * How many ended (accepted, failed, canceled) invitations a call remembers, besides every ringing
 * one: enough for the admin view and for a CancelAddParticipant that comes late, while a call that
 * adds and removes parties for hours keeps a short list instead of one entry per add.
 */
export const ENDED_INVITATIONS_KEPT = 50;

/** The call with `invitation` in place of its ringing self, and the oldest ended ones let go. */
function endInvitation(call: Call, invitation: Invitation): Call {
  const list = (call.invitations ?? []).map((i) =>
    i.invitationId === invitation.invitationId ? invitation : i,
  );
  let surplus = list.filter((i) => i.status !== 'ringing').length - ENDED_INVITATIONS_KEPT;
  const invitations =
    surplus > 0 ? list.filter((i) => i.status === 'ringing' || surplus-- <= 0) : list;
  return { ...call, invitations };
}

function invite(
  call: Call,
  input: Extract<ParticipantsInput, { type: 'invite' }>,
): ParticipantsStep {
  const answersInTime = input.answer !== 'noAnswer' && input.afterMs <= input.timeoutMs;
  const outcome: PartyAnswer = answersInTime ? input.answer : 'noAnswer';
  const ms =
    answersInTime || input.failure ? Math.min(input.afterMs, input.timeoutMs) : input.timeoutMs;
  const invitation = input.invitation;
  const failure = input.failure ? { failure: input.failure } : {};
  return {
    ok: true,
    call: { ...call, invitations: [...(call.invitations ?? []), invitation] },
    effects: [
      {
        type: 'schedule',
        key: inviteTimer(invitation.invitationId),
        ms,
        input: {
          type: 'inviteOutcome',
          invitationId: invitation.invitationId,
          outcome,
          ...failure,
        },
      },
    ],
  };
}

function answerInvitation(
  call: Call,
  invitationId: string,
  outcome: PartyAnswer,
  at: number,
  forced: ForcedOutcome | undefined,
): ParticipantsStep {
  const invitation = call.invitations?.find((i) => i.invitationId === invitationId);
  // A late timer or a second answer finds the invitation already ended: nothing happens.
  if (invitation?.status !== 'ringing') return { ok: true, call, effects: [] };
  const accepted = outcome === 'accept' && !forced;
  const failure = (answer: PartyAnswer) =>
    forced
      ? { resultInformation: forced.resultInformation, fault: forced.fault }
      : { resultInformation: PARTY_FAILURES[answer === 'accept' ? 'decline' : answer] };
  const ended: Invitation = {
    ...invitation,
    status: accepted ? 'accepted' : 'failed',
    outcome,
    endedAt: at,
  };
  const next = endInvitation(call, ended);
  const fields = contextOf(invitation);
  const cancel: ParticipantsEffect = { type: 'cancel', key: inviteTimer(invitationId) };
  const party = invitation.participant;
  if (invitation.kind === 'add') {
    if (!accepted) {
      const failed = emit('AddParticipantFailed', {
        ...fields,
        participant: party.rawId,
        ...failure(outcome),
        data: { participant: party.model },
      });
      return { ok: true, call: next, effects: [cancel, failed] };
    }
    const succeeded = emit('AddParticipantSucceeded', {
      ...fields,
      participant: party.rawId,
      data: { participant: party.model },
    });
    const list = has(next, party.rawId)
      ? next.participants
      : [...next.participants, { identifier: party, isMuted: false, isOnHold: false }];
    const step = withList(next, list, [succeeded]);
    return step.ok ? { ...step, effects: [cancel, ...step.effects] } : step;
  }
  if (!accepted) {
    const failed = emit('CallTransferFailed', {
      ...fields,
      ...failure(outcome),
    });
    return { ok: true, call: next, effects: [cancel, failed] };
  }
  const transferee = invitation.transferee;
  const acceptedEvent = emit('CallTransferAccepted', {
    ...fields,
    data: { transferTarget: party.model, ...(transferee ? { transferee: transferee.model } : {}) },
  });
  // The transferee leaves this call for the target; when nobody else is left, the app's leg ends.
  const rest = next.participants.filter((p) => p.identifier.rawId !== transferee?.rawId);
  if (rest.length === 0)
    return { ok: true, call: next, effects: [cancel, acceptedEvent], end: 'transferred' };
  const step = withList(next, rest, [acceptedEvent]);
  return step.ok ? { ...step, effects: [cancel, ...step.effects] } : step;
}

function cancelInvitation(
  call: Call,
  input: Extract<ParticipantsInput, { type: 'cancelInvite' }>,
  at: number,
): ParticipantsStep {
  const invitation = call.invitations?.find((i) => i.invitationId === input.invitationId);
  if (!invitation) {
    return {
      ok: false,
      rejection: { reason: 'invitationNotFound', invitationId: input.invitationId },
    };
  }
  const data = { invitationId: input.invitationId };
  if (invitation.status !== 'ringing')
    return {
      ok: true,
      call,
      effects: [emit('CancelAddParticipantFailed', { ...contextOf(input), data })],
    };
  const canceled: Invitation = { ...invitation, status: 'canceled', endedAt: at };
  return {
    ok: true,
    call: endInvitation(call, canceled),
    effects: [
      { type: 'cancel', key: inviteTimer(input.invitationId) },
      emit('CancelAddParticipantSucceeded', { ...contextOf(input), data }),
    ],
  };
}

function moveIn(
  call: Call,
  input: Extract<ParticipantsInput, { type: 'moveIn' }>,
): ParticipantsStep {
  const joining = input.participants.filter((p) => !has(call, p.rawId));
  const events = input.participants.map((p) =>
    emit('MoveParticipantSucceeded', {
      ...contextOf(input),
      participant: p.rawId,
      data: { participant: p.model, fromCall: input.fromCall },
    }),
  );
  const list = [
    ...call.participants,
    ...joining.map((identifier) => ({ identifier, isMuted: false, isOnHold: false })),
  ];
  return withList(call, list, events);
}

/** Steps who is in the call; `at` is the time of the step (clock time, set by the runtime). */
export function stepParticipants(
  call: Call,
  input: ParticipantsInput,
  at: number,
): ParticipantsStep {
  switch (input.type) {
    case 'invite':
      return invite(call, input);
    case 'inviteOutcome':
      return answerInvitation(call, input.invitationId, input.outcome, at, input.failure);
    case 'cancelInvite':
      return cancelInvitation(call, input, at);
    case 'remove': {
      if (!has(call, input.participant))
        return {
          ok: false,
          rejection: { reason: 'participantNotFound', participant: input.participant },
        };
      const removed = call.participants.find(
        (p) => p.identifier.rawId === input.participant,
      ) as Participant;
      const succeeded = emit('RemoveParticipantSucceeded', {
        ...contextOf(input),
        participant: input.participant,
        data: { participant: removed.identifier.model },
      });
      const rest = call.participants.filter((p) => p !== removed);
      return withList(call, rest, [succeeded], 'hangUp');
    }
    case 'leave': {
      if (!has(call, input.participant))
        return {
          ok: false,
          rejection: { reason: 'participantNotFound', participant: input.participant },
        };
      const rest = call.participants.filter((p) => p.identifier.rawId !== input.participant);
      return withList(call, rest, [], 'remoteHangUp');
    }
    case 'moveIn':
      return moveIn(call, input);
    case 'moveFailed':
      return {
        ok: true,
        call,
        effects: input.participants.map((p) =>
          emit('MoveParticipantFailed', {
            ...contextOf(input),
            participant: p.rawId,
            data: { participant: p.model, fromCall: input.fromCall },
          }),
        ),
      };
    case 'moveOut': {
      const missing = input.participants.find((rawId) => !has(call, rawId));
      if (missing !== undefined)
        return { ok: false, rejection: { reason: 'participantNotFound', participant: missing } };
      const rest = call.participants.filter(
        (p) => !input.participants.includes(p.identifier.rawId),
      );
      return withList(call, rest, [], 'movedAway');
    }
    case 'change': {
      const missing = input.participants.find((rawId) => !has(call, rawId));
      if (missing !== undefined)
        return { ok: false, rejection: { reason: 'participantNotFound', participant: missing } };
      const list = call.participants.map((p) =>
        input.participants.includes(p.identifier.rawId) ? { ...p, ...input.change } : p,
      );
      return withList(call, list, []);
    }
  }
}
