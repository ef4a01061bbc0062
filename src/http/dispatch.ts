/** Runs the handler of the identified operation and writes its reply; 501 for operations not emulated yet. */
import type { RequestHandler } from 'express';
import { errors } from './errors.js';
import { getAcsContext } from './acs-context.js';
import type { HandlerTable, Services } from '../routes/handler.js';
import { DEFAULT_API_VERSION } from './api-version.js';
import { chooseFailure } from './operation-faults.js';

export function dispatch(handlers: HandlerTable, services: Services): RequestHandler {
  return (_req, res) => {
    const context = getAcsContext(res);
    if (!context) throw errors.internal();
    const handler = handlers[context.operation.id];
    if (!handler) throw errors.notImplemented(context.operation.id);
    const chosen = chooseFailure(services.faults, context); // a failOperation rule, if one applies
    const reply = handler({
      params: context.params,
      body: context.body,
      apiVersion: context.apiVersion ?? DEFAULT_API_VERSION,
      services,
      ...(chosen ? { failure: chosen.failure } : {}),
    });
    chosen?.commit();
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
