/**
 * The bounded journal of ACS API requests: time, method, path, operation id, status, body and
 * headers (secrets redacted). Recorded when the response finishes.
 */
import type { RequestHandler } from 'express';
import type { FaultMark } from '../domain/forced-outcome.js';
import { BoundedJournal } from '../journal/bounded-journal.js';
import { maskUrlFields } from '../safe-url.js';
import { getAcsContext, rawBodyOf } from './acs-context.js';

export interface RequestRecord {
  id: string;
  /**
   * The order in which the emulator handled the request (from 1). The pipeline from here to the
   * handler is synchronous, so this is the order state changed in, even for concurrent requests
   * (a delay fault that holds a request makes it the order of arrival instead).
   */
  sequence: number;
  time: string;
  method: string;
  path: string;
  operation?: string;
  callConnectionId?: string;
  /** The answer's status; 0 when the connection closed without one (a fault rule's reset or hang). */
  status: number;
  /** The answer's `error.code`, when it was an error. */
  errorCode?: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The ACS error body sent back (`{ code, message, ... }`), when the request was refused. */
  error?: Record<string, unknown>;
  /** The fault rules that touched the request (absent when none did). */
  faults?: FaultMark[];
}

const REDACTED = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-admin-key']);

export interface RequestFilter {
  callConnectionId?: string;
  /** The swagger operationId. */
  operation?: string;
}

const matchesRequest = (r: RequestRecord, filter: RequestFilter): boolean =>
  (filter.callConnectionId === undefined || r.callConnectionId === filter.callConnectionId) &&
  (filter.operation === undefined || r.operation === filter.operation);

/** Recorded once answered, so every record is finished: the oldest simply goes past the bound. */
export class RequestJournal extends BoundedJournal<RequestRecord, RequestFilter> {
  constructor(limit: number) {
    super({ limit, matches: matchesRequest });
  }
}

function safeHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // for-in rather than Object.entries: no array per header, measurably cheaper per request.
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name] = REDACTED.has(name) ? '(redacted)' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const FULL_BODY_LIMIT = 64 * 1024;
const PREVIEW_CHARS = 4096;

/**
 * What the journal keeps of a body: the validated JSON when the request passed validation and is
 * small, otherwise a bounded text preview (an invalid body may be anything, e.g. nested 20,000 deep).
 */
function bodyOf(raw: Buffer, validated: unknown): unknown {
  if (raw.length === 0) return undefined;
  if (validated !== undefined && raw.length <= FULL_BODY_LIMIT) return validated;
  const text = raw
    .subarray(0, PREVIEW_CHARS * 4)
    .toString('utf8')
    .slice(0, PREVIEW_CHARS);
  return raw.length <= PREVIEW_CHARS && text.length === raw.length
    ? text
    : { bytes: raw.length, preview: text };
}

export function recordRequests(journal: RequestJournal): RequestHandler {
  let sequence = 0;
  return (req, res, next) => {
    const time = new Date().toISOString();
    const handled = ++sequence;
    let recorded = false;
    const record = (status: number) => {
      if (recorded) return;
      recorded = true;
      const context = getAcsContext(res);
      const callConnectionId = context?.params.callConnectionId ?? context?.createdCallConnectionId;
      const entry = {
        id: String(res.locals.requestId),
        sequence: handled,
        time,
        method: req.method,
        path: req.originalUrl,
      } as RequestRecord;
      if (context) entry.operation = context.operation.id;
      if (callConnectionId) entry.callConnectionId = callConnectionId;
      entry.status = status;
      const errorBody = res.locals.errorBody as Record<string, unknown> | undefined;
      if (errorBody && typeof errorBody.code === 'string') entry.errorCode = errorBody.code;
      entry.headers = safeHeaders(req.headers);
      // Callback URLs lose credentials and query values (`?code=`), as in the logs.
      entry.body = maskUrlFields(bodyOf(rawBodyOf(req.body), context?.body));
      if (errorBody) entry.error = errorBody;
      if (context?.faults) entry.faults = context.faults;
      journal.add(entry);
    };
    res.on('finish', () => record(res.statusCode));
    // Closed with no answer sent: a fault rule reset or hung up the connection, or the client left.
    res.on('close', () => record(0));
    next();
  };
}
