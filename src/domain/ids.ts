/** Ids shaped like the real service's, because apps parse and log them. */
import { createHash, randomUUID } from 'node:crypto';
import { nanoid } from 'nanoid';

/**
 * callConnectionId, correlationId and CloudEvent ids are GUIDs. Node builds randomUUID's string
 * by concatenation, a rope that V8 flattens on first use but keeps behind a 32-byte wrapper; a
 * call keeps two of them for its life. toLowerCase (a no-op on its lowercase hex) returns the flat
 * string itself, so an idle call holds 64 bytes less (issue 20).
 */
export const newGuid = (): string => randomUUID().toLowerCase();

/**
 * serverCallId is standard base64, `=` padding included, of a conversation URL, as the service's
 * are. Real ones can contain `/`, which an app must URL-encode when it puts one in a path; the
 * fixed parts below are aligned so that every id here contains a `/` and ends in `=` (a unit test
 * holds that), so an app that forgets to encode fails here rather than in Azure.
 */
export const newServerCallId = (): string =>
  Buffer.from(`https://conv.acs-call-emulator.local/conv/${nanoid(20)}?i=1&e=0`).toString('base64');

/**
 * A GUID that is always the same for the same seed (name-based, RFC 9562 version 5 layout), for
 * ids the service keeps per call, such as the media streaming subscription's, without storing them.
 */
export function stableGuid(seed: string): string {
  const b = createHash('sha1').update(seed).digest().subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x50;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Our own opaque tokens: journal ids, incoming call contexts, fault rule ids. */
export const newToken = (size = 21): string => nanoid(size);
