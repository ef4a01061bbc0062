/**
 * Media streaming and live transcription subscriptions as one pure machine. A subscription set up
 * by createCall/answerCall is `inactive` until started (on connect when the options say so, or by
 * the start operation); `starting` while the emulator dials the app's WebSocket; `active` once it
 * answered (Started event) or back to `inactive` when it refused (Failed event). The WebSocket
 * itself lives in src/streaming/, which feeds `connected` / `connectFailed` / `dropped` back here.
 */
import { emit, type EmitEffect } from './effect.js';
import type { ResultInformation } from './results.js';

export type StreamKind = 'media' | 'transcription';

export interface MediaStreamingSetup {
  transportUrl?: string;
  audioChannelType: 'mixed' | 'unmixed';
  /** Samples per second: 16000 (pcm16KMono, the default) or 24000 (pcm24KMono). */
  sampleRate: 16000 | 24000;
  enableBidirectional: boolean;
  enableDtmfTones: boolean;
  startOnConnect: boolean;
}

export interface TranscriptionSetup {
  transportUrl?: string;
  locale: string;
  enableIntermediateResults: boolean;
  startOnConnect: boolean;
}

export type SubscriptionState = 'inactive' | 'starting' | 'active';

export interface Subscription<S> {
  /** Subscription id, a GUID, also sent in the WebSocket metadata. */
  id: string;
  setup: S;
  state: SubscriptionState;
  /** Context and callback override of the request that started (or last changed) it. */
  operationContext?: string;
  callbackUri?: string;
  /** Emulator-clock time it became active. */
  activeSince?: number;
}

export type StreamingInput =
  | { type: 'start'; operationContext?: string; callbackUri?: string; locale?: string }
  | { type: 'connected'; at: number }
  | { type: 'connectFailed' }
  /** The app closed an active socket. */
  | { type: 'dropped' }
  | { type: 'stop'; operationContext?: string; callbackUri?: string }
  | { type: 'update'; locale?: string; operationContext?: string; callbackUri?: string }
  | { type: 'callEnded' };

export interface StreamingStep<S> {
  subscription: Subscription<S>;
  effects: EmitEffect[];
}

/** Not in the transcription how-to's table for media streaming; the same codes are assumed. */
export const STREAMING_RESULTS = {
  ok: { code: 200, subCode: 0, message: 'Action completed successfully.' },
  connectFailed: {
    code: 500,
    subCode: 8578,
    message: 'Action failed, not able to establish WebSocket connection.',
  },
  interrupted: {
    code: 500,
    subCode: 8579,
    message: 'Action failed, the WebSocket connection was closed by the application.',
  },
} satisfies Record<string, ResultInformation>;

type Status = 'started' | 'stopped' | 'failed' | 'updated';

const MEDIA_EVENTS = {
  started: 'MediaStreamingStarted',
  stopped: 'MediaStreamingStopped',
  failed: 'MediaStreamingFailed',
} as const;
const TRANSCRIPTION_EVENTS = {
  started: 'TranscriptionStarted',
  stopped: 'TranscriptionStopped',
  failed: 'TranscriptionFailed',
  updated: 'TranscriptionUpdated',
} as const;

function update(
  kind: StreamKind,
  status: Status,
  details: string,
): Record<string, Record<string, string>> {
  if (kind === 'media') {
    return {
      mediaStreamingUpdate: {
        contentType: 'Audio',
        mediaStreamingStatus: `mediaStreaming${status[0]?.toUpperCase()}${status.slice(1)}`,
        mediaStreamingStatusDetails: details,
      },
    };
  }
  return {
    transcriptionUpdate: {
      transcriptionStatus: `transcription${status[0]?.toUpperCase()}${status.slice(1)}`,
      transcriptionStatusDetails: details,
    },
  };
}

function event<S>(
  kind: StreamKind,
  sub: Subscription<S>,
  status: Status,
  details: string,
  result: ResultInformation,
): EmitEffect {
  // Only transcription is ever `updated` (stepStreaming ignores an update of media streaming).
  const name =
    kind === 'media' && status !== 'updated' ? MEDIA_EVENTS[status] : TRANSCRIPTION_EVENTS[status];
  return emit(name, {
    ...(sub.operationContext !== undefined ? { operationContext: sub.operationContext } : {}),
    ...(sub.callbackUri !== undefined ? { callbackUri: sub.callbackUri } : {}),
    resultInformation: result,
    data: update(kind, status, details),
  });
}

const requestFields = (input: { operationContext?: string; callbackUri?: string }) => ({
  operationContext: input.operationContext,
  callbackUri: input.callbackUri,
});

/** A transcription's locale changes on start and update; media streaming has none. */
const withLocale = <S extends MediaStreamingSetup | TranscriptionSetup>(
  setup: S,
  locale: string | undefined,
): S => (locale !== undefined && 'locale' in setup ? { ...setup, locale } : setup);

export function stepStreaming<S extends MediaStreamingSetup | TranscriptionSetup>(
  kind: StreamKind,
  sub: Subscription<S>,
  input: StreamingInput,
): StreamingStep<S> {
  const same: StreamingStep<S> = { subscription: sub, effects: [] };
  const inactive = { ...sub, state: 'inactive' as const, activeSince: undefined };
  switch (input.type) {
    case 'start': {
      if (sub.state !== 'inactive') return same;
      const setup = withLocale(sub.setup, input.locale);
      return {
        subscription: { ...sub, ...requestFields(input), setup, state: 'starting' },
        effects: [],
      };
    }
    case 'connected': {
      if (sub.state !== 'starting') return same;
      const next = { ...sub, state: 'active' as const, activeSince: input.at };
      return {
        subscription: next,
        effects: [event(kind, next, 'started', 'subscriptionStarted', STREAMING_RESULTS.ok)],
      };
    }
    case 'connectFailed': {
      if (sub.state !== 'starting') return same;
      const details =
        kind === 'media' ? 'initialWebSocketConnectionFailed' : 'streamConnectionUnsuccessful';
      return {
        subscription: inactive,
        effects: [event(kind, sub, 'failed', details, STREAMING_RESULTS.connectFailed)],
      };
    }
    case 'dropped':
      if (sub.state !== 'active') return same;
      return {
        subscription: inactive,
        effects: [
          event(kind, sub, 'failed', 'streamConnectionInterrupted', STREAMING_RESULTS.interrupted),
        ],
      };
    case 'stop': {
      if (sub.state === 'inactive') return same;
      const next = { ...inactive, ...requestFields(input) };
      return {
        subscription: next,
        effects: [event(kind, next, 'stopped', 'subscriptionStopped', STREAMING_RESULTS.ok)],
      };
    }
    case 'update': {
      if (kind === 'media') return same;
      const setup = withLocale(sub.setup, input.locale);
      const next = { ...sub, ...requestFields(input), setup };
      return {
        subscription: next,
        effects: [event(kind, next, 'updated', 'transcriptionLocaleUpdated', STREAMING_RESULTS.ok)],
      };
    }
    case 'callEnded':
      // The docs: streaming "automatically stops when the call is disconnected".
      if (sub.state !== 'active') return { subscription: inactive, effects: [] };
      return {
        subscription: inactive,
        effects: [event(kind, sub, 'stopped', 'subscriptionStopped', STREAMING_RESULTS.ok)],
      };
  }
}
