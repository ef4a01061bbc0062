/** The control API's view of a call (GET /admin/calls, the live stream). */
import type { Call } from '../domain/call.js';
import { DTMF_IDLE } from '../domain/dtmf-machine.js';
import { adminMediaView } from './admin-media-view.js';
import { callConnectionProperties } from './call-view.js';

/** The emulator's full view of a call: ACS properties plus state the cloud does not show. */
export function adminCallView(call: Call): Record<string, unknown> {
  return {
    ...callConnectionProperties(call),
    operationContext: call.operationContext,
    createdAt: new Date(call.createdAt).toISOString(),
    ...(call.connectedAt !== undefined
      ? { connectedAt: new Date(call.connectedAt).toISOString() }
      : {}),
    ...(call.endedAt !== undefined
      ? { endedAt: new Date(call.endedAt).toISOString(), endedBy: call.endedBy }
      : {}),
    participants: call.participants.map((p) => {
      const dtmf = call.dtmf[p.identifier.rawId] ?? DTMF_IDLE;
      return {
        identifier: p.identifier.model,
        isMuted: p.isMuted,
        isOnHold: p.isOnHold,
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
    ...adminMediaView(call),
  };
}
