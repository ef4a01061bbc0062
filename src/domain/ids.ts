/** Ids shaped like the real service's, because apps parse and log them. */
import { randomUUID } from 'node:crypto';
import { nanoid } from 'nanoid';

/** callConnectionId, correlationId and CloudEvent ids are GUIDs. */
export const newGuid = (): string => randomUUID();

/** serverCallId is opaque base64url (the real one encodes a conversation URL). */
export const newServerCallId = (): string =>
  Buffer.from(`https://emulator.acs-call-emulator.local/conv/${nanoid(22)}?i=1`).toString(
    'base64url',
  );

/** Our own opaque tokens: journal ids, incoming call contexts, fault rule ids. */
export const newToken = (size = 21): string => nanoid(size);
