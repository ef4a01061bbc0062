/**
 * Reads every request body into `req.body` as raw bytes (kept for the HMAC content hash), with the
 * behaviour of `express.raw({ type: () => true, limit })` but without its per-request machinery
 * (type checks, debug, raw-body's option parsing), which showed up in the mission route's profile.
 * Only the common case is read here: an identity-encoded body within the limit. Everything else
 * (Content-Encoding, a Content-Length over the limit, a stream already read) goes to express.raw
 * itself, so inflation, limits and their errors stay exactly the same. Errors met while reading
 * carry the same `status`, `type` and `limit` that error-handler.ts maps.
 */
import express, { type RequestHandler, type Request } from 'express';

interface BodyReadError extends Error {
  status: number;
  statusCode: number;
  expose: boolean;
  type?: string;
  limit?: number;
  received?: number;
  expected?: number;
  length?: number;
}

function bodyError(status: number, message: string, props: Partial<BodyReadError>): BodyReadError {
  return Object.assign(new Error(message), {
    status,
    statusCode: status,
    expose: status < 500,
    ...props,
  });
}

/** on-finished's test for an IncomingMessage whose body can no longer be read. */
const finished = (req: Request & { upgrade?: boolean }): boolean =>
  Boolean(req.upgrade || !req.socket || !req.socket.readable || (req.complete && !req.readable));

/** type-is's hasBody: a body is announced by Transfer-Encoding or a numeric Content-Length. */
const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  !Number.isNaN(Number(req.headers['content-length']));

/** Reads the rest of a request we will not use, then continues (as body-parser does on errors). */
function dump(req: Request, then: () => void): void {
  if (finished(req)) return then();
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    then();
  };
  req.once('end', once);
  req.once('close', once);
  req.once('error', once);
  req.resume();
}

export function rawBody(limit: number): RequestHandler {
  const general = express.raw({ type: () => true, limit });
  return (req, res, next) => {
    const encoding = req.headers['content-encoding'];
    const declared = req.headers['content-length'];
    const length = declared === undefined ? null : parseInt(declared, 10);
    if (
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      (length !== null && length > limit) ||
      finished(req) ||
      !req.readable
    ) {
      general(req, res, next);
      return;
    }
    if (!Reflect.has(req, 'body')) req.body = undefined;
    if (!hasBody(req)) return next();

    const chunks: Buffer[] = [];
    let received = 0;
    let complete = false;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      req.off('close', cleanup);
    };
    const fail = (error: BodyReadError) => {
      complete = true;
      cleanup();
      req.pause();
      dump(req, () => next(error));
    };
    function onData(chunk: Buffer) {
      if (complete) return;
      received += chunk.length;
      if (received > limit) {
        fail(
          bodyError(413, 'request entity too large', {
            limit,
            received,
            type: 'entity.too.large',
          }),
        );
      } else chunks.push(chunk);
    }
    function onEnd() {
      if (complete) return;
      if (length !== null && received !== length) {
        fail(
          bodyError(400, 'request size did not match content length', {
            expected: length,
            length,
            received,
            type: 'request.size.invalid',
          }),
        );
        return;
      }
      complete = true;
      cleanup();
      req.body = Buffer.concat(chunks, received);
      next();
    }
    function onError(err: Error) {
      if (complete) return;
      fail(Object.assign(err, { status: 400, statusCode: 400, expose: true }));
    }
    function onAborted() {
      if (complete) return;
      fail(
        bodyError(400, 'request aborted', {
          expected: length ?? undefined,
          length: length ?? undefined,
          received,
          type: 'request.aborted',
        }),
      );
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
    req.on('close', cleanup);
  };
}
