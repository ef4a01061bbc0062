/** Drives calls through the official SDK so tests can produce callbacks in a known order. */
import type { CallAutomationClient, CallConnection } from '@azure/communication-call-automation';
import type { EmulatorClient } from '../../src/client/emulator-client.js';

export const PSTN = { phoneNumber: '+14255550123' };

export interface PlacedCall {
  id: string;
  connection: CallConnection;
}

/**
 * Creates a call and waits until the emulator has connected it (CallConnected recorded, in any
 * delivery state), so media operations are allowed whatever the webhook does.
 */
export async function placeConnectedCall(
  client: CallAutomationClient,
  control: EmulatorClient,
  callbackUrl: string,
  operationContext?: string,
): Promise<PlacedCall> {
  const created = await client.createCall({ targetParticipant: PSTN }, callbackUrl, {
    operationContext,
  });
  const id = created.callConnectionProperties.callConnectionId as string;
  await control.waitForEvent({ callConnectionId: id, type: 'CallConnected', timeoutMs: 5_000 });
  return { id, connection: created.callConnection };
}

/** Start then stop continuous DTMF: exactly one ContinuousDtmfRecognitionStopped event. */
export async function stoppedEvent(call: PlacedCall, operationContext: string): Promise<void> {
  const media = call.connection.getCallMedia();
  await media.startContinuousDtmfRecognition(PSTN, {
    operationContext: `${operationContext}-start`,
  });
  await media.stopContinuousDtmfRecognition(PSTN, { operationContext });
}
