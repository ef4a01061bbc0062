/**
 * An HMAC-SHA256 signer for raw test requests, written from the published algorithm
 * (sdk-behaviour.md §3) independently of src/, and checked against its worked example.
 */
import { createHash, createHmac } from 'node:crypto';

export interface SignInput {
  method: string;
  /** Path and query as sent, e.g. `/calling/callConnections/x?api-version=2026-03-12`. */
  target: string;
  host: string;
  body?: string;
  accessKey: string;
  date?: Date;
}

export function signedHeaders(input: SignInput): Record<string, string> {
  const date = (input.date ?? new Date()).toUTCString();
  const hash = createHash('sha256')
    .update(input.body ?? '', 'utf8')
    .digest('base64');
  const url = new URL(input.target, 'http://x');
  const query = url.searchParams.toString();
  const toSign = `${input.method.toUpperCase()}\n${url.pathname}${query ? `?${query}` : ''}\n${date};${input.host};${hash}`;
  const signature = createHmac('sha256', Buffer.from(input.accessKey, 'base64'))
    .update(toSign)
    .digest('base64');
  return {
    'x-ms-date': date,
    'x-ms-content-sha256': hash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}
