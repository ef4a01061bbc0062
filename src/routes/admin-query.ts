/** Reading control-API query strings: each parameter at most once, with messages that say how. */
import type { Request, RequestHandler } from 'express';
import { EVENT_NAMES } from '../domain/results.js';
import { EVENT_TYPE_PREFIX, fullEventType } from '../events/catalogue.js';
import { EVENT_GRID_EVENT_NAMES } from '../events/event-grid.js';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type EventFilter,
} from '../events/event-journal.js';
import { errors } from '../http/errors.js';

const EVENT_FILTER = ['callConnectionId', 'type', 'status', 'operationContext'];

/**
 * The query parameters each control-API route reads; any other is a typo, answered 400 with the
 * known ones instead of being ignored (a misspelled filter would match everything).
 */
const KNOWN_QUERY: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/events$/, EVENT_FILTER],
  [/^\/events\/wait$/, [...EVENT_FILTER, 'timeoutMs']],
  [/^\/requests$/, ['callConnectionId', 'operation']],
  [/^\/caller-actions$/, ['callConnectionId']],
  [/^\/calls$/, ['top', 'skip']],
];

/** Refuses query parameters the route does not read; routes not listed read none. */
export const onlyKnownQuery: RequestHandler = (req, _res, next) => {
  const known = KNOWN_QUERY.find(([path]) => path.test(req.path))?.[1] ?? [];
  const unknown = Object.keys(req.query).find((name) => !known.includes(name));
  if (unknown !== undefined)
    throw errors.invalidQuery(
      unknown,
      known.length > 0
        ? `is not read by ${req.method} /admin${req.path} (known: ${known.join(', ')})`
        : `is not read by ${req.method} /admin${req.path}, which takes no query parameters`,
    );
  next();
};

/** Every event type the journal can hold, short names. */
const KNOWN_EVENTS: readonly string[] = [...EVENT_NAMES, ...EVENT_GRID_EVENT_NAMES];

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
  if (type !== undefined && type !== '' && !KNOWN_EVENTS.includes(shortName(type)))
    throw errors.invalidQuery(
      'type',
      `names no event the emulator sends (known: ${KNOWN_EVENTS.join(', ')})`,
    );
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

const shortName = (type: string) =>
  type.startsWith(EVENT_TYPE_PREFIX) ? type.slice(EVENT_TYPE_PREFIX.length) : type;

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
