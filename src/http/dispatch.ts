/** Runs the handler of the identified operation and writes its reply; 501 for operations not emulated yet. */
import type { RequestHandler } from 'express';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { getAcsContext, rawBodyOf } from './acs-context.js';
import { DEFAULT_API_VERSION } from './api-version.js';
import { errors } from './errors.js';
import { faultSubject, markRequest } from './inject-faults.js';
import type { FaultInjection } from '../faults/fault-injection.js';

/** What dispatch hands a handler; `services` is whatever the composition root gives. */
export interface HandlerInput<S> {
  params: Record<string, string>;
  /** The validated body, for operations that take one. */
  body: unknown;
  apiVersion: string;
  services: S;
  /** Set when a `failOperation` rule makes this accepted operation fail. */
  failure?: ForcedOutcome;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export interface DispatchTable<
  S extends { faults?: FaultInjection } = { faults?: FaultInjection },
> {
  /** Handlers by swagger operation id. */
  handlers: Readonly<Record<string, (input: HandlerInput<S>) => Reply>>;
  services: S;
}

export function dispatch<S extends { faults?: FaultInjection }>({
  handlers,
  services,
}: DispatchTable<S>): RequestHandler {
  return (req, res) => {
    const context = getAcsContext(res);
    if (!context) throw errors.internal();
    const handler = handlers[context.operation.id];
    if (!handler) throw errors.notImplemented(context.operation.id);
    // A failOperation rule, if one applies; counted only once the handler accepted the operation.
    const chosen =
      services.faults && services.faults.rules.size > 0
        ? services.faults.chooseOutcome(faultSubject(context, rawBodyOf(req.body)))
        : undefined;
    const reply = handler({
      params: context.params,
      body: context.body,
      apiVersion: context.apiVersion ?? DEFAULT_API_VERSION,
      services,
      ...(chosen ? { failure: chosen.outcome } : {}),
    });
    if (chosen) markRequest(context, chosen.commit());
    const created = (reply.body as { callConnectionId?: unknown } | undefined)?.callConnectionId;
    if (typeof created === 'string' && !context.params.callConnectionId)
      context.createdCallConnectionId = created;
    res.status(reply.status);
    if (reply.body === undefined) res.end();
    else {
      const text = JSON.stringify(reply.body);
      res.locals.replyBody = text; // kept for a repeated Repeatability-Request-ID
      res.type('application/json').send(text);
    }
  };
}
