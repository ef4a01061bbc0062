/**
 * resultInformation of media operations, from the recognize how-to's "Event codes" table
 * (acs-service-facts.md §6). Where the docs are silent (an operation cut short by the end of the
 * call) the emulator reuses the documented "canceled" sub-code.
 */
import type { ResultInformation } from './catalogue.js';

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
