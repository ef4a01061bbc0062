/**
 * Ids of the Identity and Rooms APIs, shaped like the real service's because apps parse, store
 * and log them: an ACS user is `8:acs:<resource id>_<guid>`, a room id is a 17-digit number
 * (Rooms recordings show ids such as `99474078060735043`).
 */
import { randomInt, randomUUID } from 'node:crypto';

const ACS_USER = /^8:acs:([^_]+)_(.+)$/;

/** A new communication user id of the resource. */
export const newAcsUserId = (resourceId: string): string => `8:acs:${resourceId}_${randomUUID()}`;

/** The resource id part of an `8:acs:` user id, or undefined for any other raw id. */
export function resourceOfUser(rawId: string): string | undefined {
  return ACS_USER.exec(rawId)?.[1];
}

/** A new room id: 17 decimal digits, starting with 99 like the service's. */
export function newRoomId(): string {
  let digits = '99';
  while (digits.length < 17) digits += String(randomInt(10));
  return digits;
}
