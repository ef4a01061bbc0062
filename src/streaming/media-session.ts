/**
 * One media streaming WebSocket: AudioMetadata first, then an AudioData frame every 20 ms of
 * emulator time (one mixed stream, or one per participant when unmixed), DtmfData for keys when
 * asked for, and, when bidirectional, the app's outbound AudioData and StopAudio counted as what
 * the caller heard.
 */
import type WebSocket from 'ws';
import type { Clock, TimerHandle } from '../clock.js';
import type { MediaStreamingSetup } from '../domain/streaming-machine.js';
import { AudioTimeline, FRAME_MS, isSilent, mix, toBase64 } from './audio-timeline.js';

/** The most frames one late timer turn sends to catch up (100 ms of audio). */
export const MAX_CATCH_UP = 5;

export interface HeardAudio {
  /** Outbound AudioData messages the app sent. */
  frames: number;
  /** Their length at the stream's sample rate. */
  durationMs: number;
  /** StopAudio messages. */
  stops: number;
  /** Messages that were neither (not JSON, unknown kind, data not base64). */
  rejected: number;
}

export class MediaSession {
  readonly timeline: AudioTimeline;
  framesSent = 0;
  readonly heard: HeardAudio = { frames: 0, durationMs: 0, stops: 0, rejected: 0 };
  private timer?: TimerHandle;
  private windowStart = 0;
  private socket?: WebSocket;

  constructor(
    private readonly clock: Clock,
    readonly setup: MediaStreamingSetup,
    private readonly participants: () => readonly string[],
  ) {
    this.timeline = new AudioTimeline(setup.sampleRate);
  }

  /** The socket opened: metadata now, the first frame once its 20 ms have passed. */
  start(socket: WebSocket, subscriptionId: string): void {
    this.socket = socket;
    socket.send(
      JSON.stringify({
        kind: 'AudioMetadata',
        audioMetadata: {
          subscriptionId,
          encoding: 'PCM',
          sampleRate: this.setup.sampleRate,
          channels: 1,
          length: this.timeline.samplesPerFrame * 2,
        },
      }),
    );
    this.windowStart = this.clock.now();
    this.timer = this.clock.setTimeout(() => this.tick(), FRAME_MS);
  }

  key(participant: string, key: string, at: number): void {
    this.timeline.key(participant, key, at);
    if (this.setup.enableDtmfTones && this.socket)
      this.socket.send(JSON.stringify({ kind: 'DtmfData', dtmfData: { data: key } }));
  }

  receive(text: string): void {
    if (!this.setup.enableBidirectional) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.heard.rejected++;
      return;
    }
    const record = (message ?? {}) as Record<string, unknown>;
    // The docs' samples write Kind/AudioData/Data; the JS SDK's helpers write kind/audioData/data.
    const field = (o: Record<string, unknown>, name: string) =>
      o[name] ?? o[name.charAt(0).toUpperCase() + name.slice(1)];
    const kind = String(field(record, 'kind') ?? '').toLowerCase();
    if (kind === 'stopaudio') {
      this.heard.stops++;
      return;
    }
    const audio = field(record, 'audioData') as Record<string, unknown> | undefined;
    const data = audio ? field(audio, 'data') : undefined;
    if (kind !== 'audiodata' || typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
      this.heard.rejected++;
      return;
    }
    const samples = Buffer.from(data, 'base64').length / 2;
    this.heard.frames++;
    this.heard.durationMs += (samples * 1000) / this.setup.sampleRate;
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.socket = undefined;
  }

  /**
   * Sends every frame whose 20 ms have passed, then waits for the end of the next one. Aiming at
   * that fixed deadline (not 20 ms after this turn) keeps a late timer from pushing every later
   * frame back; a turn that finds several frames due sends them, at most MAX_CATCH_UP, and a
   * stream further behind than that skips the oldest windows, as a real-time stream loses them.
   */
  private tick(): void {
    const socket = this.socket;
    if (!socket) return;
    const now = this.clock.now();
    const due = Math.max(1, Math.floor((now - this.windowStart) / FRAME_MS));
    if (due > MAX_CATCH_UP) this.windowStart += (due - MAX_CATCH_UP) * FRAME_MS;
    for (let n = Math.min(due, MAX_CATCH_UP); n > 0 && this.socket === socket; n--) {
      const start = this.windowStart;
      this.windowStart += FRAME_MS;
      this.sendWindow(socket, start);
    }
    if (this.socket !== socket) return;
    this.timer = this.clock.setTimeout(
      () => this.tick(),
      this.windowStart + FRAME_MS - this.clock.now(),
    );
  }

  private sendWindow(socket: WebSocket, start: number): void {
    const timestamp = new Date(start).toISOString();
    const people = this.participants();
    const frames = people.map((p) => this.timeline.frame(p, start));
    if (this.setup.audioChannelType === 'unmixed') {
      frames.forEach((frame, i) => this.send(socket, frame, timestamp, people[i]));
    } else {
      this.send(socket, mix(frames, this.timeline.samplesPerFrame), timestamp, undefined);
    }
  }

  private send(socket: WebSocket, frame: Int16Array, timestamp: string, participant?: string) {
    this.framesSent++;
    socket.send(
      JSON.stringify({
        kind: 'AudioData',
        audioData: {
          timestamp,
          ...(participant !== undefined ? { participantRawID: participant } : {}),
          data: toBase64(frame),
          silent: isSilent(frame),
        },
      }),
    );
  }
}
