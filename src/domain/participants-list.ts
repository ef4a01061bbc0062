/** The participants as the service lists them, and the ParticipantsUpdated that reports them. */
import type { Call, Participant } from './call.js';
import { emit, type EmitEffect } from './effect.js';

/** CallParticipant wire shape: the remote parties, then the app's own identity. */
export function listedParticipants(call: Call): Record<string, unknown>[] {
  const self: Participant[] = call.self
    ? [{ identifier: call.self, isMuted: false, isOnHold: false }]
    : [];
  return [...call.participants, ...self].map((p) => ({
    identifier: p.identifier.model,
    isMuted: p.isMuted,
    isOnHold: p.isOnHold,
  }));
}

/** The call with its next sequenceNumber, and the ParticipantsUpdated that reports it. */
export function participantsUpdated(call: Call): { call: Call; effect: EmitEffect } {
  const sequenceNumber = (call.participantsSequence ?? 0) + 1;
  const next = { ...call, participantsSequence: sequenceNumber };
  return {
    call: next,
    effect: emit('ParticipantsUpdated', {
      data: { sequenceNumber, participants: listedParticipants(next) },
    }),
  };
}
