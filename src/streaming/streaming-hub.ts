/**
 * Every call's media streaming and transcription WebSockets. The hub watches each step of the
 * call service: a subscription that became `starting` is dialled, one that stopped (or whose call
 * ended) is closed, keys and speech go to the open sessions. What the sockets do goes back to the
 * call machine as streaming inputs (connected, connectFailed, dropped), which send the events.
 */
import type WebSocket from 'ws';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Call } from '../domain/call.js';
import type { CallInput } from '../domain/call-machine.js';
import type { StreamKind } from '../domain/streaming-machine.js';
import { keyOf } from '../domain/tones.js';
import { dial } from './dial.js';
import { MediaSession } from './media-session.js';
import { TranscriptionSession } from './transcription-session.js';

export interface StreamingHubOptions {
  clock: Clock;
  /** Feeds what a socket did back to the call service. */
  apply: (callConnectionId: string, input: CallInput) => void;
  logger?: Logger;
}

interface Open<S> {
  socket: WebSocket;
  session: S;
  /** Set when we close it, so its close is not reported as the app dropping it. */
  closing: boolean;
}

interface CallSockets {
  media?: Open<MediaSession>;
  transcription?: Open<TranscriptionSession>;
  /** The participants' raw ids as of the call's last step (the media frames need them). */
  participants: readonly string[];
  /** The last sessions that closed, so the control API still shows what they did. */
  lastMedia?: MediaSession;
  lastTranscription?: TranscriptionSession;
}

export class StreamingHub {
  private readonly calls = new Map<string, CallSockets>();

  constructor(private readonly options: StreamingHubOptions) {}

  /** Called after every applied step of the call service. */
  observe(call: Call, input: CallInput): void {
    const id = call.callConnectionId;
    const entry = this.calls.get(id);
    if (entry) entry.participants = call.participants.map((p) => p.identifier.rawId);
    this.sync(call, 'media');
    this.sync(call, 'transcription');
    const open = this.calls.get(id);
    if (!open) return;
    const now = this.options.clock.now();
    if (input.type === 'tone') open.media?.session.key(input.participant, keyOf(input.tone), now);
    if (input.type === 'speech') {
      const u = input.utterance;
      open.media?.session.timeline.speech(u.participant, u.text, u.at, u.durationMs);
      open.transcription?.session.utterance(u);
    }
  }

  /** The control API's view of a call's sockets: frames sent and what the caller heard. */
  adminView(id: string): Record<string, unknown> {
    const entry = this.calls.get(id);
    const media = entry?.media?.session ?? entry?.lastMedia;
    const transcription = entry?.transcription?.session ?? entry?.lastTranscription;
    return {
      ...(media
        ? {
            mediaStreamingSocket: {
              framesSent: media.framesSent,
              sampleRate: media.setup.sampleRate,
              audioChannelType: media.setup.audioChannelType,
              ...(media.setup.enableBidirectional
                ? {
                    callerHeard: { ...media.heard, durationMs: Math.round(media.heard.durationMs) },
                  }
                : {}),
            },
          }
        : {}),
      ...(transcription
        ? { transcriptionSocket: { messagesSent: transcription.messagesSent } }
        : {}),
    };
  }

  /** Closes every socket (POST /admin/reset, shutdown). */
  closeAll(): void {
    for (const id of [...this.calls.keys()]) {
      this.close(id, 'media');
      this.close(id, 'transcription');
    }
    this.calls.clear();
  }

  private sync(call: Call, kind: StreamKind): void {
    const id = call.callConnectionId;
    const sub = kind === 'media' ? call.mediaStreaming : call.transcription;
    const open = this.calls.get(id)?.[kind];
    const wanted = call.state !== 'disconnected' && sub !== undefined && sub.state !== 'inactive';
    if (!wanted && open) this.close(id, kind);
    if (wanted && !open && sub.state === 'starting') this.dial(call, kind);
  }

  private entry(call: Call): CallSockets {
    let entry = this.calls.get(call.callConnectionId);
    if (!entry) {
      entry = { participants: call.participants.map((p) => p.identifier.rawId) };
      this.calls.set(call.callConnectionId, entry);
    }
    return entry;
  }

  private dial(call: Call, kind: StreamKind): void {
    const id = call.callConnectionId;
    const sub = kind === 'media' ? call.mediaStreaming : call.transcription;
    const url = sub?.setup.transportUrl;
    const subscriptionId = sub?.id ?? '';
    const entry = this.entry(call);
    const report = (input: Extract<CallInput, { type: 'streaming' }>['input']) =>
      this.options.apply(id, { type: 'streaming', kind, input });
    if (url === undefined) {
      // Reported on the next turn: an observer must not apply inputs while the step runs.
      queueMicrotask(() => report({ type: 'connectFailed' }));
      return;
    }
    const ids = { callConnectionId: id, correlationId: call.correlationId };
    const clock = this.options.clock;
    const session =
      call.mediaStreaming && kind === 'media'
        ? new MediaSession(clock, call.mediaStreaming.setup, () => entry.participants)
        : call.transcription && new TranscriptionSession(clock, call.transcription.setup);
    if (!session) return;
    // One object for either kind; `session` tells which (the union of two Open types).
    const open = {
      socket: dial(url, ids, {
        open: () => {
          if (open.closing) return;
          if (session instanceof MediaSession) session.start(open.socket, subscriptionId);
          else session.start(open.socket, { subscriptionId, ...ids });
          report({ type: 'connected', at: clock.now() });
        },
        failed: (reason) => {
          if (open.closing) return;
          this.options.logger?.info(
            { callConnectionId: id, url, reason },
            `${kind} socket refused`,
          );
          this.forget(id, kind, open);
          report({ type: 'connectFailed' });
        },
        closed: () => {
          session.stop();
          if (open.closing) return;
          this.forget(id, kind, open);
          report({ type: 'dropped' });
        },
        message: (text) => {
          if (session instanceof MediaSession) session.receive(text);
        },
      }),
      session,
      closing: false,
    } as Open<MediaSession> | Open<TranscriptionSession>;
    if (session instanceof MediaSession) entry.media = open as Open<MediaSession>;
    else entry.transcription = open as Open<TranscriptionSession>;
  }

  private forget(
    id: string,
    kind: StreamKind,
    open: Open<MediaSession> | Open<TranscriptionSession>,
  ): void {
    const entry = this.calls.get(id);
    if (!entry || entry[kind] !== open) return;
    if (open.session instanceof MediaSession) {
      entry.lastMedia = open.session;
      entry.media = undefined;
    } else {
      entry.lastTranscription = open.session;
      entry.transcription = undefined;
    }
  }

  private close(id: string, kind: StreamKind): void {
    const open = this.calls.get(id)?.[kind];
    if (!open) return;
    open.closing = true;
    open.session.stop();
    this.forget(id, kind, open);
    if (open.socket.readyState === open.socket.OPEN) open.socket.close(1000, 'stopped');
    else open.socket.terminate();
  }
}
