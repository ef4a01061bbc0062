/**
 * Repeatability-Request-ID (the OASIS repeatable-requests headers the swagger declares on 14
 * operations): a request that repeats an ID already handled is a retry, so it gets the first
 * answer again and changes nothing; the SDKs send the same ID on every retry of an operation.
 */
import type { RequestHandler } from 'express';
import { AcsError } from './errors.js';
import { bodyHashOf, getAcsContext } from './acs-context.js';
import { CHAIN_ID_HEADER } from './dispatch.js';

interface Stored {
  operation: string;
  bodyHash: string;
  status: number;
  body?: string;
  createdCallConnectionId?: string;
  /** The first answer's X-Microsoft-Skype-Chain-ID, given again with the repeated answer. */
  chainId?: string;
  at: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Answers by Repeatability-Request-ID, bounded in count and age. */
export class RepeatabilityCache {
  private readonly answers = new Map<string, Stored>();

  constructor(
    private readonly limit: number,
    private readonly ttlMs: number,
  ) {}

  get(id: string, now: number): Stored | undefined {
    const stored = this.answers.get(id);
    if (stored && now - stored.at > this.ttlMs) {
      this.answers.delete(id);
      return undefined;
    }
    return stored;
  }

  set(id: string, stored: Stored): void {
    this.answers.set(id, stored);
    // Map keeps insertion order: the first key is the oldest answer.
    if (this.answers.size > this.limit)
      this.answers.delete(this.answers.keys().next().value as string);
  }

  clear(): void {
    this.answers.clear();
  }
}

/**
 * The service's recordings: createCall and answerCall answers carry no Repeatability-Result,
 * while sendDtmfTones and terminate answer `Repeatability-Result: accepted`.
 */
const NO_RESULT_HEADER: ReadonlySet<string> = new Set(['CreateCall', 'AnswerCall']);

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function invalid(message: string): AcsError {
  return new AcsError(400, 'BadRequest', message, {
    headers: { 'Repeatability-Result': 'rejected' },
  });
}

export function repeatability(
  cache: RepeatabilityCache,
  now: () => number = Date.now,
): RequestHandler {
  return (req, res, next) => {
    const context = getAcsContext(res);
    const id = header(req.headers['repeatability-request-id']);
    const firstSent = header(req.headers['repeatability-first-sent']);
    if (!context?.operation.repeatable || (id === undefined && firstSent === undefined))
      return next();
    if (id === undefined || firstSent === undefined) {
      throw invalid(
        'Repeatability-Request-ID and Repeatability-First-Sent go together; send both or neither.',
      );
    }
    if (!UUID.test(id)) throw invalid(`Repeatability-Request-ID '${id}' is not a UUID.`);
    if (Number.isNaN(Date.parse(firstSent))) {
      throw invalid(`Repeatability-First-Sent '${firstSent}' is not an RFC 1123 date.`);
    }
    const bodyHash = bodyHashOf(req.body, res);
    const stored = cache.get(id, now());
    if (stored) {
      if (stored.operation !== context.operation.id || stored.bodyHash !== bodyHash) {
        throw new AcsError(
          409,
          'RepeatabilityConflict',
          `Repeatability-Request-ID '${id}' was already used for a different request; use a new ID for a new request.`,
          { headers: { 'Repeatability-Result': 'rejected' } },
        );
      }
      // A retry of a request already handled: the first answer again, and no second effect.
      if (stored.createdCallConnectionId)
        context.createdCallConnectionId = stored.createdCallConnectionId;
      if (!NO_RESULT_HEADER.has(context.operation.id))
        res.setHeader('Repeatability-Result', 'accepted');
      if (stored.chainId !== undefined) res.setHeader(CHAIN_ID_HEADER, stored.chainId);
      res.status(stored.status);
      if (stored.body === undefined) res.end();
      else res.type('application/json').send(stored.body);
      return;
    }
    if (!NO_RESULT_HEADER.has(context.operation.id))
      res.setHeader('Repeatability-Result', 'accepted');
    res.once('finish', () => {
      const body = res.locals.replyBody as string | undefined;
      if (res.statusCode < 200 || res.statusCode >= 300) return;
      const chainId = res.getHeader(CHAIN_ID_HEADER);
      cache.set(id, {
        operation: context.operation.id,
        bodyHash,
        status: res.statusCode,
        ...(body !== undefined ? { body } : {}),
        ...(context.createdCallConnectionId
          ? { createdCallConnectionId: context.createdCallConnectionId }
          : {}),
        ...(typeof chainId === 'string' ? { chainId } : {}),
        at: now(),
      });
    });
    next();
  };
}
