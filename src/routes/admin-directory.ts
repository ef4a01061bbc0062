/** Control API views of the Identity and Rooms APIs: GET /admin/identities and /admin/rooms. */
import { Router } from 'express';
import type { IdentityStore } from '../directory/identity-store.js';
import type { RoomStore } from '../directory/room-store.js';
import { roomModel } from './rooms.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function adminDirectoryRouter(identities: IdentityStore, rooms: RoomStore): Router {
  const router = Router();

  router.get('/identities', (_req, res) => {
    res.json({
      value: identities.list().map((user) => ({
        id: user.id,
        createdAt: iso(user.createdAt),
        tokensIssued: user.tokensIssued,
        ...(user.revokedAt !== undefined ? { tokensRevokedAt: iso(user.revokedAt * 1000) } : {}),
      })),
    });
  });

  router.get('/rooms', (_req, res) => {
    res.json({
      value: rooms.list().map((room) => ({
        ...roomModel(room),
        participants: [...room.participants].map(([rawId, role]) => ({ rawId, role })),
      })),
    });
  });

  return router;
}
