/** Guards the control API with the optional admin key (constant-time comparison). */
import type { RequestHandler } from 'express';
import { errors } from './errors.js';
import { constantTimeEqual } from './hmac.js';

function presented(
  authorization: string | undefined,
  header: string | string[] | undefined,
): string | undefined {
  if (typeof header === 'string') return header;
  const bearer = authorization && /^bearer\s+(.+)$/i.exec(authorization);
  return bearer ? bearer[1] : undefined;
}

export function adminKey(key: string): RequestHandler {
  const expected = Buffer.from(key);
  return (req, _res, next) => {
    const given = presented(req.headers.authorization, req.headers['x-admin-key']);
    if (given === undefined) throw errors.adminKeyMissing();
    if (!constantTimeEqual(Buffer.from(given), expected)) throw errors.adminKeyWrong();
    next();
  };
}
