/**
 * The resultInformation the service reports: a default per event, and the media operations' codes
 * from the recognize how-to's "Event codes" table (acs-service-facts.md §6). Where the docs are
 * silent (an operation cut short by the end of the call) the emulator reuses the documented
 * "canceled" sub-code.
 */
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
  canceled: { code: 400, subCode: 8508, message: 'Action failed, the operation was canceled.' },
  callEnded: {
    code: 400,
    subCode: 8508,
    message: 'Action failed, the operation was canceled because the call ended.',
  },
  playCompleted: { code: 200, subCode: 0, message: 'Action completed successfully.' },
} satisfies Record<string, ResultInformation>;
