/** The control API's view of a call (GET /admin/calls, the live stream). */
import type { Call } from '../domain/call.js';
import { adminMediaView } from './admin-media-view.js';
import { adminParticipantsView } from './admin-participants-view.js';
import { callConnectionProperties } from './call-view.js';
import { maskUrlFields } from '../safe-url.js';

/** The emulator's full view of a call: ACS properties plus state the cloud does not show. */
export function adminCallView(call: Call): Record<string, unknown> {
  // Callback URLs lose credentials and query values (`?code=`), as in the logs.
  return maskUrlFields({
    ...callConnectionProperties(call),
    // The control API shows it from the start; the ACS view hides it until an outbound call connects.
    serverCallId: call.serverCallId,
    operationContext: call.operationContext,
    createdAt: new Date(call.createdAt).toISOString(),
    ...(call.connectedAt !== undefined
      ? { connectedAt: new Date(call.connectedAt).toISOString() }
      : {}),
    ...(call.endedAt !== undefined
      ? { endedAt: new Date(call.endedAt).toISOString(), endedBy: call.endedBy }
      : {}),
    ...adminParticipantsView(call),
    ...adminMediaView(call),
  });
}
