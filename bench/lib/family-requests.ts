/**
 * The participants, recording and media streaming requests of the bench scenarios, with the
 * bodies and headers `@azure/communication-call-automation` 1.6 sends (captured from the SDK
 * against a local listener): addParticipant, removeParticipant and startRecording carry a fresh
 * Repeatability-Request-ID and Repeatability-First-Sent each time, which the HMAC does not sign.
 */
import { randomUUID } from 'node:crypto';
import type { DynamicRequest } from './load.js';
import { API_VERSION, phoneOf, signed, type SignedRequest } from './acs-requests.js';

const phoneTarget = (phone: string) => ({
  kind: 'phoneNumber',
  rawId: `4:${phone}`,
  phoneNumber: { value: phone, isAnonymous: false },
});

/** The same signed request with new repeatability headers, as an SDK call (not a retry) sends. */
function repeatable(request: SignedRequest): DynamicRequest {
  const fresh = (): SignedRequest => ({
    ...request,
    headers: {
      ...request.headers,
      'repeatability-request-id': randomUUID(),
      'repeatability-first-sent': new Date().toUTCString(),
    },
  });
  return { ...fresh(), prepare: fresh };
}

const participantsPath = (callConnectionId: string, action: string) =>
  `/calling/callConnections/${callConnectionId}/participants:${action}?api-version=${API_VERSION}`;

export function addParticipantRequest(
  host: string,
  callConnectionId: string,
  phone: string,
): DynamicRequest {
  const body = JSON.stringify({
    participantToAdd: phoneTarget(phone),
    operationContext: 'bench-add',
    customCallingContext: { voipHeaders: {}, sipHeaders: {} },
  });
  return repeatable(signed('POST', participantsPath(callConnectionId, 'add'), host, body));
}

export function removeParticipantRequest(
  host: string,
  callConnectionId: string,
  phone: string,
): DynamicRequest {
  const body = JSON.stringify({
    participantToRemove: phoneTarget(phone),
    operationContext: 'bench-remove',
  });
  return repeatable(signed('POST', participantsPath(callConnectionId, 'remove'), host, body));
}

/**
 * Connection `i`'s participant loop: A_i joins, B_i leaves, B_i joins, A_i leaves. The call starts
 * with every B_i, so each request is valid when sent, and A_i has rung and joined (two round
 * trips) before it is removed.
 */
export function participantCycle(
  host: string,
  callConnectionId: string,
  i: number,
  connections: number,
): DynamicRequest[] {
  const a = phoneOf(connections + i);
  const b = phoneOf(i);
  return [
    addParticipantRequest(host, callConnectionId, a),
    removeParticipantRequest(host, callConnectionId, b),
    addParticipantRequest(host, callConnectionId, b),
    removeParticipantRequest(host, callConnectionId, a),
  ];
}

/**
 * startRecording of one call, then stopRecording of the recording that start answered with. The
 * live recording is kept across loads: a load that ended between start and stop leaves it
 * running, and the next load's first start then gets 409 and its stop ends that one.
 */
export function recordingCycle(host: string, callConnectionId: string): DynamicRequest[] {
  let live: string | undefined;
  const start = repeatable(
    signed(
      'POST',
      `/calling/recordings?api-version=${API_VERSION}`,
      host,
      JSON.stringify({ callConnectionId }),
    ),
  );
  // signed() gives a request without a body no content-type and the empty body's hash, as the SDK.
  const stopOf = (recordingId: string) =>
    signed(
      'DELETE',
      `/calling/recordings/${encodeURIComponent(recordingId)}?api-version=${API_VERSION}`,
      host,
    );
  return [
    {
      ...start,
      capture: (status, body) => {
        if (status === 200) live = (JSON.parse(body) as { recordingId: string }).recordingId;
      },
    },
    {
      ...stopOf('unknown'),
      prepare: () => stopOf(live ?? 'unknown'),
      capture: () => {
        live = undefined;
      },
    },
  ];
}

/** createCall to one phone number whose media streams to `transportUrl` from the start. */
export function streamingCallRequest(
  host: string,
  phone: string,
  callbackUri: string,
  transportUrl: string,
): SignedRequest {
  const body = JSON.stringify({
    targets: [phoneTarget(phone)],
    callbackUri,
    operationContext: 'bench-stream',
    mediaStreamingOptions: {
      transportUrl,
      transportType: 'websocket',
      contentType: 'audio',
      audioChannelType: 'mixed',
      startMediaStreaming: true,
      audioFormat: 'pcm16KMono',
    },
  });
  return signed('POST', `/calling/callConnections?api-version=${API_VERSION}`, host, body);
}
