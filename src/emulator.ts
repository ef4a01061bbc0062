/**
 * The composition root: builds clock, state, delivery and the HTTP app from one Config, and owns
 * the server's lifecycle. Nothing here reads argv or the environment.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { CallRuntime } from './calls/call-runtime.js';
import type { Clock } from './clock.js';
import { ConfigError, connectionString, controlPlaneExposure, type Config } from './config.js';
import type { Delivery } from './events/delivery.js';
import type { EventRecord } from './events/event-journal.js';
import { WebhookSigner } from './events/webhook-signer.js';
import type { FaultInjection } from './faults/fault-injection.js';
import { createApp } from './http/app.js';
import { handleClientError } from './http/client-error.js';
import type { RequestJournal } from './http/request-journal.js';
import { createLogger } from './logger.js';
import { adminRouter } from './routes/admin.js';
import { callConnectionHandlers } from './routes/call-connections.js';
import { callMediaHandlers } from './routes/call-media.js';
import { connectHandlers } from './routes/connect.js';
import { callStreamingHandlers } from './routes/call-streaming.js';
import { dashboardRouter } from './routes/dashboard.js';
import type { HandlerTable, Services } from './routes/handler.js';
import { healthRouter } from './routes/health.js';
import { identityHandlers } from './routes/identities.js';
import { incomingCallHandlers } from './routes/incoming-call-actions.js';
import { openIdRouter } from './routes/openid.js';
import { participantActionHandlers } from './routes/participant-actions.js';
import { participantOperationHandlers } from './routes/participant-operations.js';
import { participantHandlers } from './routes/participants.js';
import { roomParticipantHandlers } from './routes/room-participants.js';
import { roomHandlers } from './routes/rooms.js';
import { recordingFilesRouter } from './routes/recording-files.js';
import { recordingHandlers } from './routes/recordings.js';
import { safeUrl } from './safe-url.js';
import { EmulatorState } from './state.js';
import { loadTlsMaterial } from './tls.js';

export interface Emulator {
  readonly app: Express;
  readonly config: Config;
  /** Every store, journal, queue and timer, with reset() and stop(). */
  readonly state: EmulatorState;
  readonly clock: Clock;
  readonly calls: CallRuntime;
  readonly delivery: Delivery;
  /** Signs callbacks; its `issuer` is what apps validate the JWT against. */
  readonly signer: WebhookSigner;
  readonly requests: RequestJournal;
  /** Fault rules and what they hold (delayed and hung requests, held callbacks). */
  readonly faults: FaultInjection;
  readonly logger: Logger;
  /**
   * Starts listening (HTTPS when the config has a certificate or `tls: 'self-signed'`); resolves
   * with the bound address, the client connection string and, when self-signed, the cert's file.
   */
  start(): Promise<StartedEmulator>;
  /**
   * Stops taking requests, tries to deliver pending callbacks within `graceMs` (default
   * --shutdown-grace-ms), logs what it could not deliver, then closes.
   */
  stop(graceMs?: number): Promise<StopSummary>;
}

/** What a stop left undone: the CLI exits non-zero when a callback was not delivered. */
export interface StopSummary {
  /** Callbacks still pending when the grace period ended (or a second signal cut it short). */
  undelivered: number;
}

export interface StartedEmulator {
  url: string;
  port: number;
  connectionString: string;
  /** The self-signed certificate clients should trust (`--tls self-signed` only). */
  certFile?: string;
}

export const HANDLERS: HandlerTable = {
  ...callConnectionHandlers,
  ...callMediaHandlers,
  ...callStreamingHandlers,
  ...incomingCallHandlers,
  ...participantHandlers,
  ...participantActionHandlers,
  ...connectHandlers,
  ...identityHandlers,
  ...roomHandlers,
  ...roomParticipantHandlers,
  ...participantOperationHandlers,
  ...recordingHandlers,
};

export interface EmulatorOptions {
  logger?: Logger;
  /** Where the built dashboard is; by default dist/dashboard of this package. */
  dashboardDir?: string;
}

/** dist/dashboard of this package, whether this module runs from src/ (tsx) or from dist/. */
const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../dist/dashboard/', import.meta.url));

/** The URL clients use: a wildcard bind address is reached on loopback. */
function clientUrl(host: string, port: number, secure: boolean): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `${secure ? 'https' : 'http'}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/`;
}

/** What the shutdown log says about an undelivered callback. */
function summary(record: EventRecord): Record<string, unknown> {
  const last = record.attempts.at(-1);
  return {
    id: record.id,
    type: record.type,
    callConnectionId: record.callConnectionId,
    url: safeUrl(record.url),
    attempts: record.attempts.length,
    ...(last ? { last: last.error ?? last.status } : {}),
  };
}

