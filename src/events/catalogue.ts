/**
 * Every callback event the emulator sends, with the resultInformation the service reports for it.
 * Event data follows the swagger definition of the same name, plus `version` and `publicEventType`
 * as the real service adds.
 */
import type { Call } from '../domain/call.js';

export interface ResultInformation {
  code: number;
  subCode: number;
  message: string;
}

const ok = (message: string): ResultInformation => ({ code: 200, subCode: 0, message });

/** Default result per event; operations may pass their own (e.g. recognize sub-codes). */
export const DEFAULT_RESULTS = {
  CallConnected: ok('Call connected.'),
  CallDisconnected: ok('Call disconnected.'),
  ContinuousDtmfRecognitionStopped: ok('Continuous DTMF Recognition stopped successfully.'),
  ContinuousDtmfRecognitionToneReceived: ok('DTMF tone received successfully.'),
  ContinuousDtmfRecognitionToneFailed: {
    code: 400,
    subCode: 12323,
    message: "Continuous DTMF tone Couldn't be received successfully.",
  },
  SendDtmfTonesCompleted: ok('Send DTMF completed successfully.'),
  SendDtmfTonesFailed: {
    code: 400,
    subCode: 8510,
    message: "Send DTMF couldn't be completed successfully.",
  },
  PlayStarted: ok('Action started successfully.'),
  PlayCompleted: ok('Action completed successfully.'),
  PlayFailed: { code: 500, subCode: 8512, message: 'Unknown internal server error.' },
  PlayCanceled: { code: 400, subCode: 8508, message: 'Action failed, the operation was canceled.' },
  RecognizeCompleted: ok('Action completed successfully.'),
  RecognizeFailed: {
    code: 400,
    subCode: 8510,
    message: 'Action failed, initial silence timeout reached.',
  },
  RecognizeCanceled: {
    code: 400,
    subCode: 8508,
    message: 'Action failed, the operation was canceled.',
  },
} satisfies Record<string, ResultInformation>;

export type EventName = keyof typeof DEFAULT_RESULTS;

export const EVENT_TYPE_PREFIX = 'Microsoft.Communication.';

export const fullEventType = (name: string): string =>
  name.startsWith(EVENT_TYPE_PREFIX) ? name : `${EVENT_TYPE_PREFIX}${name}`;

export interface EventDataOptions {
  operationContext?: string;
  resultInformation?: ResultInformation;
  /** Event-specific fields, e.g. `tone` and `sequenceId`. */
  extra?: Record<string, unknown>;
}

export function buildEventData(
  name: EventName,
  call: Call,
  options: EventDataOptions = {},
): Record<string, unknown> {
  return {
    callConnectionId: call.callConnectionId,
    serverCallId: call.serverCallId,
    correlationId: call.correlationId,
    ...(options.operationContext !== undefined
      ? { operationContext: options.operationContext }
      : {}),
    resultInformation: options.resultInformation ?? DEFAULT_RESULTS[name],
    ...options.extra,
    version: call.apiVersion,
    publicEventType: fullEventType(name),
  };
}
