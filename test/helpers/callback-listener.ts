/**
 * A real webhook on 127.0.0.1 port 0 that records every POST and parses it with the SDK's own
 * parseCallAutomationEvent. Tests wait on it by condition, never by sleeping.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCallAutomationEvent } from '@azure/communication-call-automation';

/** The SDK's parse result, read loosely: every event kind shares these fields. */
export interface ParsedEvent {
  kind: string;
  callConnectionId?: string;
  serverCallId?: string;
  correlationId?: string;
  operationContext?: string;
  resultInformation?: { code?: number; subCode?: number; message?: string };
  [field: string]: unknown;
}

export interface ReceivedCallback {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The JSON body as sent (the array with one CloudEvent). */
  body: unknown;
  /** What the SDK's parser makes of it. */
  event: ParsedEvent;
}

export interface CallbackListener {
  url(path?: string): string;
  received: ReceivedCallback[];
  /** Resolves with the first received callback that matches, waiting up to `timeoutMs`. */
  waitFor(
    predicate: (c: ReceivedCallback) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedCallback>;
  /** Resolves once `count` callbacks match, waiting up to `timeoutMs`. */
  waitForCount(
    predicate: (c: ReceivedCallback) => boolean,
    count: number,
    timeoutMs?: number,
  ): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

/**
 * Event Grid deliveries (IncomingCall) are not Call Automation callbacks and the SDK parser refuses
 * them; they are read as `{ ...data, kind: eventType }`.
 */
function eventGridEvent(body: unknown): ParsedEvent | undefined {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (typeof first !== 'object' || first === null || !('eventType' in first)) return undefined;
  const { eventType, data } = first as { eventType: string; data: Record<string, unknown> };
  return { ...data, kind: eventType };
}

export async function startCallbackListener(): Promise<CallbackListener> {
  const received: ReceivedCallback[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const body: unknown = JSON.parse(rawBody);
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body,
        event:
          eventGridEvent(body) ?? (parseCallAutomationEvent(rawBody) as unknown as ParsedEvent),
      });
      res.writeHead(200).end();
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const waitForCount: CallbackListener['waitForCount'] = (predicate, count, timeoutMs = 5_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const matches = received.filter(predicate);
        if (matches.length < count) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(matches.slice(0, count));
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${count} callbacks; received: ${received.map((r) => r.event.kind).join(', ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });

  return {
    url: (path = '/api/callbacks') => `http://127.0.0.1:${port}${path}`,
    received,
    waitForCount,
    waitFor: async (predicate, timeoutMs) =>
      (await waitForCount(predicate, 1, timeoutMs))[0] as ReceivedCallback,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A predicate for callbacks of call `id` (and of event `kind`, when given). */
export const ofCall =
  (id: string, kind?: string) =>
  (c: ReceivedCallback): boolean =>
    c.event.callConnectionId === id && (kind === undefined || c.event.kind === kind);
