/** What the ACS pipeline learns about a request, kept on `res.locals.acs` between middlewares. */
import type { Response } from 'express';
import type { FaultMark } from '../faults/fault-rule.js';
import type { RequestSubject } from '../faults/request-phase.js';
import type { OperationSpec } from '../schemas/generated/operations.js';
import { contentHash } from './hmac.js';

export interface AcsContext {
  operation: OperationSpec;
  params: Record<string, string>;
  apiVersion?: string;
  body?: unknown;
  /** The call a request created (CreateCall, AnswerCall), so the request journal can file it. */
  createdCallConnectionId?: string;
  /** The fault rules that touched the request, for the journal. */
  faults?: FaultMark[];
  /** What fault rules know of the request, made once (see inject-faults.ts). */
  faultSubject?: RequestSubject;
  /** The raw body's SHA-256 (base64), made once (see {@link bodyHashOf}). */
  bodyHash?: string;
}

export function setAcsContext(res: Response, context: AcsContext): void {
  res.locals.acs = context;
}

export function getAcsContext(res: Response): AcsContext | undefined {
  return res.locals.acs as AcsContext | undefined;
}

/** The raw request body bytes (empty when none), kept for the HMAC content hash. */
export function rawBodyOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/**
 * The raw body's SHA-256 (base64), computed once per request: the HMAC check compares it with
 * x-ms-content-sha256 and repeatability compares retries by it. Kept on the ACS context when
 * there is one (outside the ACS pipeline it is simply computed).
 */
export function bodyHashOf(body: unknown, res: Response | undefined): string {
  const context = res ? getAcsContext(res) : undefined;
  if (context?.bodyHash !== undefined) return context.bodyHash;
  const hash = contentHash(rawBodyOf(body));
  if (context) context.bodyHash = hash;
  return hash;
}
