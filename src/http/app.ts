/**
 * The composition of the HTTP app: every middleware in the order a request meets it.
 * createApp never listens; emulator.ts (and tests) decide where it runs.
 */
import express, { Router, type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { CallRuntime } from '../domain/call-runtime.js';
import type { Delivery } from '../events/delivery.js';
import type { FaultInjection } from '../fault-injection.js';
import type { WebhookSigner } from '../events/webhook-signer.js';
import type { HandlerTable, Services } from '../routes/handler.js';
import { adminRouter } from '../routes/admin.js';
import { healthRouter } from '../routes/health.js';
import { openIdRouter } from '../routes/openid.js';
import type { ManualClock } from '../clock.js';
import { adminKey } from './admin-key.js';
import { apiVersion } from './api-version.js';
import { backpressure } from './backpressure.js';
import { auth } from './auth.js';
import { dispatch } from './dispatch.js';
import { errorHandler } from './error-handler.js';
import { errors } from './errors.js';
import { identifyOperation } from './identify-operation.js';
import { injectFaults } from './inject-faults.js';
import { parseBody } from './parse-body.js';
import { rawBody } from './raw-body.js';
import { RepeatabilityCache, repeatability } from './repeatability.js';
import { requestId } from './request-id.js';
import { logRequests } from './request-log.js';
import { recordRequests, type RequestJournal } from './request-journal.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  services: Services;
  handlers: HandlerTable;
  calls: CallRuntime;
  delivery: Delivery;
  requests: RequestJournal;
  faults: FaultInjection;
  manualClock?: ManualClock;
  startedAt: number;
  /** Signs callbacks; its OpenID configuration and JWKS are served when present. */
  signer?: WebhookSigner;
}

/** Answers kept for repeated requests: enough for SDK retries (minutes), bounded in memory. */
const REPEATABILITY_LIMIT = 10_000;
const REPEATABILITY_TTL_MS = 15 * 60_000;

export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const repeated = new RepeatabilityCache(REPEATABILITY_LIMIT, REPEATABILITY_TTL_MS);
  const acs = Router();
  acs.use(recordRequests(deps.requests)); //                 journal every ACS request when it finishes
  acs.use(identifyOperation); //                             swagger operation id + path params, or 404/405
  acs.use(injectFaults(deps.faults.rules, deps.faults.timers)); // fault rules for this operation: error, delay, reset, hang
  acs.use(apiVersion(config.acceptAnyApiVersion)); //        api-version present and published
  if (!config.disableAuth) {
    acs.use(
      auth({
        accessKey: config.accessKey,
        dateWindowSeconds: config.authDateWindowSeconds,
        now: Date.now,
      }),
    ); // HMAC or Bearer
  }
  acs.use(parseBody({ callbackAllow: config.callbackAllow })); // content type, JSON, swagger schema, identifier rules
  acs.use(repeatability(repeated)); //                        a repeated Repeatability-Request-ID gets the first answer
  acs.use(backpressure(() => deps.delivery.pending, config.maxPendingCallbacks)); // 429 while callbacks pile up (a replay adds none)
  acs.use(dispatch(deps.handlers, deps.services)); //        the operation's handler and its exact success status

  app.use(requestId); //                                     x-ms-request-id on every response, 413s included
  app.use(logRequests(deps.logger)); //                      one log line per request when it finishes
  app.use(rawBody(config.bodyLimitBytes)); //                raw body bytes, kept for the HMAC hash
  app.use(healthRouter(deps.calls, deps.delivery, deps.startedAt)); // GET /health, no auth
  if (config.adminKey) app.use('/admin', adminKey(config.adminKey)); // optional guard of the control API
  app.use(
    '/admin',
    adminRouter({ ...deps, manualClock: deps.manualClock, repeatability: repeated }),
  ); // the control API
  if (deps.signer) app.use(openIdRouter(deps.signer)); //  OIDC discovery + JWKS, no api-version, no auth
  app.use('/calling', acs); //                               the ACS Call Automation API
  app.use((req) => {
    throw errors.routeNotFound(req.method, req.originalUrl.split('?')[0] as string); // JSON 404, never HTML
  });
  app.use(errorHandler(deps.logger, config.bodyLimitBytes)); // the one error renderer
  return app;
}
