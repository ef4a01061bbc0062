/**
 * Opens the emulator's WebSocket to the app's transportUrl, as the service does: with the call's
 * connection and correlation ids in headers. Every socket error is caught here; the caller learns
 * only whether it opened, and when it closed.
 */
import { createRequire } from 'node:module';
import type WebSocketClass from 'ws';

type WebSocket = WebSocketClass;

/**
 * `ws` is loaded on the first dial, not at start-up (~50 ms of CPU that only streaming calls
 * need). Synchronously, with require, so a dial still hands back its socket at once.
 */
let loaded: typeof WebSocketClass | undefined;
function webSocketClass(): typeof WebSocketClass {
  loaded ??= createRequire(import.meta.url)('ws') as typeof WebSocketClass;
  return loaded;
}

export interface DialHandlers {
  open(): void;
  /** The app refused or the network failed before the socket opened. */
  failed(reason: string): void;
  /** The socket closed after it opened (by either side). */
  closed(): void;
  message(data: string): void;
}

/** How long a dial may take before it counts as refused. */
export const DIAL_TIMEOUT_MS = 10_000;

export function dial(
  url: string,
  ids: { callConnectionId: string; correlationId: string },
  handlers: DialHandlers,
): WebSocket {
  const WebSocket = webSocketClass();
  const socket = new WebSocket(url, {
    headers: {
      'x-ms-call-connection-id': ids.callConnectionId,
      'x-ms-call-correlation-id': ids.correlationId,
    },
    handshakeTimeout: DIAL_TIMEOUT_MS,
  });
  let phase: 'dialing' | 'open' | 'done' = 'dialing';
  const fail = (reason: string) => {
    if (phase !== 'dialing') return;
    phase = 'done';
    handlers.failed(reason);
  };
  socket.on('open', () => {
    if (phase !== 'dialing') return;
    phase = 'open';
    handlers.open();
  });
  socket.on('error', (err) => fail(err.message));
  socket.on('unexpected-response', (_req, res) => {
    fail(`the server answered the upgrade with HTTP ${res.statusCode ?? '?'}`);
    socket.terminate();
  });
  socket.on('close', () => {
    if (phase === 'open') handlers.closed();
    fail('the socket closed before it opened');
    phase = 'done';
  });
  socket.on('message', (data, isBinary) => {
    if (!isBinary) handlers.message(data.toString());
  });
  return socket;
}
