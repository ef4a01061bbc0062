/**
 * The composition of the HTTP app: every middleware in the order a request meets it.
 * createApp never listens; emulator.ts (and tests) decide where it runs, and hand in the routers
 * and operation handlers, which live in the room above this one.
 */
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { CallbackTargets } from '../callback-targets.js';
import type { Config } from '../config.js';
import type { FaultInjection } from '../faults/fault-injection.js';
import { adminGuard } from './admin-guard.js';
import { adminKey } from './admin-key.js';
import { apiVersion } from './api-version.js';
import { auth } from './auth.js';
import { backpressure } from './backpressure.js';
import { dispatch, type DispatchTable } from './dispatch.js';
import { errorHandler } from './error-handler.js';
import { errors } from './errors.js';
import { identifyOperationOf } from './identify-operation.js';
import type { ApiName } from './api-version.js';
import type { AuthOptions } from './auth.js';
import { injectFaults } from './inject-faults.js';
import { parseBody } from './parse-body.js';
import { pipeline } from './pipeline.js';
import { rawBody } from './raw-body.js';
import { repeatability, type RepeatabilityCache } from './repeatability.js';
import { requestId } from './request-id.js';
import { recordRequests, type RequestJournal } from './request-journal.js';
import { logRequests } from './request-log.js';

export interface AppDeps<S extends { faults?: FaultInjection }> {
  config: Config;
  logger: Logger;
  requests: RequestJournal;
  faults: FaultInjection;
  repeatability: RepeatabilityCache;
  /** The URL check of callbackUri and friends; the allow-list alone when absent. */
  callbackTargets?: CallbackTargets;
  /** Callbacks not yet delivered to the destination of a URL, for the backpressure check. */
  pendingCallbacks: (url: string) => number;
  /** Callbacks not yet delivered to any destination (a quick "nowhere near the limit"). */
  allPendingCallbacks?: () => number;
  /** A stored call's callbackUri, so backpressure knows where an operation's events go. */
  callbackUriOf: (callConnectionId: string) => string | undefined;
  /** The ACS operations' handlers and what they are given. */
  dispatch: DispatchTable<S>;
  /** Checks ACS user tokens presented as Bearer (issued by the Identity API here). */
  userTokens?: AuthOptions['userTokens'];
  routers: {
    /** GET /health, no auth. */
    health: RequestHandler;
    /** The control API, mounted under /admin. */
    admin: RequestHandler;
    /** OIDC discovery + JWKS for signed callbacks, no api-version, no auth. */
    openId: RequestHandler;
    /** Recording files at their content/metadata/delete locations, mounted at /v1/objects. */
    recordingFiles: RequestHandler;
    /** The dashboard page and its assets, no auth (the page asks for the admin key). */
    dashboard: RequestHandler;
  };
}

/** The methods the OIDC router answers (GET, and HEAD and OPTIONS as any Express router does). */
const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `handler` for requests with one of `methods`; the rest go straight on (an ACS POST skips it). */
const onlyFor =
  (methods: ReadonlySet<string>, handler: RequestHandler): RequestHandler =>
  (req, res, next) =>
    methods.has(req.method) ? handler(req, res, next) : next();

export function createApp<S extends { faults?: FaultInjection }>(deps: AppDeps<S>): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  /** The pipeline of one ACS API; each API has its own operations and api-versions. */
  const acsApi = (api: ApiName) =>
    pipeline([
      recordRequests(deps.requests), //                        journal every ACS request when it finishes
      identifyOperationOf(api), //                             swagger operation id + path params, or 404/405
      injectFaults(deps.faults), //                            fault rules for this operation: error, delay, reset, hang
      apiVersion(config.acceptAnyApiVersion, api), //          api-version present and published for this API
      ...(config.disableAuth
        ? []
        : [
            auth({
              accessKey: config.accessKey,
              dateWindowSeconds: config.authDateWindowSeconds,
              now: Date.now,
              ...(deps.userTokens ? { userTokens: deps.userTokens } : {}),
            }), //                                             HMAC or Bearer
          ]),
      parseBody({ callbackAllow: config.callbackAllow, targets: deps.callbackTargets }), // content type, JSON, swagger schema, identifier rules, callback URLs
      repeatability(deps.repeatability), //                    a repeated Repeatability-Request-ID gets the first answer
      ...(api === 'callAutomation'
        ? [
            backpressure({
              pendingTo: deps.pendingCallbacks,
              ...(deps.allPendingCallbacks ? { pendingTotal: deps.allPendingCallbacks } : {}),
              callbackUriOf: deps.callbackUriOf,
              limit: config.maxPendingCallbacks,
            }), // 429 while callbacks pile up for this request's destinations (a replay adds none; a hang-up never)
          ]
        : []),
      dispatch(deps.dispatch), //                              the operation's handler and its exact success status
    ]);

  // What every request meets first, as one middleware list (one app layer instead of three).
  app.use(
    pipeline([
      requestId, //                                          x-ms-request-id on every response, 413s included
      logRequests(deps.logger), //                           one log line per request when it finishes
      rawBody(config.bodyLimitBytes), //                     raw body bytes, kept for the HMAC hash
    ]),
  );
  app.use(onlyFor(READS, deps.routers.openId)); //         OIDC discovery + JWKS (under /calling), no api-version, no auth
  app.use('/calling', acsApi('callAutomation')); //          the ACS Call Automation API (the busiest: met first)
  app.use(deps.routers.health); //                           GET /health, no auth
  app.use('/admin', adminGuard); //                           writes: JSON only, never from another site's page
  if (config.adminKey) app.use('/admin', adminKey(config.adminKey)); // optional guard of the control API
  app.use('/admin', deps.routers.admin); //                  the control API
  app.use('/v1/objects', deps.routers.recordingFiles); //   recording files, signed as the SDK downloads them
  app.use(['/identities', '/teamsUser'], acsApi('identity')); // the Identity API (users, tokens)
  app.use('/rooms', acsApi('rooms')); //                      the Rooms API
  app.use(deps.routers.dashboard); //                        the dashboard at / and /dashboard, no auth
  app.use((req) => {
    throw errors.routeNotFound(req.method, req.originalUrl.split('?')[0] as string); // JSON 404, never HTML
  });
  app.use(errorHandler(deps.logger, config.bodyLimitBytes)); // the one error renderer
  return app;
}
