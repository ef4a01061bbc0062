/**
 * Requests Node's HTTP parser refuses before Express sees them (bad bytes in the request line,
 * oversized headers, a request too slow to arrive) still get the ACS error envelope.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const REASONS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'RequestHeaderFieldsTooLarge',
    message: 'The request headers are larger than the server accepts.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'RequestTimeout',
    message: 'The request did not arrive completely in time.',
  },
};

const MALFORMED = {
  status: 400,
  code: 'BadRequest',
  message:
    'The request is not valid HTTP/1.1 (the request line or a header has bytes that are not allowed).',
};

export function handleClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const reason = (err.code && REASONS[err.code]) || MALFORMED;
  const body = JSON.stringify({ error: { code: reason.code, message: reason.message } });
  socket.end(
    `HTTP/1.1 ${reason.status} ${STATUS_CODES[reason.status]}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
