/** Finds the swagger operation a request targets; unknown paths 404, known paths with the wrong method 405. */
import type { RequestHandler } from 'express';
import { errors } from './errors.js';
import { matchOperation } from './match-operation.js';
import { setAcsContext } from './acs-context.js';
import type { OperationSpec } from '../schemas/generated/operations.js';

/** The matcher of one API's operations (each API is mounted under its own paths). */
export function identifyOperationOf(api: OperationSpec['api']): RequestHandler {
  return (req, res, next) => {
    const rawPath = req.originalUrl.split('?')[0] as string;
    const result = matchOperation(req.method, rawPath, api);
    if (result.kind === 'none') throw errors.routeNotFound(req.method, rawPath);
    if (result.kind === 'wrong-method')
      throw errors.methodNotAllowed(req.method, rawPath, result.allowed);
    setAcsContext(res, { operation: result.match.operation, params: result.match.params });
    next();
  };
}

/** The Call Automation matcher. */
export const identifyOperation: RequestHandler = identifyOperationOf('callAutomation');
