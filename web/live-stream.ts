/**
 * Keeps one GET /admin/stream open: reads it with fetch (so it can send the admin key), hands each
 * message on, and after a drop reconnects with Last-Event-ID, waiting what the server's `retry:`
 * asks (longer after repeated failures). It stops on 401 until the key changes.
 */
import type { AdminApi } from './api.js';
import { SseParser, type SseMessage } from './sse-parser.js';

export type StreamStatus = 'connecting' | 'live' | 'offline' | 'unauthorized';

export interface StreamHandlers {
  message(message: SseMessage): void;
  status(status: StreamStatus): void;
}

const MAX_WAIT_MS = 30_000;

export class LiveStream {
  private lastEventId: string | undefined;
  private abort: AbortController | undefined;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = 2_000;

  constructor(
    private readonly api: AdminApi,
    private readonly handlers: StreamHandlers,
  ) {}

  /** Opens the stream (again), e.g. after the admin key changed. */
  start(): void {
    this.stop();
    void this.run();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = undefined;
  }

  private async run(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.handlers.status('connecting');
    try {
      const response = await fetch(`${this.api.base}/admin/stream`, {
        headers: this.api.headers(
          this.lastEventId === undefined ? {} : { 'last-event-id': this.lastEventId },
        ),
        signal: abort.signal,
      });
      if (response.status === 401) {
        this.handlers.status('unauthorized');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      this.handlers.status('live');
      this.failures = 0;
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          if (message.id !== undefined) this.lastEventId = message.id;
          this.handlers.message(message);
        }
        this.retryMs = parser.retryMs ?? this.retryMs;
      }
    } catch {
      if (abort.signal.aborted) return;
    }
    if (abort.signal.aborted) return;
    this.failures++;
    this.handlers.status('offline');
    const wait = Math.min(MAX_WAIT_MS, this.retryMs * 2 ** Math.min(this.failures - 1, 4));
    this.timer = setTimeout(() => void this.run(), wait);
  }
}
