/**
 * Runs the handler of the identified operation and answers with the operation table's success
 * status plus what the handler returned; 501 for operations not emulated yet.
 */
import type { RequestHandler } from 'express';
import { errors } from './errors.js';
import { getAcsContext } from './acs-context.js';
import type {
  Handler,
  HandlerContext,
  HandlerResult,
  HandlerTable,
  Services,
} from '../routes/handler.js';
import type { OperationId } from '../schemas/generated/operations.js';
import { DEFAULT_API_VERSION } from './api-version.js';
import { chooseFailure } from './operation-faults.js';

/**
 * Any entry of the table, called with the body parse-body validated against this operation's
 * definition: that validation is what makes the body the handler's declared type.
 */
type ValidatedHandler = (context: HandlerContext) => ReturnType<Handler<OperationId>>;

export function dispatch(handlers: HandlerTable, services: Services): RequestHandler {
  return (_req, res) => {
    const context = getAcsContext(res);
    if (!context) throw errors.internal();
    const { operation } = context;
    const handler = handlers[operation.id] as ValidatedHandler | undefined;
    if (!handler) throw errors.notImplemented(operation.id);
    const chosen = chooseFailure(services.faults, context); // a failOperation rule, if one applies
    const result: HandlerResult =
      handler({
        params: context.params,
        body: context.body,
        apiVersion: context.apiVersion ?? DEFAULT_API_VERSION,
        services,
        ...(chosen ? { failure: chosen.failure } : {}),
      }) ?? {};
    chosen?.commit();
    const created = (result.body as { callConnectionId?: unknown } | undefined)?.callConnectionId;
    if (typeof created === 'string' && !context.params.callConnectionId)
      context.createdCallConnectionId = created;
    if (result.headers) res.set(result.headers);
    res.status(operation.status);
    if (result.body === undefined) res.end();
    else {
      const text = JSON.stringify(result.body);
      res.locals.replyBody = text; // kept for a repeated Repeatability-Request-ID
      res.type('application/json').send(text);
    }
  };
}
