/**
 * Server-sent events on an Express response: the headers, the wire format of one message, a
 * comment line now and then so proxies and idle timeouts keep the stream open, and a cap on what
 * may wait for a slow reader (past it the stream closes and the client reconnects with
 * Last-Event-ID instead of the emulator buffering without end).
 */
import type { Response } from 'express';

export interface SseMessage {
  id?: string;
  event: string;
  data: unknown;
}

export interface SseStream {
  send(message: SseMessage): void;
  /** Ends the stream; `onClose` runs once whichever side closes. */
  close(): void;
}

export interface SseOptions {
  /** Milliseconds between keep-alive comments. */
  heartbeatMs: number;
  /** Milliseconds the client waits before reconnecting (the `retry:` field). */
  retryMs: number;
  /** Bytes allowed to wait for the reader before the stream is closed. */
  maxBufferedBytes: number;
  onClose: () => void;
}

/** One message in the text/event-stream format; JSON never holds a raw newline, so `data` is one line. */
export function formatSse(message: SseMessage): string {
  const id = message.id === undefined ? '' : `id: ${message.id}\n`;
  return `${id}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`;
}

export function openSse(res: Response, options: SseOptions): SseStream {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache, no-transform');
  res.setHeader('x-accel-buffering', 'no');
  res.flushHeaders();
  res.write(`retry: ${options.retryMs}\n\n`);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs);
  heartbeat.unref();
  let open = true;
  const closed = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    options.onClose();
  };
  res.on('close', closed);
  return {
    send(message) {
      if (!open) return;
      if (res.writableLength > options.maxBufferedBytes) {
        res.end();
        closed();
        return;
      }
      res.write(formatSse(message));
    },
    close() {
      if (open) res.end();
      closed();
    },
  };
}

/** The feed position a reconnecting client sends (Last-Event-ID header), if it is one of ours. */
export function lastEventIdOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
