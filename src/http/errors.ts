/**
 * The one error class and the catalogue of every error the emulator answers with.
 * Codes marked "(service)" are the real service's; the others are ours, chosen because the service's
 * are not documented, and listed in the README.
 */
export interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
}

export class AcsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: {
      target?: string;
      details?: ErrorDetail[];
      /** Our own explanation beside the service's code and message (CommunicationError.innererror). */
      innerError?: ErrorDetail;
      headers?: Record<string, string>;
      /**
       * Rendered as the recording storage answers (`status` and `message` at the top, which the
       * SDK's content downloader reads), with the ACS `error` object beside them.
       */
      storage?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'AcsError';
  }
}

/** Codes an injected error uses when its rule names none: the HTTP reason phrase in ACS style. */
const INJECTED_CODES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

const AUTH_SWITCH =
  'start the emulator with --disable-auth (env ACS_EMULATOR_DISABLE_AUTH=true) to skip authentication';
const API_VERSION_SWITCH =
  '--accept-any-api-version (env ACS_EMULATOR_ACCEPT_ANY_API_VERSION=true)';

/** The service's code and message for an unknown or ended call (its live-test recordings). */
export const CALL_NOT_FOUND = { code: '8522', message: 'Call not found.' } as const;

function callNotFoundError(explanation: string): AcsError {
  return new AcsError(404, CALL_NOT_FOUND.code, CALL_NOT_FOUND.message, {
    innerError: { code: 'CallNotFound', message: explanation },
  });
}

function denied(message: string): AcsError {
  return new AcsError(401, 'Denied', `${message} To test without credentials, ${AUTH_SWITCH}.`);
}

