/** Reading control-API query strings: each parameter at most once, with messages that say how. */
import type { Request } from 'express';
import { fullEventType } from '../events/catalogue.js';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type EventFilter,
} from '../events/event-journal.js';
import { errors } from '../http/errors.js';

export function queryParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw errors.invalidQuery(name, 'must be given once, as text');
  return value;
}

/** callConnectionId, type (short or full name), status and operationContext. */
export function eventFilterOf(req: Request): EventFilter {
  const status = queryParam(req, 'status');
  if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus))
    throw errors.invalidQuery('status', `must be one of ${DELIVERY_STATUSES.join(', ')}`);
  const type = queryParam(req, 'type');
  const filter: EventFilter = {
    callConnectionId: queryParam(req, 'callConnectionId'),
    type: type === undefined || type === '' ? undefined : fullEventType(type),
    status: status as DeliveryStatus | undefined,
    operationContext: queryParam(req, 'operationContext'),
  };
  // Absent keys, not undefined ones, so messages list only what was asked for.
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined),
  ) as EventFilter;
}

/** A whole number of milliseconds in 0..max, or the default when absent. */
export function millisecondsOf(req: Request, name: string, fallback: number, max: number): number {
  const raw = queryParam(req, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    throw errors.invalidQuery(name, `must be a whole number of milliseconds from 0 to ${max}`);
  return Number(raw);
}

/** Largest page of GET /admin/calls?top=. */
export const MAX_PAGE = 1_000;

/** `top` (1..MAX_PAGE) and `skip` (0 or more), as the service's list APIs page; undefined when neither is given. */
export function pageOf(req: Request): { top: number; skip: number } | undefined {
  const top = queryParam(req, 'top');
  const skip = queryParam(req, 'skip');
  if (top === undefined && skip === undefined) return undefined;
  if (top !== undefined && (!/^\d+$/.test(top) || Number(top) < 1 || Number(top) > MAX_PAGE))
    throw errors.invalidQuery('top', `must be a whole number from 1 to ${MAX_PAGE}`);
  if (skip !== undefined && !/^\d+$/.test(skip))
    throw errors.invalidQuery('skip', 'must be a whole number from 0');
  return {
    top: top === undefined ? MAX_PAGE : Number(top),
    skip: skip === undefined ? 0 : Number(skip),
  };
}

/** `type=CallConnected, callConnectionId=...` for messages. */
export function describeFilter(filter: EventFilter): string {
  const parts = Object.entries(filter).map(([key, value]) => `${key}=${String(value)}`);
  return parts.length > 0 ? `{${parts.join(', ')}}` : 'any filter';
}
