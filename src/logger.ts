/**
 * The emulator's structured logger: pino JSON lines on stdout, or pino-pretty's readable lines
 * when asked (the CLI asks when stdout is a terminal).
 */
import { pino, type Logger } from 'pino';
import { createRequire } from 'node:module';
import type * as PinoPrettyModule from 'pino-pretty';
import type { LogLevel } from './config.js';
import { safeUrl } from './safe-url.js';

export interface LoggerOptions {
  /** `pretty` for people at a terminal; `json` (the default) for everything else. */
  format?: 'json' | 'pretty';
}

type PrettyModule = typeof PinoPrettyModule;

export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: { name: 'acs-call-emulator' },
    // Never log credentials, even if a caller passes a request or headers to the logger.
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'headers["x-ms-content-sha256"]',
        'authorization',
        'accessKey',
        'token',
        'signature',
        'key',
      ],
      censor: '(redacted)',
    },
    // Webhook URLs may carry credentials (user:pass@, ?code=): only their shape is logged.
    serializers: { url: (value: unknown) => (typeof value === 'string' ? safeUrl(value) : value) },
  };
  // Asynchronous writes: a line per request must not cost the request a blocking write(2).
  // Lines still go out in order and at once (no batching); the CLI flushes before it exits.
  if (options.format !== 'pretty')
    return pino(settings, pino.destination({ dest: 1, sync: false }));
  // Loaded only for a terminal: JSON logging (CI, Docker) does not pay for it at start.
  const { PinoPretty } = createRequire(import.meta.url)('pino-pretty') as PrettyModule;
  return pino(
    settings,
    PinoPretty({
      colorize: true,
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,name',
    }),
  );
}
