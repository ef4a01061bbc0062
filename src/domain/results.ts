/**
 * The resultInformation the service reports: a default per event, and the media operations' codes
 * from the recognize how-to's "Event codes" table (acs-service-facts.md §6). Where the Azure SDK
 * live-test recordings show what the service sent, that wins (real-service-recordings.md; the
 * README's differences table names each source). Where neither says (an operation cut short by
 * the end of the call) the emulator reuses the documented "canceled" sub-code.
 */
export interface ResultInformation {
  code: number;
  subCode: number;
  message: string;
}

const ok = (message: string): ResultInformation => ({ code: 200, subCode: 0, message });

/** Default result per event; operations may pass their own (e.g. recognize sub-codes). */
export const DEFAULT_RESULTS = {
  // Recorded: code 200, subCode 0 and an empty message.
  CallConnected: ok(''),
  CallDisconnected: ok('Call disconnected.'),
  // Not recorded: the emulator's result for a Connect it cannot complete (the room does not
  // exist or is closed by the emulator clock); the README lists it as a difference.
  ConnectFailed: {
    code: 403,
    subCode: 0,
    message: 'Connect failed: the call locator does not name a call the application can join now.',
  },
  // Recorded messages are empty for these (real-service-recordings.md).
  ParticipantsUpdated: ok(''),
  AddParticipantSucceeded: ok(''),
  AddParticipantFailed: {
    code: 408,
    subCode: 8541,
    message: 'The invited participant did not answer.',
  },
  RemoveParticipantSucceeded: ok(''),
  CancelAddParticipantSucceeded: ok('Add participant canceled.'),
  CancelAddParticipantFailed: {
    code: 400,
    subCode: 8519,
    message: 'The invitation has already ended and can no longer be canceled.',
  },
  CallTransferAccepted: ok('Call transfer accepted.'),
  CallTransferFailed: {
    code: 408,
    subCode: 8541,
    message: 'The transfer target did not answer.',
  },
  MoveParticipantSucceeded: ok('Participant moved.'),
  MoveParticipantFailed: {
    code: 404,
    subCode: 8522,
    message: 'The participant is not in the call to move from, or that call has ended.',
  },
  CreateCallFailed: {
    code: 408,
    subCode: 8541,
    message: 'The callee did not answer.',
  },
  // Recorded after an explicit stop, before the hang-up (JS live test 2025-09-01, Java 2025-06-16).
  ContinuousDtmfRecognitionStopped: {
    code: 200,
    subCode: 7000,
    message: 'The conversation has ended. DiagCode: 0#7000.@',
  },
  ContinuousDtmfRecognitionToneReceived: ok('DTMF tone received successfully.'),
  ContinuousDtmfRecognitionToneFailed: {
    code: 400,
    subCode: 12323,
    message: "Continuous DTMF tone Couldn't be received successfully.",
  },
  SendDtmfTonesCompleted: ok(''),
  SendDtmfTonesFailed: {
    code: 400,
    subCode: 8510,
    message: "Send DTMF couldn't be completed successfully.",
  },
  PlayStarted: ok('Action completed successfully.'),
  PlayCompleted: ok('Action completed successfully.'),
  PlayFailed: { code: 500, subCode: 8512, message: 'Unknown internal server error.' },
  // Recorded (JS live test 2025-09-01): "cancelled", where the docs' table writes "canceled".
  PlayCanceled: {
    code: 400,
    subCode: 8508,
    message: 'Action failed, the operation was cancelled.',
  },
  RecognizeCompleted: ok('Action completed successfully.'),
  RecognizeFailed: {
    code: 400,
    subCode: 8510,
    message: 'Action failed, initial silence timeout reached.',
  },
  // Not recorded; the service's message for the same sub-code is PlayCanceled's.
  RecognizeCanceled: {
    code: 400,
    subCode: 8508,
    message: 'Action failed, the operation was cancelled.',
  },
  MediaStreamingStarted: ok('Action completed successfully.'),
  MediaStreamingStopped: ok('Action completed successfully.'),
  MediaStreamingFailed: {
    code: 500,
    subCode: 8578,
    message: 'Action failed, not able to establish WebSocket connection.',
  },
  TranscriptionStarted: ok('Action completed successfully.'),
  TranscriptionStopped: ok('Action completed successfully.'),
  TranscriptionUpdated: ok('Action completed successfully.'),
  TranscriptionFailed: {
    code: 500,
    subCode: 8578,
    message: 'Action failed, not able to establish WebSocket connection.',
  },
  TranscriptionCallSummaryUpdated: ok('Action completed successfully.'),
  RecordingStateChanged: ok('Recording state changed.'),
  StartRecordingFailed: {
    code: 500,
    subCode: 8572,
    message: 'Action failed due to an internal server error.',
  },
} satisfies Record<string, ResultInformation>;

