/** The state the emulator keeps per call connection. */
import type { DtmfState } from './dtmf-machine.js';
import type { Invitation } from './invitation.js';
import type { MediaOp } from './media-machine.js';
import type { DtmfSend } from './send-dtmf-machine.js';
import type { Utterance } from './speech.js';
import type { MediaStreamingSetup, Subscription, TranscriptionSetup } from './streaming-machine.js';
import type { Identifier, IdentifierModel } from '../schemas/identifier.js';

/** CallConnectionStateModel values the emulator moves through. */
export type CallState = 'connecting' | 'connected' | 'disconnected';

export interface Participant {
  identifier: Identifier;
  isMuted: boolean;
  isOnHold: boolean;
}

export interface Call {
  callConnectionId: string;
  serverCallId: string;
  correlationId: string;
  state: CallState;
  callbackUri: string;
  /** api-version of the request that created the call; events carry it as `version`. */
  apiVersion: string;
  operationContext?: string;
  source?: IdentifierModel;
  sourceCallerIdNumber?: { value: string; isAnonymous?: boolean; assertedId?: string };
  sourceDisplayName?: string;
  targets: Identifier[];
  /**
   * The remote parties in the call (connected legs); the first is the callee of createCall or the
   * caller of answerCall. The app's own identity is {@link Call.self}, not in this list.
   */
  participants: Participant[];
  /** The app's own identity as the service lists it among the participants. */
  self?: Identifier;
  /** The last ParticipantsUpdated sequenceNumber sent (per call, from 1). */
  participantsSequence?: number;
  /** addParticipant and transfer invitations: ringing, then accepted, failed or canceled. */
  invitations?: readonly Invitation[];
  /** Continuous DTMF recognition per participant raw id; absent means idle. */
  dtmf: Readonly<Record<string, DtmfState>>;
  /** Play and Recognize operations, running one first; absent when idle. */
  media?: readonly MediaOp[];
  /** sendDtmfTones requests, running and recent. */
  sentDtmf?: readonly DtmfSend[];
  /**
   * The last tone sequenceId (per call, from 1): every tone reported to continuous recognition
   * takes one, including a tone a failTone fault rule turned into ToneFailed.
   */
  toneSequence?: number;
  /** Keys the simulated caller pressed, e.g. `12#`. */
  tonesPressed?: string;
  /** Every tone heard on the call, when and by whom, for recordings (bounded, oldest first). */
  toneLog?: readonly HeardToneEvent[];
  /** How the call began: createCall or answerCall (with the incoming call's context). */
  answeredFor?: { value: string; isAnonymous?: boolean };
  answeredBy?: { id: string };
  incomingCallContext?: string;
  /** The call Connect joined: a room, a group call or a server call, by its id. */
  locator?: CallLocatorRef;
  /** callIntelligenceOptions.cognitiveServicesEndpoint of the call's setup (TTS and speech need it). */
  cognitiveServicesEndpoint?: string;
  /** mediaStreamingOptions of the call's setup; absent means disabled. */
  mediaStreaming?: Subscription<MediaStreamingSetup>;
  /** transcriptionOptions of the call's setup; absent means disabled. */
  transcription?: Subscription<TranscriptionSetup>;
  /** What the simulated caller said, in order. */
  utterances?: readonly Utterance[];
  createdAt: number;
  connectedAt?: number;
  endedAt?: number;
  endedBy?: EndReason;
}

export interface CallLocatorRef {
  kind: 'roomCallLocator' | 'groupCallLocator' | 'serverCallLocator';
  id: string;
}

/**
 * Why a leg ended: the app (hang-up, terminate, transfer accepted, everyone moved away or removed),
 * the remote party (remoteHangUp), another participant removed it (removed), or the callee never
 * took the call (createFailed).
 */
export type EndReason =
  | 'hangUp'
  | 'terminate'
  | 'remoteHangUp'
  | 'removed'
  | 'transferred'
  | 'movedAway'
  | 'createFailed';

/** A DTMF tone heard on the call: pressed by the caller or sent by the app to `participant`. */
export interface HeardToneEvent {
  /** Keypad character, e.g. `1` or `#`. */
  key: string;
  participant: string;
  source: 'caller' | 'app';
  /** Emulator clock time the tone began, and how long it sounded. */
  at: number;
  durationMs: number;
}

/** Tones kept per call for recordings; the oldest go first. */
export const TONE_LOG_LIMIT = 10_000;

/** How long a pressed key sounds: a typical keypad press (ITU-T Q.24 asks at least 40 ms). */
export const PRESSED_TONE_MS = 100;

export function logTones(
  log: readonly HeardToneEvent[] | undefined,
  tones: readonly HeardToneEvent[],
): readonly HeardToneEvent[] {
  const next = [...(log ?? []), ...tones];
  return next.length > TONE_LOG_LIMIT ? next.slice(next.length - TONE_LOG_LIMIT) : next;
}
