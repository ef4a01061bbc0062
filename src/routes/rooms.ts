/** The Rooms API: create, get, update, delete and list rooms. Rules: domain/room.ts. */
import { newRoomId } from '../domain/acs-ids.js';
import {
  checkWindow,
  isRoomParticipantId,
  requestedWindow,
  type Room,
  type RoomRole,
} from '../domain/room.js';
import { roomsErrors } from '../http/errors-rooms.js';
import type { HandlerTable, Services } from './handler.js';

/** Room ids the service accepts by length (it answers "Invalid room ID length." otherwise). */
const ROOM_ID_LENGTH = { min: 14, max: 20 };

const iso = (ms: number) => new Date(ms).toISOString();
const time = (value: string | null | undefined) =>
  value === undefined || value === null ? undefined : Date.parse(value);

/** The swagger's RoomModel. */
export const roomModel = (room: Room) => ({
  id: room.id,
  createdAt: iso(room.createdAt),
  validFrom: iso(room.validFrom),
  validUntil: iso(room.validUntil),
  pstnDialOutEnabled: room.pstnDialOutEnabled,
});

/** The room of a path id: a malformed id is a 400, an unknown one a 404, as the service answers. */
export function requireRoom(services: Services, roomId: string): Room {
  if (roomId.length < ROOM_ID_LENGTH.min || roomId.length > ROOM_ID_LENGTH.max)
    throw roomsErrors.invalidRoomId();
  const room = services.rooms.get(roomId);
  if (!room) throw roomsErrors.roomNotFound();
  return room;
}

/** Checks every participant raw id of a request; the service refuses the whole request. */
export function checkParticipantIds(rawIds: Iterable<string>): void {
  for (const rawId of rawIds)
    if (!isRoomParticipantId(rawId)) throw roomsErrors.invalidIdentifier(rawId);
}

function checkedWindow(validFrom: number, validUntil: number, now: number) {
  const problem = checkWindow(validFrom, validUntil, now);
  if (problem) throw roomsErrors.badWindow(problem.message, problem.target);
  return { validFrom, validUntil };
}

export const roomHandlers: HandlerTable = {
  Rooms_Create: ({ body, services }) => {
    const now = services.clock.now();
    const window = requestedWindow(now, time(body.validFrom), time(body.validUntil));
    const participants = Object.entries(body.participants ?? {});
    checkParticipantIds(participants.map(([rawId]) => rawId));
    const room: Room = {
      id: newRoomId(),
      createdAt: now,
      ...checkedWindow(window.validFrom, window.validUntil, now),
      pstnDialOutEnabled: body.pstnDialOutEnabled ?? false,
      participants: new Map(participants.map(([rawId, p]) => [rawId, p.role as RoomRole])),
    };
    services.rooms.put(room);
    return { body: roomModel(room) };
  },

  Rooms_Get: ({ params, services }) => ({
    body: roomModel(requireRoom(services, params.roomId as string)),
  }),

  Rooms_List: ({ services }) => ({ body: { value: services.rooms.list().map(roomModel) } }),

  Rooms_Update: ({ params, body, services }) => {
    const room = requireRoom(services, params.roomId as string);
    const window = checkedWindow(
      time(body.validFrom) ?? room.validFrom,
      time(body.validUntil) ?? room.validUntil,
      services.clock.now(),
    );
    const updated: Room = {
      ...room,
      ...window,
      pstnDialOutEnabled: body.pstnDialOutEnabled ?? room.pstnDialOutEnabled,
    };
    services.rooms.put(updated);
    return { body: roomModel(updated) };
  },

  Rooms_Delete: ({ params, services }) => {
    const roomId = params.roomId as string;
    // The service answers 204 for a room that is already gone (recorded); only the id's form is checked.
    if (roomId.length < ROOM_ID_LENGTH.min || roomId.length > ROOM_ID_LENGTH.max)
      throw roomsErrors.invalidRoomId();
    services.rooms.delete(roomId);
  },
};
