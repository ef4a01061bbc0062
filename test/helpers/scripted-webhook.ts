/**
 * A webhook on 127.0.0.1 port 0 whose answers a test scripts per request: a status (with
 * headers), or 'hang' (never answer). It records every POST, the TCP connections it accepted, and
 * can go down (port closed, so connections are refused) and come back up on the same port.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type WebhookReply = { status: number; headers?: Record<string, string> } | 'hang';

export interface WebhookHit {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** Number of elements in the posted JSON array (the real service sends exactly one). */
  batchSize: number;
  eventId: string;
  /** The short type (`CallConnected`, `IncomingCall`). */
  type: string;
  /** Absent on Event Grid events (IncomingCall). */
  callConnectionId: string;
  /** 1 for the first POST of this event id, 2 for its first retry, ... */
  attempt: number;
  /** Index of the TCP connection it came on (0-based, in accept order). */
  connection: number;
  reply: number | 'hang';
  /** For 'hang': the emulator gave up and closed the connection. */
  abandoned: boolean;
}

export type WebhookScript = (hit: Omit<WebhookHit, 'reply' | 'abandoned'>) => WebhookReply;

export interface ScriptedWebhook {
  readonly port: number;
  url(path?: string): string;
  hits: WebhookHit[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  script: WebhookScript;
  waitForCount(
    predicate: (h: WebhookHit) => boolean,
    count: number,
    timeoutMs?: number,
  ): Promise<WebhookHit[]>;
  waitFor(predicate: (h: WebhookHit) => boolean, timeoutMs?: number): Promise<WebhookHit>;
  /** Stops listening and drops every connection: new POSTs are refused. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A CloudEvent, or an Event Grid event (IncomingCall), which says `eventType` instead. */
interface CloudEventLike {
  id: string;
  type?: string;
  eventType?: string;
  data: { callConnectionId: string };
}

export async function startScriptedWebhook(
  script: WebhookScript = () => ({ status: 200 }),
): Promise<ScriptedWebhook> {
  const hits: WebhookHit[] = [];
  const sockets = new Set<Socket>();
  const socketIndex = new WeakMap<Socket, number>();
  const listeners = new Set<() => void>();
  let connections = 0;
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const batch = JSON.parse(rawBody) as CloudEventLike[];
      const event = batch[0] as CloudEventLike;
      const base = {
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        batchSize: batch.length,
        eventId: event.id,
        type: (event.type ?? event.eventType ?? '').replace('Microsoft.Communication.', ''),
        callConnectionId: event.data.callConnectionId,
        attempt: hits.filter((h) => h.eventId === event.id).length + 1,
        connection: socketIndex.get(req.socket) ?? -1,
      };
      const reply = webhook.script(base);
      const hit: WebhookHit = {
        ...base,
        reply: reply === 'hang' ? 'hang' : reply.status,
        abandoned: false,
      };
      hits.push(hit);
      if (reply === 'hang') {
        res.on('close', () => {
          hit.abandoned = true;
          changed();
        });
      } else {
        res.writeHead(reply.status, reply.headers).end();
      }
      changed();
    });
  });
  server.on('connection', (socket) => {
    socketIndex.set(socket, connections++);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  const waitForCount: ScriptedWebhook['waitForCount'] = (predicate, count, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const matches = hits.filter(predicate);
        if (matches.length < count) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(matches.slice(0, count));
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(
          new Error(
            `timed out waiting for ${count} webhook hits; got: ${hits.map((h) => `${h.type}#${h.attempt}->${h.reply}`).join(', ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  const webhook: ScriptedWebhook = {
    port,
    url: (path = '/api/callbacks') => `http://127.0.0.1:${port}${path}`,
    hits,
    get connections() {
      return connections;
    },
    script,
    waitForCount,
    waitFor: async (predicate, timeoutMs) =>
      (await waitForCount(predicate, 1, timeoutMs))[0] as WebhookHit,
    down: stop,
    up: () => listen(port),
    close: stop,
  };
  return webhook;
}
