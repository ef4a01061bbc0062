/** GET /admin/calls/{id}: who is in the call, in what leg state, and the call's invitations. */
import type { Call } from '../domain/call.js';
import { DTMF_IDLE } from '../domain/dtmf-machine.js';

const iso = (ms: number | undefined) => (ms !== undefined ? new Date(ms).toISOString() : undefined);

export function adminParticipantsView(call: Call): Record<string, unknown> {
  const legState =
    call.state === 'disconnected'
      ? 'disconnected'
      : call.state === 'connected'
        ? 'connected'
        : 'ringing';
  return {
    participants: call.participants.map((p) => {
      const dtmf = call.dtmf[p.identifier.rawId] ?? DTMF_IDLE;
      return {
        identifier: p.identifier.model,
        isMuted: p.isMuted,
        isOnHold: p.isOnHold,
        state: legState,
        continuousDtmfRecognition:
          dtmf.status === 'active'
            ? {
                active: true,
                operationContext: dtmf.operationContext,
                operationCallbackUri: dtmf.callbackUri,
              }
            : { active: false },
      };
    }),
    ...(call.self ? { self: call.self.model } : {}),
    participantsSequence: call.participantsSequence ?? 0,
    invitations: (call.invitations ?? []).map((i) => ({
      invitationId: i.invitationId,
      kind: i.kind,
      participant: i.participant.model,
      ...(i.transferee ? { transferee: i.transferee.model } : {}),
      state: i.status,
      ...(i.outcome ? { outcome: i.outcome } : {}),
      operationContext: i.operationContext,
      operationCallbackUri: i.callbackUri,
      sourceCallerIdNumber: i.sourceCallerIdNumber,
      sourceDisplayName: i.sourceDisplayName,
      createdAt: iso(i.createdAt),
      endedAt: iso(i.endedAt),
    })),
  };
}
