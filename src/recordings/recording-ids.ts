/** Ids shaped like the recording service's, because apps store and pass them back. */
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * The service's recordingId is unpadded base64 of a small JSON object with two GUIDs. Ids are
 * drawn until they hold no `+` or `/`, so they travel in a URL path unescaped, as real ones do.
 */
export function newRecordingId(): string {
  for (;;) {
    const json = JSON.stringify({
      PlatformEndpointId: randomUUID(),
      ResourceSpecificId: randomUUID(),
    });
    const id = Buffer.from(json).toString('base64').replace(/=+$/, '');
    if (!/[+/]/.test(id)) return id;
  }
}

/** A chunk's documentId: a region prefix and 32 hex digits, like `0-eus-d2-3cca…`. */
export const newDocumentId = (): string => `0-eus-d2-${randomBytes(16).toString('hex')}`;
