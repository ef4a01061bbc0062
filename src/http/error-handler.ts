/**
 * The one error renderer: every error becomes the ACS envelope
 * `{"error":{"code","message",...}}` with `application/json`. Unknown exceptions are a 500 with a
 * generic message and one log line; no stack ever reaches a client.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AcsError, errors } from './errors.js';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps errors thrown by Express and body-parser to catalogue errors. */
function toAcsError(err: unknown, bodyLimit: number): AcsError | undefined {
  if (err instanceof AcsError) return err;
  const e = err as BodyParserError | undefined;
  if (e?.type === 'entity.too.large') return errors.bodyTooLarge(e.limit ?? bodyLimit);
  if (e?.type === 'request.aborted')
    return new AcsError(400, 'BadRequest', 'The request was aborted before its body arrived.');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AcsError(
      415,
      'UnsupportedMediaType',
      'The request body encoding is not supported; send identity-encoded UTF-8 JSON.',
    );
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AcsError(e.status, 'BadRequest', 'The request could not be read.');
  }
  return undefined;
}

export function errorHandler(logger: Logger, bodyLimit: number): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let error = toAcsError(err, bodyLimit);
    if (!error) {
      logger.error({ err, method: req.method, path: req.originalUrl }, 'unexpected error');
      error = errors.internal();
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [name, value] of Object.entries(error.options.headers ?? {}))
      res.setHeader(name, value);
    const body: Record<string, unknown> = {
      code: error.code,
      message: error.message,
      ...(error.options.innerError ? { innererror: error.options.innerError } : {}),
    };
    if (error.options.target) body.target = error.options.target;
    if (error.options.details) body.details = error.options.details;
    // Kept for the request log line and the request journal, so a rejection can be debugged.
    res.locals.errorBody = body;
    const envelope = error.options.storage
      ? { status: error.status, message: error.message, error: body }
      : { error: body };
    res.status(error.status).type('application/json').send(JSON.stringify(envelope));
  };
}
