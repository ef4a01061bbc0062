/**
 * The composition root: builds clock, state, delivery and the HTTP app from one Config, and owns
 * the server's lifecycle. Nothing here reads argv or the environment.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createManualClock, createSystemClock, type Clock, type ManualClock } from './clock.js';
import { connectionString, type Config } from './config.js';
import { CallRuntime } from './domain/call-runtime.js';
import { Delivery } from './events/delivery.js';
import { closeIdleConnections } from './events/http-post.js';
import { createApp } from './http/app.js';
import { OPERATIONS } from './http/operations.js';
import { RequestJournal } from './http/request-journal.js';
import { logCallbackAttempt } from './events/attempt-log.js';
import { createLogger } from './logger.js';
import { callConnectionHandlers } from './routes/call-connections.js';
import { callMediaHandlers } from './routes/call-media.js';
import type { HandlerTable } from './routes/handler.js';
import { precompile } from './schemas/ajv.js';
import { loadTlsMaterial } from './tls.js';

export interface Emulator {
  readonly app: Express;
  readonly config: Config;
  readonly clock: Clock;
  readonly calls: CallRuntime;
  readonly delivery: Delivery;
  readonly requests: RequestJournal;
  readonly logger: Logger;
  /**
   * Starts listening (HTTPS when the config has a certificate or `tls: 'self-signed'`); resolves
   * with the bound address, the client connection string and, when self-signed, the cert's file.
   */
  start(): Promise<StartedEmulator>;
  /** Stops taking requests, tries to deliver pending callbacks within `graceMs`, then closes. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartedEmulator {
  url: string;
  port: number;
  connectionString: string;
  /** The self-signed certificate clients should trust (`--tls self-signed` only). */
  certFile?: string;
}

export const HANDLERS: HandlerTable = { ...callConnectionHandlers, ...callMediaHandlers };

export interface EmulatorOptions {
  logger?: Logger;
}

/** The URL clients use: a wildcard bind address is reached on loopback. */
function clientUrl(host: string, port: number, secure: boolean): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `${secure ? 'https' : 'http'}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/`;
}

export function createEmulator(config: Config, options: EmulatorOptions = {}): Emulator {
  const logger =
    options.logger ??
    createLogger(config.logLevel, { format: config.logFormat === 'pretty' ? 'pretty' : 'json' });
  const manualClock: ManualClock | undefined =
    config.clock === 'manual' ? createManualClock() : undefined;
  const clock: Clock = manualClock ?? createSystemClock();
  const delivery = new Delivery({
    maxAttempts: config.deliveryMaxAttempts,
    timeoutMs: config.deliveryTimeoutMs,
    backoffMs: config.deliveryBackoffMs,
    journalLimit: config.eventJournalLimit,
    logger,
    onAttempt: logCallbackAttempt(logger),
  });
  const calls = new CallRuntime(clock, delivery, config.connectDelayMs);
  const requests = new RequestJournal(config.requestJournalLimit);
  precompile(OPERATIONS.flatMap((o) => (o.body && HANDLERS[o.id] ? [o.body] : [])));
  const app = createApp({
    config,
    logger,
    services: { calls, clock, config },
    handlers: HANDLERS,
    calls,
    delivery,
    requests,
    manualClock,
    startedAt: Date.now(),
  });

  let server: http.Server | https.Server | undefined;

  return {
    app,
    config,
    clock,
    calls,
    delivery,
    requests,
    logger,
    async start() {
      const tls = await loadTlsMaterial(config);
      const listening = tls
        ? https.createServer({ cert: tls.cert, key: tls.key }, app)
        : http.createServer(app);
      // A half-sent or idle request must not hold a socket forever.
      listening.headersTimeout = 15_000;
      listening.requestTimeout = 30_000;
      listening.keepAliveTimeout = 5_000;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(config.port, config.host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      const port = (listening.address() as AddressInfo).port;
      const url = clientUrl(config.host, port, tls !== undefined);
      return {
        url,
        port,
        connectionString: connectionString(url, config, true),
        ...(tls?.certFile !== undefined ? { certFile: tls.certFile } : {}),
      };
    },
    async stop(graceMs = 5_000) {
      const closing = server;
      server = undefined;
      if (closing) {
        const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
        closing.closeIdleConnections();
        const left = await delivery.flush(graceMs);
        if (left > 0) logger.warn({ pending: left }, 'stopped with callbacks still undelivered');
        closing.closeAllConnections();
        await closed;
      }
      calls.reset();
      closeIdleConnections();
    },
  };
}