/** Short names of the events the emulator sends, e.g. `CallConnected`. */
export type EventName = keyof typeof DEFAULT_RESULTS;

export const EVENT_NAMES = Object.keys(DEFAULT_RESULTS) as readonly EventName[];

/**
 * The event that reports an accepted operation's failure, by swagger operation id: what a
 * `failOperation` fault rule makes the operation send. An operation that can fail after it was
 * accepted adds its line here, beside its events.
 */
export const FAILURE_EVENTS: Readonly<Record<string, EventName>> = {
  CallMedia_SendDtmfTones: 'SendDtmfTonesFailed',
  CallMedia_Recognize: 'RecognizeFailed',
  CallMedia_Play: 'PlayFailed',
  Connect: 'ConnectFailed',
  CallConnection_AddParticipant: 'AddParticipantFailed',
  CallConnection_TransferToParticipant: 'CallTransferFailed',
  CallRecording_StartRecording: 'StartRecordingFailed',
};

export const MEDIA_RESULTS = {
  maxTonesReceived: { code: 200, subCode: 8531, message: 'Action completed, max digits received.' },
  stopToneDetected: {
    code: 200,
    subCode: 8514,
    message: 'Action completed as stop tone was detected.',
  },
  interToneTimeout: {
    code: 400,
    subCode: 8532,
    message: 'Action failed, inter-digit silence timeout reached.',
  },
  initialSilenceTimeout: {
    code: 400,
    subCode: 8510,
    message: 'Action failed, initial silence timeout reached.',
  },
  // Not in the docs' table: a choice chosen by its tone reports plain success.
  choiceRecognized: { code: 200, subCode: 0, message: 'Action completed successfully.' },
  canceled: { code: 400, subCode: 8508, message: 'Action failed, the operation was cancelled.' },
  callEnded: {
    code: 400,
    subCode: 8508,
    message: 'Action failed, the operation was cancelled because the call ended.',
  },
  playCompleted: { code: 200, subCode: 0, message: 'Action completed successfully.' },
  // The speech codes are the SDKs' MediaEventReasonCode values (8545 "Speech option matched",
  // 8547 "Speech option not matched"); their messages and a free-form speech result's sub-code
  // are not documented (README, "Differences from the real service").
  speechRecognized: { code: 200, subCode: 0, message: 'Action completed successfully.' },
  speechOptionMatched: {
    code: 200,
    subCode: 8545,
    message: 'Action completed, speech option matched.',
  },
  speechOptionNotMatched: {
    code: 400,
    subCode: 8547,
    message: 'Action failed, speech option not matched.',
  },
} satisfies Record<string, ResultInformation>;

/** How a party answers a call, an invitation or a transfer (PUT /admin/parties/{rawId}). */
export type PartyAnswer = 'accept' | 'decline' | 'busy' | 'noAnswer' | 'unreachable';

export const PARTY_ANSWERS: readonly PartyAnswer[] = [
  'accept',
  'decline',
  'busy',
  'noAnswer',
  'unreachable',
];

/**
 * The result of a call, invitation or transfer the party did not take. Sub-codes are the
 * troubleshooting codes page's (8538 Callee Declined, 8539 Callee Busy, 8541 Callee Unavailable,
 * 8544 Callee Unreachable); codes are the SIP-style ones of its generic table. The messages are the
 * emulator's (no recording shows them).
 */
export const PARTY_FAILURES: Readonly<Record<Exclude<PartyAnswer, 'accept'>, ResultInformation>> = {
  decline: { code: 603, subCode: 8538, message: 'The callee declined the call.' },
  busy: { code: 486, subCode: 8539, message: 'The callee is busy.' },
  noAnswer: { code: 408, subCode: 8541, message: 'The callee did not answer in time.' },
  unreachable: { code: 404, subCode: 8544, message: 'The callee is unreachable.' },
};

/** CallDisconnected by why the leg ended (real-service-recordings.md, resultInformation table). */
export const DISCONNECT_RESULTS = {
  appEnded: {
    code: 200,
    subCode: 7000,
    message:
      'Call was ended by Azure Communication Service Call Automation API or a server bot. DiagCode: 0#7000.@',
  },
  remoteEnded: {
    code: 200,
    subCode: 5001,
    message: 'This conversation has ended.. DiagCode: 0#5001.@',
  },
  removed: {
    code: 200,
    subCode: 5300,
    message:
      'Call ended for this participant as it was removed from the conversation by another participant. DiagCode: 0#5300.@',
  },
} satisfies Record<string, ResultInformation>;
