/**
 * One live transcription WebSocket: TranscriptionMetadata first, then TranscriptionData for each
 * utterance once it has been said (an Intermediate result half-way through when asked for), on the
 * emulator clock and in order. Offsets and durations are in ticks of 100 ns from the start.
 */
import type WebSocket from 'ws';
import type { Clock, TimerHandle } from '../clock.js';
import type { Utterance } from '../domain/speech.js';
import type { TranscriptionSetup } from '../domain/streaming-machine.js';

const TICKS_PER_MS = 10_000;

export class TranscriptionSession {
  messagesSent = 0;
  private socket?: WebSocket;
  private startedAt = 0;
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly setup: TranscriptionSetup,
  ) {}

  start(
    socket: WebSocket,
    metadata: { subscriptionId: string; callConnectionId: string; correlationId: string },
  ): void {
    this.socket = socket;
    this.startedAt = this.clock.now();
    this.send({
      kind: 'TranscriptionMetadata',
      transcriptionMetadata: { ...metadata, locale: this.setup.locale },
    });
  }

  /** Transcribes an utterance said after the transcription started. */
  utterance(u: Utterance): void {
    if (!this.socket || u.at < this.startedAt) return;
    const words = u.text.split(/\s+/).filter((w) => w !== '');
    if (this.setup.enableIntermediateResults && words.length > 1) {
      const half = Math.ceil(words.length / 2);
      this.later(u.at + u.durationMs / 2 - this.clock.now(), () =>
        this.send(this.data(u, words.slice(0, half), 'Intermediate')),
      );
    }
    this.later(u.at + u.durationMs - this.clock.now(), () =>
      this.send(this.data(u, words, 'Final')),
    );
  }

  stop(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.socket = undefined;
  }

  private later(ms: number, fn: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  /** Words share the utterance's time evenly (the placeholder audio does the same). */
  private data(u: Utterance, words: readonly string[], resultStatus: 'Intermediate' | 'Final') {
    const all = u.text.split(/\s+/).filter((w) => w !== '').length || 1;
    const wordMs = u.durationMs / all;
    const offset = (u.at - this.startedAt) * TICKS_PER_MS;
    return {
      kind: 'TranscriptionData',
      transcriptionData: {
        text: words.join(' '),
        format: 'display',
        confidence: u.confidence,
        offset,
        duration: Math.round(wordMs * words.length * TICKS_PER_MS),
        words: words.map((text, i) => ({
          text,
          offset: offset + Math.round(i * wordMs * TICKS_PER_MS),
          duration: Math.round(wordMs * TICKS_PER_MS),
        })),
        participantRawID: u.participant,
        resultStatus,
      },
    };
  }

  private send(message: unknown): void {
    if (!this.socket) return;
    this.messagesSent++;
    this.socket.send(JSON.stringify(message));
  }
}
