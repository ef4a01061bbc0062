/** The emulator's structured logger (pino, JSON lines on stdout). */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { name: 'acs-call-emulator' },
    // Never log credentials, even if a caller passes a request or headers to the logger.
    redact: ['req.headers.authorization', 'headers.authorization', 'accessKey', 'token'],
  });
}
