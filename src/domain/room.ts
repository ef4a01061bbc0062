/**
 * Rooms as plain data and the rules the Rooms service applies to them, with the service's
 * messages (recorded answers in Azure/azure-sdk-for-python's rooms test recordings). Pure: the
 * time is an argument, so the emulator clock (manual or system) decides validity.
 */

/** Role values of the Rooms swagger (`Role`); the service's default is Attendee. */
export type RoomRole = 'Presenter' | 'Attendee' | 'Consumer' | 'Collaborator';

export interface Room {
  id: string;
  createdAt: number;
  validFrom: number;
  validUntil: number;
  pstnDialOutEnabled: boolean;
  /** Role by participant raw id, in the order they were added. */
  participants: ReadonlyMap<string, RoomRole>;
}

/** A room is open from validFrom (default: now) for 180 days (default validUntil). */
export const ROOM_MAX_WINDOW_MS = 180 * 24 * 60 * 60_000;

/** The service's 400 detail for a bad window: message and target, as recorded. */
export interface WindowProblem {
  message: string;
  target: 'ValidUntil' | 'ValidFrom';
}

export const WINDOW_IN_PAST: WindowProblem = {
  message: 'The time range end is in the past.',
  target: 'ValidUntil',
};
export const WINDOW_INCORRECT: WindowProblem = {
  message: 'The time range is incorrect, or larger than 180 days.',
  target: 'ValidUntil',
};

/** Checks a validity window at time `now`; undefined when the service would accept it. */
export function checkWindow(
  validFrom: number,
  validUntil: number,
  now: number,
): WindowProblem | undefined {
  if (validUntil <= now) return WINDOW_IN_PAST;
  if (validUntil <= validFrom || validUntil - validFrom > ROOM_MAX_WINDOW_MS)
    return WINDOW_INCORRECT;
  return undefined;
}

/** The window a create request asks for, with the service's defaults filled in. */
export function requestedWindow(
  now: number,
  validFrom: number | undefined,
  validUntil: number | undefined,
): { validFrom: number; validUntil: number } {
  const from = validFrom ?? now;
  return { validFrom: from, validUntil: validUntil ?? from + ROOM_MAX_WINDOW_MS };
}

/** Whether a call may join the room at `now` (validFrom <= now < validUntil). */
export const roomOpenAt = (room: Room, now: number): boolean =>
  room.validFrom <= now && now < room.validUntil;

/**
 * Raw ids the Rooms service accepts as participants: communication users (any cloud) and Teams
 * users. Anything else is "Invalid format for communication identifier."
 */
const PARTICIPANT_RAW_ID = /^8:(acs|spool|dod-acs|gcch-acs|orgid|dod|gcch):\S+$/;

export const isRoomParticipantId = (rawId: string): boolean => PARTICIPANT_RAW_ID.test(rawId);

/**
 * Applies a merge-patch of participants: a role adds or updates, `null` removes (a raw id that
 * is not in the room is ignored, as the service answers 200 for it).
 */
export function patchParticipants(
  current: ReadonlyMap<string, RoomRole>,
  patch: Readonly<Record<string, { role: RoomRole } | null>>,
): Map<string, RoomRole> {
  const next = new Map(current);
  for (const [rawId, change] of Object.entries(patch)) {
    if (change === null) next.delete(rawId);
    else next.set(rawId, change.role);
  }
  return next;
}

/**
 * Whether a participant may be added to a call in this room: room participants always, anyone
 * else (a phone number) only when PSTN dial-out is enabled.
 */
export function roomAdmits(room: Room, rawId: string): boolean {
  if (room.participants.has(rawId)) return true;
  return room.pstnDialOutEnabled && rawId.startsWith('4:');
}
