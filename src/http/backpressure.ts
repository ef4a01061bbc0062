/**
 * Refuses state-changing ACS requests while too many callbacks wait for delivery (a webhook that
 * is down for long would otherwise let the queue grow without bound). 429 with Retry-After, which
 * the SDKs honour, so a well-behaved client slows down instead of failing.
 */
import type { RequestHandler } from 'express';
import { errors } from './errors.js';

export function backpressure(pending: () => number, limit: number): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'GET' && pending() >= limit) throw errors.pendingCallbacksLimit(limit);
    next();
  };
}
