/** Parses and validates the JSON body of operations that take one; others ignore any body. */
import type { RequestHandler } from 'express';
import { errors, type AcsError } from './errors.js';
import { identityBodyError, identityErrors } from './errors-identity.js';
import { roomsErrors } from './errors-rooms.js';
import { getAcsContext, rawBodyOf } from './acs-context.js';
import { validateRequest, type RequestRules } from '../schemas/validate-request.js';
import type { OperationSpec } from '../schemas/generated/operations.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * A merge-patch body without its `null` members (which mean "remove"), for the schema check: the
 * swagger types the members, not their removal.
 */
function withoutNulls(value: unknown, depth = 0): unknown {
  if (depth > 32 || typeof value !== 'object' || value === null || Array.isArray(value))
    return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== null)
      .map(([key, member]) => [key, withoutNulls(member, depth + 1)]),
  );
}

/** Each API answers a body outside its swagger in its own words. */
function invalid(operation: OperationSpec, problems: readonly string[]): AcsError {
  if (operation.api === 'rooms') return roomsErrors.invalidBody(problems);
  if (operation.api === 'identity')
    return identityErrors.validation(`The request body is invalid: ${problems.join('; ')}.`);
  return errors.invalidBody(problems);
}

export function parseBody(options: RequestRules): RequestHandler {
  return (req, res, next) => {
    const context = getAcsContext(res);
    const operation = context?.operation;
    const definition = operation?.body;
    if (!context || !operation || !definition) return next();
    const raw = rawBodyOf(req.body);
    if (raw.length === 0) {
      // e.g. Identity's create: the SDK sends no body for a user without a token.
      if (operation.bodyOptional) {
        context.body = {};
        return next();
      }
      throw errors.bodyRequired();
    }
    const contentType = req.headers['content-type'];
    if (!contentType || !JSON_TYPE.test(contentType))
      throw errors.unsupportedContentType(contentType);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      throw errors.invalidJson((err as Error).message);
    }
    if (operation.api === 'identity') {
      const refused = identityBodyError(parsed, operation.id);
      if (refused) throw refused;
    }
    const result = validateRequest(
      definition,
      operation.mergePatch ? withoutNulls(parsed) : parsed,
      options,
    );
    if (!result.ok) throw invalid(operation, result.problems);
    // A merge-patch handler needs the nulls: they say what to remove.
    context.body = operation.mergePatch ? parsed : result.value;
    next();
  };
}
