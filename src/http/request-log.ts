/**
 * One log line per request when its response finishes: method, path (no query), operation id,
 * status, the error code of a refusal, duration and call id. Headers and bodies are never logged (they carry signatures and
 * tokens). Cheap on the hot path: one listener, one small object, nothing when the level is off.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { getAcsContext } from './acs-context.js';

export function logRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      // Health probes arrive every few seconds from Docker: keep them out of the info stream.
      // (req.path parses the URL: only a URL that names health can be it.)
      const level =
        res.statusCode >= 500
          ? 'error'
          : req.url.includes('health') && req.path === '/health'
            ? 'debug'
            : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const acs = getAcsContext(res);
      const callConnectionId = acs?.params.callConnectionId ?? acs?.createdCallConnectionId;
      logger[level](
        {
          method: req.method,
          path: req.originalUrl.split('?', 1)[0],
          operation: acs?.operation.id,
          status: res.statusCode,
          errorCode: (res.locals.errorBody as { code?: string } | undefined)?.code,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          callConnectionId,
          requestId: res.locals.requestId as string | undefined,
        },
        'request',
      );
    });
    next();
  };
}
