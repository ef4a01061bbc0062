/**
 * The bounded journal of ACS API requests: time, method, path, operation id, status, body and
 * headers (secrets redacted). Recorded when the response finishes.
 */
import type { RequestHandler } from 'express';
import { getAcsContext, rawBodyOf } from './acs-context.js';

export interface RequestRecord {
  id: string;
  time: string;
  method: string;
  path: string;
  operation?: string;
  callConnectionId?: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const REDACTED = new Set(['authorization', 'cookie', 'proxy-authorization']);

export class RequestJournal {
  private records: RequestRecord[] = [];

  constructor(private readonly limit: number) {}

  add(record: RequestRecord): void {
    this.records.push(record);
    if (this.records.length > this.limit) this.records.shift();
  }

  list(filter: { callConnectionId?: string; operation?: string } = {}): RequestRecord[] {
    return this.records.filter(
      (r) =>
        (filter.callConnectionId === undefined || r.callConnectionId === filter.callConnectionId) &&
        (filter.operation === undefined || r.operation === filter.operation),
    );
  }

  clear(): void {
    this.records = [];
  }
}

function safeHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = REDACTED.has(name) ? '(redacted)' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function bodyOf(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
  }
}

export function recordRequests(journal: RequestJournal): RequestHandler {
  return (req, res, next) => {
    const time = new Date().toISOString();
    res.on('finish', () => {
      const context = getAcsContext(res);
      const callConnectionId = context?.params.callConnectionId ?? context?.createdCallConnectionId;
      journal.add({
        id: String(res.locals.requestId),
        time,
        method: req.method,
        path: req.originalUrl,
        ...(context ? { operation: context.operation.id } : {}),
        ...(callConnectionId ? { callConnectionId } : {}),
        status: res.statusCode,
        headers: safeHeaders(req.headers),
        body: bodyOf(rawBodyOf(req.body)),
      });
    });
    next();
  };
}
