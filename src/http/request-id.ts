/** Gives every response an `x-ms-request-id` (and echoes `x-ms-client-request-id`), as ACS does. */
import type { RequestHandler } from 'express';
import { newGuid } from '../domain/ids.js';

export const requestId: RequestHandler = (req, res, next) => {
  const id = newGuid();
  res.locals.requestId = id;
  res.setHeader('x-ms-request-id', id);
  const clientId = req.headers['x-ms-client-request-id'];
  if (typeof clientId === 'string' && clientId.length <= 256)
    res.setHeader('x-ms-client-request-id', clientId);
  next();
};