export function createEmulator(config: Config, options: EmulatorOptions = {}): Emulator {
  const logger =
    options.logger ??
    createLogger(config.logLevel, { format: config.logFormat === 'pretty' ? 'pretty' : 'json' });
  const signer = new WebhookSigner(
    config.acsResourceId,
    // Replaced with the bound address on start (port 0 is only known then).
    config.publicUrl ||
      clientUrl(
        config.host,
        config.port,
        config.tls === 'self-signed' || config.certFile !== undefined,
      ),
    config.signingKeyFile,
    config.callbackTokenReuseSeconds,
  );
  const state = new EmulatorState(config, logger, config.signCallbacks ? signer : undefined);
  const { calls, clock, delivery, faults, requests } = state;
  const exposure = controlPlaneExposure(config);
  // Loud and first: whoever reaches the port owns the emulator.
  if (exposure.warning) logger.warn({ controlPlane: exposure }, `SECURITY: ${exposure.warning}`);
  // Replaced with the bound address on start, like the issuer.
  state.recordings.setStorageOrigin(
    config.recordingStorageUrl ||
      config.publicUrl ||
      clientUrl(
        config.host,
        config.port,
        config.tls === 'self-signed' || config.certFile !== undefined,
      ),
  );
  const services: Services = {
    calls,
    clock,
    config,
    faults,
    identities: state.identities,
    rooms: state.rooms,
    recordings: state.recordings,
  };
  const app = createApp({
    config,
    logger,
    requests,
    faults,
    repeatability: state.repeatability,
    callbackTargets: state.callbackTargets,
    pendingCallbacks: (url) => delivery.pendingTo(url),
    allPendingCallbacks: () => delivery.pending,
    callbackUriOf: (id) => calls.get(id)?.callbackUri,
    dispatch: { handlers: HANDLERS, services },
    userTokens: (token) => state.identities.checkToken(token),
    routers: {
      health: healthRouter(state, exposure),
      admin: adminRouter({ state, services, logger }),
      openId: openIdRouter(signer),
      recordingFiles: recordingFilesRouter(state.recordingFiles, config),
      dashboard: dashboardRouter(config, options.dashboardDir ?? DEFAULT_DASHBOARD_DIR),
    },
  });

  let server: http.Server | https.Server | undefined;

  return {
    app,
    config,
    state,
    clock,
    calls,
    delivery,
    signer,
    requests,
    faults,
    logger,
    async start() {
      const tls = await loadTlsMaterial(config);
      // A key file given is read (or made) before listening: a bad one stops the start.
      if (config.signCallbacks && config.signingKeyFile !== undefined) {
        await signer.ready().catch((err: unknown) => {
          throw new ConfigError('--signing-key-file', (err as Error).message);
        });
      }
      const listening = tls
        ? https.createServer({ cert: tls.cert, key: tls.key }, app)
        : http.createServer(app);
      // Idle kept-alive sockets stay open longer than clients keep theirs (the SDK's pool, Azure's
      // front ends: about 60 s), so a client never reuses a socket the emulator is closing and
      // retries the request. Headers timeout above it, as Node advises; a half-sent request is
      // still cut after requestTimeout, which counts from its first byte.
      listening.keepAliveTimeout = 65_000;
      listening.headersTimeout = 66_000;
      listening.requestTimeout = 30_000;
      listening.on('clientError', handleClientError);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(config.port, config.host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      // The RSA key pair (~0.2 s) is made in the background once listening, so start-up does not
      // wait for it; a callback produced before it is ready waits for the same promise.
      if (config.signCallbacks) {
        signer
          .ready()
          .catch((err: unknown) => logger.error({ err }, 'could not make the signing key'));
      }
      const port = (listening.address() as AddressInfo).port;
      const url = clientUrl(config.host, port, tls !== undefined);
      state.callbackTargets.addSelf(config.host, port);
      if (config.publicUrl) {
        const announced = new URL(config.publicUrl);
        state.callbackTargets.addSelf(
          announced.hostname,
          Number(announced.port || (announced.protocol === 'https:' ? 443 : 80)),
        );
      }
      if (!config.publicUrl) signer.setIssuer(url);
      state.recordings.setStorageOrigin(config.recordingStorageUrl || config.publicUrl || url);
      return {
        url,
        port,
        connectionString: connectionString(url, config, true),
        ...(tls?.certFile !== undefined ? { certFile: tls.certFile } : {}),
      };
    },
    async stop(graceMs = config.shutdownGraceMs) {
      const closing = server;
      server = undefined;
      const closed = closing
        ? new Promise<void>((resolve) => closing.close(() => resolve()))
        : Promise.resolve();
      closing?.closeIdleConnections();
      const report = await state.stop(graceMs);
      if (report.undelivered.length > 0) {
        logger.warn(
          { undelivered: report.undelivered.map(summary), graceMs },
          `stopped with ${report.undelivered.length} callback(s) undelivered`,
        );
      } else if (report.pendingAtStop > 0) {
        logger.info(
          { delivered: report.pendingAtStop },
          'delivered every pending callback before stopping',
        );
      }
      closing?.closeAllConnections();
      await closed;
      return { undelivered: report.undelivered.length };
    },
  };
}