export const errors = {
  // 400: api-version (ASP.NET API Versioning's codes, which ACS front ends use)
  apiVersionMissing: (example = '2026-03-12') =>
    new AcsError(
      400,
      'ApiVersionUnspecified',
      `An API version is required, but was not specified. Add the query parameter 'api-version', for example ?api-version=${example}.`,
    ),
  apiVersionRepeated: () =>
    new AcsError(
      400,
      'AmbiguousApiVersion',
      "The query parameter 'api-version' was given more than once; give it once.",
    ),
  apiVersionUnsupported: (version: string, supported: readonly string[]) =>
    new AcsError(
      400,
      'UnsupportedApiVersion',
      `The HTTP resource does not support the API version '${version}'. Supported versions: ${supported.join(', ')}. To accept any version, start the emulator with ${API_VERSION_SWITCH}.`,
    ),

  // 401: authentication
  authMissing: () =>
    denied(
      'The Authorization header is missing. Sign the request with HMAC-SHA256 (the SDK does this from the connection string) or send a Bearer token.',
    ),
  authMalformed: (why: string) => denied(`The Authorization header is malformed: ${why}.`),
  authDateMissing: () =>
    denied(
      "The 'x-ms-date' header is missing or is not an RFC 1123 date (for example 'Thu, 12 Mar 2026 10:00:00 GMT').",
    ),
  authDateOutOfWindow: (date: string, skewSeconds: number, windowSeconds: number) =>
    denied(
      `The 'x-ms-date' header '${date}' is ${Math.round(Math.abs(skewSeconds))} s ${skewSeconds < 0 ? 'in the past' : 'in the future'}; it must be within ${windowSeconds} s of the emulator's clock (--auth-date-window-seconds).`,
    ),
  authContentHashMissing: () =>
    denied(
      "The 'x-ms-content-sha256' header is missing; it must be the base64 SHA-256 of the request body.",
    ),
  // (service) code and message of the real front end; our hint goes in innererror
  authContentHashMismatch: () =>
    new AcsError(
      401,
      'Denied',
      "Request 'x-ms-content-sha256' differs from generated content hash.",
      {
        innerError: {
          code: 'ContentHashMismatch',
          message: `The body was changed after it was signed, or 'x-ms-content-sha256' is not the base64 SHA-256 of the raw body bytes. To test without credentials, ${AUTH_SWITCH}.`,
        },
      },
    ),
  // (service) code and message of the real Call Automation front end; our hint goes in innererror
  authSignatureMismatch: (stringToSign: string) =>
    new AcsError(401, '7509', 'HMAC-SHA256 validation failed', {
      innerError: {
        code: 'SignatureMismatch',
        message: `The signature does not match the emulator's access key. The emulator signed ${JSON.stringify(stringToSign)}; check the access key in the connection string and that the Host header and URL are not rewritten by a proxy. To test without credentials, ${AUTH_SWITCH}.`,
      },
    }),
  authBearerInvalid: (why: string) => denied(`The Bearer token is not accepted: ${why}.`),

  // 401: control API
  adminKeyMissing: () =>
    new AcsError(
      401,
      'AdminKeyRequired',
      'The control API needs the admin key: send it as x-admin-key or Authorization: Bearer <key> (set with --admin-key / ACS_EMULATOR_ADMIN_KEY).',
    ),
  adminKeyWrong: () =>
    new AcsError(
      401,
      'AdminKeyInvalid',
      'The admin key does not match --admin-key (ACS_EMULATOR_ADMIN_KEY).',
    ),

  adminCrossSite: (evidence: string) =>
    new AcsError(
      403,
      'CrossSiteRequestRefused',
      `The control API refuses writes from web pages of other sites (${evidence}); call it from a test, a script or the emulator's own dashboard.`,
    ),

  // limits
  callLimitReached: (limit: number) =>
    new AcsError(
      400,
      'CallLimitReached',
      `The emulator already holds ${limit} live calls (--max-calls / ACS_EMULATOR_MAX_CALLS); hang some up or raise the limit.`,
    ),
  pendingCallbacksLimit: (limit: number, destination?: string) =>
    new AcsError(
      429,
      'TooManyPendingCallbacks',
      `${limit} callbacks are waiting for delivery${destination ? ` to ${destination}` : ''} (--max-pending-callbacks / ACS_EMULATOR_MAX_PENDING_CALLBACKS); is the webhook down? Retry later.`,
      { headers: { 'Retry-After': '1' } },
    ),
  faultRuleLimit: (limit: number) =>
    new AcsError(
      400,
      'FaultRuleLimitReached',
      `${limit} fault rules are held already (--max-fault-rules / ACS_EMULATOR_MAX_FAULT_RULES); DELETE /admin/faults or raise the limit.`,
    ),
  participantLimitReached: (count: number, limit: number) =>
    new AcsError(
      400,
      'ParticipantLimitReached',
      `The call would have ${count} participants; the limit is ${limit} (--max-participants / ACS_EMULATOR_MAX_PARTICIPANTS).`,
    ),

  // 400: request body
  invalidBody: (problems: readonly string[]) =>
    new AcsError(400, 'BadRequest', `The request body is invalid: ${problems.join('; ')}.`, {
      details: problems.map((message) => ({ code: 'InvalidField', message })),
    }),
  invalidJson: (why: string) =>
    new AcsError(400, 'BadRequest', `The request body is not valid JSON: ${why}.`),
  bodyRequired: () =>
    new AcsError(400, 'BadRequest', 'The request body is required and must be a JSON object.'),
  unsupportedContentType: (contentType: string | undefined) =>
    new AcsError(
      400,
      'BadRequest',
      `The request body must be sent with 'Content-Type: application/json'${contentType ? `, not '${contentType}'` : '; the header is missing'}.`,
    ),
  bodyTooLarge: (limit: number) =>
    new AcsError(
      413,
      'RequestEntityTooLarge',
      `The request body is larger than ${limit} bytes (--body-limit-bytes).`,
    ),

  // state: (service) 404 8522 "Call not found." for an unknown or ended call; why, in innererror
  callNotFound: (id: string) =>
    callNotFoundError(
      `Call connection '${id}' was not found. Create it with createCall or answerCall first; ids are forgotten on POST /admin/reset.`,
    ),
  callEnded: (id: string, endedAt?: number) =>
    callNotFoundError(
      `Call connection '${id}' has ended (disconnected${endedAt !== undefined ? ` at ${new Date(endedAt).toISOString()}` : ''}); no further operations are possible on it. Create a new call.`,
    ),
  /** The control API's own code for a call it does not know (not a service answer). */
  adminCallNotFound: (id: string) =>
    new AcsError(
      404,
      'CallNotFound',
      `Call connection '${id}' was not found. GET /admin/calls lists the calls; ids are forgotten on POST /admin/reset.`,
    ),
  callNotConnected: (id: string, state: string) =>
    new AcsError(
      400,
      'CallNotConnected',
      `Call connection '${id}' is '${state}'; this operation needs a connected call. Wait for the CallConnected event.`,
    ),
  participantNotInCall: (rawId: string, callId: string, present: readonly string[]) =>
    new AcsError(
      400,
      'ParticipantNotFound',
      `Participant '${rawId}' is not in call connection '${callId}'. Participants: ${present.length > 0 ? present.join(', ') : '(none)'}.`,
    ),

  participantNotFound: (rawId: string, callId: string) =>
    new AcsError(
      404,
      'ParticipantNotFound',
      `Participant '${rawId}' is not in call connection '${callId}'. List the participants with GET .../participants.`,
    ),

  // participants: add, remove, cancel, transfer, move
  invitationNotFound: (invitationId: string, callId: string) =>
    new AcsError(
      404,
      'InvitationNotFound',
      `Invitation '${invitationId}' is not known in call connection '${callId}'. Use the invitationId that addParticipant answered; GET /admin/calls/{id} lists the call's invitations.`,
    ),
  participantAlreadyInCall: (rawId: string, callId: string) =>
    new AcsError(
      400,
      'ParticipantAlreadyInCall',
      `Participant '${rawId}' is already in call connection '${callId}'; list the participants with GET .../participants.`,
    ),
  invitationPending: (rawId: string, callId: string, invitationId: string) =>
    new AcsError(
      409,
      'InvitationPending',
      `Participant '${rawId}' is already being invited to call connection '${callId}' (invitation '${invitationId}'). Wait for AddParticipantSucceeded or AddParticipantFailed, or cancel it with cancelAddParticipant.`,
    ),
  transfereeRequired: (callId: string, present: readonly string[]) =>
    new AcsError(
      400,
      'TransfereeRequired',
      `Call connection '${callId}' has several other participants (${present.join(', ')}); say which one to transfer with 'transferee'.`,
    ),
  moveFromSameCall: (callId: string) =>
    new AcsError(
      400,
      'InvalidFromCall',
      `fromCall '${callId}' is the call the participants would move into; name another call connection.`,
    ),

  // incoming calls and the simulated caller
  incomingCallUnknown: (context: string) =>
    new AcsError(
      400,
      'InvalidIncomingCallContext',
      `incomingCallContext '${context}' is not known. Use the incomingCallContext of an IncomingCall event or of POST /admin/incoming-calls; contexts are forgotten on POST /admin/reset.`,
    ),
  incomingCallHandled: (context: string, status: string, callConnectionId?: string) =>
    new AcsError(
      409,
      'IncomingCallAlreadyHandled',
      `The incoming call with incomingCallContext '${context}' was already ${status}${callConnectionId ? ` (call connection '${callConnectionId}')` : ''}; an incoming call can be answered, rejected or redirected once. Place a new one with POST /admin/incoming-calls.`,
    ),
  incomingCallExpired: (context: string, timeoutMs: number) =>
    new AcsError(
      409,
      'IncomingCallExpired',
      `The incoming call with incomingCallContext '${context}' rang for ${timeoutMs} ms without being answered and has expired. Answer sooner, or raise --incoming-call-timeout-ms (env ACS_EMULATOR_INCOMING_CALL_TIMEOUT_MS).`,
    ),
  sendDtmfNotPstn: (rawId: string) =>
    new AcsError(
      400,
      'InvalidTargetParticipant',
      `sendDtmfTones supports only participants on the public telephone network (phone numbers, raw id '4:...'); '${rawId}' is not one.`,
    ),
  muteNotAcsUser: (rawId: string) =>
    new AcsError(
      400,
      'InvalidTargetParticipant',
      `Mute supports only Communication Services users (raw id '8:acs:...'), as the swagger says; '${rawId}' is not one.`,
    ),
  tooManyTones: (count: number, max: number) =>
    new AcsError(
      400,
      'TooManyTones',
      `sendDtmfTones sends at most ${max} tones at a time; this request has ${count}. Split it into several requests.`,
    ),
  // (service) status, code and message of the service's refusal (transcription how-to, "Event
  // codes"; azure-sdk-for-js issue 27966); the sentence after it is ours.
  cognitiveServicesNotSet: (what: string) =>
    new AcsError(
      405,
      '8522',
      `Request not allowed when Cognitive Service Configuration not set during call setup. ${what} needs callIntelligenceOptions.cognitiveServicesEndpoint in createCall or answerCall; to test without it, start the emulator with --allow-speech-without-cognitive-services (env ACS_EMULATOR_ALLOW_SPEECH_WITHOUT_COGNITIVE_SERVICES=true).`,
    ),
  // (service) transcription how-to, "Event codes"; media streaming's wording is ours, by analogy.
  streamingUrlNotSet: (kind: 'media' | 'transcription') =>
    new AcsError(
      405,
      '8522',
      kind === 'transcription'
        ? 'Request not allowed when Transcription url not set during call setup. Give transcriptionOptions.transportUrl (a ws:// or wss:// URL) in createCall or answerCall.'
        : 'Request not allowed when Media Streaming url not set during call setup. Give mediaStreamingOptions.transportUrl (a ws:// or wss:// URL) in createCall or answerCall.',
    ),
  streamingAlreadyStarted: (kind: 'media' | 'transcription', id: string) =>
    new AcsError(
      400,
      kind === 'media' ? 'MediaStreamingAlreadyStarted' : 'TranscriptionAlreadyStarted',
      `${kind === 'media' ? 'Media streaming' : 'Transcription'} is already started on call connection '${id}'; stop it first.`,
    ),
  transcriptionNotStarted: (id: string) =>
    new AcsError(
      400,
      'TranscriptionNotStarted',
      `Transcription is not running on call connection '${id}'; start it with startTranscription before updating it.`,
    ),
  adminCallEnded: (id: string) =>
    new AcsError(
      409,
      'CallEnded',
      `Call connection '${id}' has already ended (disconnected); the simulated caller can no longer act on it.`,
    ),

  // recordings (codes ours: the service's are not documented; listed in the README)
  recordingNotFound: (id: string) =>
    new AcsError(
      404,
      'RecordingNotFound',
      `Recording '${id}' was not found. Use the recordingId that startRecording returned; ids are forgotten on POST /admin/reset.`,
    ),
  recordingStopped: (id: string) =>
    new AcsError(
      404,
      'RecordingNotFound',
      `Recording '${id}' has stopped; a stopped recording cannot be read, paused, resumed or stopped again. Its files are announced by RecordingFileStatusUpdated.`,
    ),
  recordingInProgress: (callId: string, recordingId: string) =>
    new AcsError(
      409,
      'RecordingAlreadyInProgress',
      `Call connection '${callId}' is already being recorded (recording '${recordingId}'). Stop that recording first.`,
    ),
  recordingCallLocatorMissing: () =>
    new AcsError(
      400,
      'BadRequest',
      'Either callLocator or callConnectionId is required to start a recording.',
    ),
  recordingCallNotFound: (what: string) =>
    callNotFoundError(
      `The call to record (${what}) was not found. The emulator knows only calls made with createCall or answerCall; use their callConnectionId or serverCallId.`,
    ),
  recordingOptionsInvalid: (why: string) => new AcsError(400, 'BadRequest', why),
  recordingFileNotFound: (documentId: string) =>
    new AcsError(
      404,
      'NotFound',
      `Recording file '${documentId}' was not found: it was deleted, evicted (--recording-memory-limit-bytes) or forgotten on POST /admin/reset.`,
    ),
  rangeNotSatisfiable: (range: string, size: number) =>
    new AcsError(
      416,
      'RangeNotSatisfiable',
      `Range '${range}' is outside the file's ${size} bytes.`,
      { headers: { 'content-range': `bytes */${size}` } },
    ),
  subscriptionNotFound: (name: string) =>
    new AcsError(
      404,
      'NotFound',
      `Event subscription '${name}' was not found. List them with GET /admin/event-subscriptions.`,
    ),

  // routing
  routeNotFound: (method: string, path: string) =>
    new AcsError(
      404,
      'NotFound',
      `No route matches ${method} ${path}. Call Automation routes live under /calling, the emulator's own under /admin.`,
    ),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new AcsError(
      405,
      'MethodNotAllowed',
      `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
      {
        headers: { Allow: allowed.join(', ') },
      },
    ),
  notImplemented: (operationId: string) =>
    new AcsError(
      501,
      'NotImplemented',
      `The emulator does not implement ${operationId} yet. See the README's table of emulated operations.`,
    ),

  internal: () =>
    new AcsError(
      500,
      'InternalError',
      'The emulator hit an unexpected error; its log has the details.',
    ),

  // control API (/admin)
  invalidQuery: (name: string, expectation: string) =>
    new AcsError(400, 'BadRequest', `Query parameter '${name}' ${expectation}.`, { target: name }),
  invalidFaultRule: (problems: readonly { field: string; message: string }[]) =>
    new AcsError(
      400,
      'InvalidFaultRule',
      `The fault rule is invalid: ${problems.map((p) => p.message).join('; ')}. docs/faults.md describes rules.`,
      {
        target: problems[0]?.field,
        details: problems.map((p) => ({
          code: 'InvalidField',
          message: p.message,
          target: p.field,
        })),
      },
    ),
  faultRuleNotFound: (id: string) =>
    new AcsError(
      404,
      'FaultRuleNotFound',
      `No fault rule has id '${id}'; it may have fired its last time. GET /admin/faults lists the rules left.`,
    ),
  faultRuleExists: (id: string) =>
    new AcsError(
      409,
      'FaultRuleExists',
      `A fault rule with id '${id}' already exists; choose another id or DELETE /admin/faults/${id} first.`,
    ),

  // fault injection: the error an `error` rule answers with, in the ACS envelope
  injected: (
    ruleId: string,
    action: { status: number; code?: string; message?: string; retryAfterSeconds?: number },
  ) =>
    new AcsError(
      action.status,
      action.code ?? INJECTED_CODES[action.status] ?? `Http${action.status}`,
      action.message ??
        `Injected by the emulator's fault rule '${ruleId}' (DELETE /admin/faults/${ruleId} removes it).`,
      action.retryAfterSeconds !== undefined
        ? { headers: { 'Retry-After': String(action.retryAfterSeconds) } }
        : {},
    ),

  eventWaitTimedOut: (filter: string, timeoutMs: number, maxTimeoutMs: number) =>
    new AcsError(
      408,
      'EventWaitTimeout',
      `No callback event matching ${filter} was recorded within ${timeoutMs} ms. GET /admin/events lists what was recorded; to wait longer, raise timeoutMs (at most ${maxTimeoutMs}).`,
    ),
};
