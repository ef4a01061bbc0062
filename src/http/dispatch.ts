/**
 * Runs the handler of the identified operation and answers with the operation table's success
 * status plus what the handler returned; 501 for operations not emulated yet. The handlers and
 * what they are given come from the composition root: this room knows their shape, not them.
 */
import type { RequestHandler } from 'express';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { newGuid } from '../domain/ids.js';
import type { FaultInjection } from '../faults/fault-injection.js';
import type { OperationId } from '../schemas/generated/operations.js';
import { getAcsContext, rawBodyOf } from './acs-context.js';
import { DEFAULT_API_VERSION } from './api-version.js';
import { errors } from './errors.js';
import { faultSubject, markRequest } from './inject-faults.js';

/** What dispatch hands a handler; `services` is whatever the composition root gives. */
export interface HandlerInput<S, Body = unknown> {
  params: Record<string, string>;
  /** The body the validator accepted (`undefined` for operations that take none). */
  body: Body;
  apiVersion: string;
  services: S;
  /** Set when a `failOperation` rule makes this accepted operation fail. */
  failure?: ForcedOutcome;
}

/** What a handler adds to the table's answer: a JSON body, response headers. */
export interface HandlerResult {
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Any operation's handler. The body is `never` here so a handler typed for one operation's body
 * fits: dispatch passes the body parse-body validated against that operation's definition, and
 * that validation is what makes it the handler's declared type.
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- see routes/handler.ts
type AnyHandler<S> = (input: HandlerInput<S, never>) => HandlerResult | void;

/** What dispatch needs to know of the calls: a live call's correlationId, for the chain header. */
export interface CallsView {
  get(id: string): { correlationId: string; state: string } | undefined;
}

/** The header the service puts on every answer: a call's correlationId, else a fresh GUID. */
export const CHAIN_ID_HEADER = 'X-Microsoft-Skype-Chain-ID';

type DispatchServices = { faults?: FaultInjection; calls?: CallsView };

export interface DispatchTable<S extends DispatchServices> {
  handlers: { readonly [Id in OperationId]?: AnyHandler<S> };
  services: S;
}

/**
 * The service's recordings: answers about a live call carry its correlationId as the chain id,
 * a created or answered call its new one, and anything else (an unknown or ended call's 8522
 * included) a fresh GUID. Set before the handler runs so its errors carry it too.
 */
function chainIdOf(services: DispatchServices, callConnectionId: string | undefined): string {
  const call = callConnectionId !== undefined ? services.calls?.get(callConnectionId) : undefined;
  return call && call.state !== 'disconnected' ? call.correlationId : newGuid();
}

export function dispatch<S extends DispatchServices>({
  handlers,
  services,
}: DispatchTable<S>): RequestHandler {
  return (req, res) => {
    const context = getAcsContext(res);
    if (!context) throw errors.internal();
    const { operation } = context;
    const handler = handlers[operation.id];
    res.setHeader(CHAIN_ID_HEADER, chainIdOf(services, context.params.callConnectionId));
    // Recorded (2024 on): the service echoes the caller's User-Agent in X-Microsoft-Skype-Client.
    const userAgent = req.headers['user-agent'];
    if (userAgent) res.setHeader('X-Microsoft-Skype-Client', userAgent);
    if (!handler) throw errors.notImplemented(operation.id);
    // A failOperation rule, if one applies; counted only once the handler accepted the operation.
    const chosen =
      services.faults && services.faults.rules.size > 0
        ? services.faults.chooseOutcome(faultSubject(context, rawBodyOf(req.body)))
        : undefined;
    const result: HandlerResult =
      handler({
        params: context.params,
        body: context.body as never,
        apiVersion: context.apiVersion ?? DEFAULT_API_VERSION,
        services,
        ...(chosen ? { failure: chosen.outcome } : {}),
      }) ?? {};
    if (chosen) markRequest(context, chosen.commit());
    const created = (result.body as { callConnectionId?: unknown } | undefined)?.callConnectionId;
    if (typeof created === 'string' && !context.params.callConnectionId)
      context.createdCallConnectionId = created;
    const correlationId = (result.body as { correlationId?: unknown } | undefined)?.correlationId;
    if (typeof correlationId === 'string') res.setHeader(CHAIN_ID_HEADER, correlationId);
    if (result.headers) res.set(result.headers);
    res.status(operation.status);
    if (result.body === undefined) res.end();
    else {
      const text = JSON.stringify(result.body);
      res.locals.replyBody = text; // kept for a repeated Repeatability-Request-ID
      if (plainJsonAnswer(req.method, operation.status, result.headers)) {
        // What res.type('application/json').send(text) sends here, without its content-type
        // parsing and formatting on every answer.
        res.setHeader('Content-Type', JSON_CONTENT_TYPE);
        res.setHeader('Content-Length', String(Buffer.byteLength(text)));
        res.end(text, 'utf8');
      } else res.type('application/json').send(text);
    }
  };
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Whether Express's send would write the JSON body as is: not for HEAD, a conditional GET, a
 * status that carries no body, or headers of the handler's own that send would have to combine.
 */
function plainJsonAnswer(
  method: string,
  status: number,
  headers: Record<string, string> | undefined,
): boolean {
  if (method === 'GET' || method === 'HEAD') return false;
  if (status === 204 || status === 205 || status === 304) return false;
  if (!headers) return true;
  return !Object.keys(headers).some((name) => BODY_HEADERS.has(name.toLowerCase()));
}

const BODY_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'etag',
]);
