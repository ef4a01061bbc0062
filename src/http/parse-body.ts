/** Parses and validates the JSON body of operations that take one; others ignore any body. */
import type { RequestHandler } from 'express';
import { errors } from './errors.js';
import { getAcsContext, rawBodyOf } from './acs-context.js';
import { validateRequest, type RequestRules } from '../schemas/validate-request.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export function parseBody(options: RequestRules): RequestHandler {
  return (req, res, next) => {
    const context = getAcsContext(res);
    const definition = context?.operation.body;
    if (!context || !definition) return next();
    const raw = rawBodyOf(req.body);
    if (raw.length === 0) throw errors.bodyRequired();
    const contentType = req.headers['content-type'];
    if (!contentType || !JSON_TYPE.test(contentType))
      throw errors.unsupportedContentType(contentType);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      throw errors.invalidJson((err as Error).message);
    }
    const result = validateRequest(definition, parsed, options);
    if (!result.ok) throw errors.invalidBody(result.problems);
    context.body = result.value;
    next();
  };
}
