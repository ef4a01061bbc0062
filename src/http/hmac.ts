/**
 * HMAC-SHA256 request signing exactly as the ACS SDKs do it (sdk-behaviour.md §3):
 * stringToSign = VERB \n pathAndQuery \n x-ms-date;host;x-ms-content-sha256, keyed with the
 * base64-decoded access key. Pure functions; the middleware lives in auth.ts.
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

export const SIGNED_HEADERS = 'x-ms-date;host;x-ms-content-sha256';

export const contentHash = (body: Buffer | string): string =>
  createHash('sha256').update(body).digest('base64');

// A target made only of these characters, with no dot segments and no leading `//`, comes out of
// WHATWG URL parsing and query re-serialisation unchanged, so it needs no URL object. This is the
// shape of every SDK request (GUID path ids, `?api-version=...`); anything else takes the URL path.
const CANONICAL_TARGET = /^(?:\/[A-Za-z0-9_:-]+)+\/?(?:\?[A-Za-z0-9_-]+=[A-Za-z0-9._-]*)?$/;

/** pathname + `?` + the re-serialised query, as the SDK computes it from the URL it sends. */
export function pathAndQuery(rawTarget: string): string {
  if (CANONICAL_TARGET.test(rawTarget)) return rawTarget;
  const url = new URL(rawTarget, 'http://emulator.invalid');
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export function stringToSign(
  method: string,
  target: string,
  date: string,
  host: string,
  hash: string,
): string {
  return `${method.toUpperCase()}\n${pathAndQuery(target)}\n${date};${host};${hash}`;
}

export const sign = (accessKey: string, message: string): string =>
  createHmac('sha256', Buffer.from(accessKey, 'base64')).update(message, 'utf8').digest('base64');

/** `sign` with the key decoded once, for the per-request path. */
export function signer(accessKey: string): (message: string) => string {
  const key = createSecretKey(Buffer.from(accessKey, 'base64'));
  return (message) => createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

/** The Authorization header value for a signature. */
export const authorizationHeader = (signature: string): string =>
  `HMAC-SHA256 SignedHeaders=${SIGNED_HEADERS}&Signature=${signature}`;

export type ParsedHmacHeader = { ok: true; signature: Buffer } | { ok: false; why: string };

/** Parses `HMAC-SHA256 SignedHeaders=...&Signature=...`. */
export function parseHmacHeader(value: string): ParsedHmacHeader {
  const rest = value.slice('HMAC-SHA256'.length).trim();
  const fields = new Map<string, string>();
  for (const part of rest.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, why: `'${part}' is not a name=value pair` };
    fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const signedHeaders = fields.get('signedheaders');
  const signature = fields.get('signature');
  if (signedHeaders === undefined) return { ok: false, why: 'SignedHeaders is missing' };
  if (signedHeaders.toLowerCase() !== SIGNED_HEADERS) {
    return { ok: false, why: `SignedHeaders must be '${SIGNED_HEADERS}', not '${signedHeaders}'` };
  }
  if (!signature) return { ok: false, why: 'Signature is missing' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature))
    return { ok: false, why: 'Signature is not base64' };
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 32)
    return {
      ok: false,
      why: `Signature decodes to ${bytes.length} bytes, not the 32 of an HMAC-SHA256`,
    };
  return { ok: true, signature: bytes };
}

/** Constant-time comparison of two base64 strings or byte buffers of any length. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  // Equal lengths (the usual case: both are SHA-256 sized) compare directly, in constant time.
  if (a.length === b.length) return timingSafeEqual(a, b);
  // Hashing first gives equal lengths, so timingSafeEqual never throws and leaks no length.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
