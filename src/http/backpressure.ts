/**
 * Refuses requests that would send more callbacks to a destination (`scheme://host:port`) that
 * already has --max-pending-callbacks waiting (a webhook down for long would otherwise let its
 * queue grow without bound). The bound is per destination, so one dead webhook never slows a
 * healthy app down; it counts every event bound there, whoever produced it (requests, timers,
 * the control API). A hang-up is never refused: it is how an app sheds load. 429 with
 * Retry-After, which the SDKs honour.
 */
import type { RequestHandler } from 'express';
import { destinationOf } from '../events/delivery.js';
import { getAcsContext } from './acs-context.js';
import { errors } from './errors.js';

/** Ending a call is always allowed, however many callbacks wait. */
const NEVER_REFUSED = new Set(['CallConnection_HangupCall', 'CallConnection_TerminateCall']);

export interface BackpressureOptions {
  /** Callbacks waiting for the destination of `url`. */
  pendingTo: (url: string) => number;
  /**
   * Callbacks waiting for any destination (never fewer than for one). Below the limit no
   * destination can be at it, so the request's URLs need not be looked at.
   */
  pendingTotal?: () => number;
  /** The callbackUri of a stored call, for operations on it. */
  callbackUriOf: (callConnectionId: string) => string | undefined;
  limit: number;
}

/** The URLs a request's callbacks would go to: its own callback URIs and its call's. */
function destinations(body: unknown, callbackUri: string | undefined): string[] {
  const urls: string[] = callbackUri ? [callbackUri] : [];
  if (typeof body === 'object' && body !== null) {
    for (const field of ['callbackUri', 'operationCallbackUri']) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === 'string') urls.push(value);
    }
  }
  return urls;
}

/** Throws the 429 when any of `urls` has `limit` callbacks waiting. */
export function checkPending(
  urls: readonly string[],
  pendingTo: (url: string) => number,
  limit: number,
): void {
  for (const url of urls)
    if (pendingTo(url) >= limit) throw errors.pendingCallbacksLimit(limit, destinationOf(url));
}

export function backpressure(options: BackpressureOptions): RequestHandler {
  return (req, res, next) => {
    const context = getAcsContext(res);
    if (req.method === 'GET' || !context || NEVER_REFUSED.has(context.operation.id)) return next();
    if (options.pendingTotal && options.pendingTotal() < options.limit) return next();
    const id = context.params.callConnectionId;
    const urls = destinations(context.body, id ? options.callbackUriOf(id) : undefined);
    checkPending(urls, options.pendingTo, options.limit);
    next();
  };
}
