/** Participants of a room: list, and the merge-patch that adds, updates (role) and removes (null). */
import { patchParticipants, type RoomRole } from '../domain/room.js';
import type { HandlerTable } from './handler.js';
import { checkParticipantIds, requireRoom } from './rooms.js';

export const roomParticipantHandlers: HandlerTable = {
  Participants_List: ({ params, services }) => {
    const room = requireRoom(services, params.roomId as string);
    return {
      body: { value: [...room.participants].map(([rawId, role]) => ({ rawId, role })) },
    };
  },

  Participants_Update: ({ params, body, services }) => {
    const room = requireRoom(services, params.roomId as string);
    // A merge-patch: parse-body kept the `null`s the swagger's type does not show.
    const patch = (body.participants ?? {}) as Record<string, { role: RoomRole } | null>;
    checkParticipantIds(Object.keys(patch));
    services.rooms.put({ ...room, participants: patchParticipants(room.participants, patch) });
    return { body: {} };
  },
};
