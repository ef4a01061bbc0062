/**
 * The IncomingCall notification, which ACS sends through Event Grid (Event Grid schema, not a
 * CloudEvent): a JSON array with one event whose `data` follows the swagger's `IncomingCall`.
 */
import { newGuid } from '../domain/ids.js';
import type { IncomingCall } from '../domain/incoming-calls.js';

/** A stand-in resource path; the real topic names the subscriber's ACS resource. */
export const EMULATOR_TOPIC =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/acs-call-emulator/providers/Microsoft.Communication/communicationServices/acs-call-emulator';

/** Event Grid event types the emulator sends, short names (`Microsoft.Communication.` omitted). */
export const EVENT_GRID_EVENT_NAMES: readonly string[] = [
  'IncomingCall',
  'RecordingFileStatusUpdated',
];

export interface EventGridEvent {
  id: string;
  topic: string;
  subject: string;
  data: Record<string, unknown>;
  eventType: string;
  eventTime: string;
  metadataVersion: '1';
  dataVersion: '1.0';
}

export function incomingCallEvent(incoming: IncomingCall, now: number): EventGridEvent {
  return {
    id: newGuid(),
    topic: EMULATOR_TOPIC,
    subject: `/caller/${incoming.from.rawId}/recipient/${incoming.to.rawId}`,
    data: {
      to: incoming.to.model,
      from: incoming.from.model,
      ...(incoming.callerDisplayName !== undefined
        ? { callerDisplayName: incoming.callerDisplayName }
        : {}),
      serverCallId: incoming.serverCallId,
      ...(incoming.customContext ? { customContext: incoming.customContext } : {}),
      incomingCallContext: incoming.incomingCallContext,
      correlationId: incoming.correlationId,
    },
    eventType: 'Microsoft.Communication.IncomingCall',
    eventTime: new Date(now).toISOString(),
    metadataVersion: '1',
    dataVersion: '1.0',
  };
}
