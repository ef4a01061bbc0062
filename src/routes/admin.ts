/** The control API under /admin: JSON in and out, no ACS auth. Route names are a contract. */
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Call } from '../domain/call.js';
import { DTMF_IDLE } from '../domain/dtmf-machine.js';
import { errors, AcsError } from '../http/errors.js';
import type { EmulatorState } from '../state.js';
import { adminEventsRouter } from './admin-events.js';
import { adminFaultsRouter } from './admin-faults.js';
import { callConnectionProperties } from './call-view.js';
import { callerRouter } from './admin-caller.js';
import { adminMediaView } from './admin-media-view.js';
import { parseAdminJson } from './admin-body.js';
import { pageOf } from './admin-query.js';
import type { Services } from './handler.js';
import { maskUrlFields } from '../safe-url.js';

export interface AdminDeps {
  state: EmulatorState;
  services: Services;
  logger: Logger;
}

/** The emulator's full view of a call: ACS properties plus state the cloud does not show. */
export function adminCallView(call: Call): Record<string, unknown> {
  // Callback URLs lose credentials and query values (`?code=`), as in the logs.
  return maskUrlFields({
    ...callConnectionProperties(call),
    operationContext: call.operationContext,
    createdAt: new Date(call.createdAt).toISOString(),
    ...(call.connectedAt !== undefined
      ? { connectedAt: new Date(call.connectedAt).toISOString() }
      : {}),
    ...(call.endedAt !== undefined
      ? { endedAt: new Date(call.endedAt).toISOString(), endedBy: call.endedBy }
      : {}),
    participants: call.participants.map((p) => {
      const dtmf = call.dtmf[p.identifier.rawId] ?? DTMF_IDLE;
      return {
        identifier: p.identifier.model,
        isMuted: p.isMuted,
        isOnHold: p.isOnHold,
        continuousDtmfRecognition:
          dtmf.status === 'active'
            ? {
                active: true,
                operationContext: dtmf.operationContext,
                operationCallbackUri: dtmf.callbackUri,
              }
            : { active: false },
      };
    }),
    ...adminMediaView(call),
  });
}

function queryString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new AcsError(400, 'BadRequest', `Query parameter '${name}' must be given once.`);
  return value;
}

export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  const { state } = deps;
  router.use(
    callerRouter({
      services: deps.services,
      logger: deps.logger,
      delivery: state.delivery,
      targets: state.callbackTargets,
    }),
  );

  // Unpaged by default (the shape tests rely on); `top`/`skip` page it, with a `nextLink` to the
  // next page while there is one, as the service's list APIs do (20,000 calls are 16 MiB).
  router.get('/calls', (req, res) => {
    const page = pageOf(req);
    const all = state.calls.list();
    if (!page) {
      res.json({ value: all.map(adminCallView) });
      return;
    }
    const end = page.skip + page.top;
    res.json({
      value: all.slice(page.skip, end).map(adminCallView),
      ...(end < all.length ? { nextLink: `/admin/calls?top=${page.top}&skip=${end}` } : {}),
    });
  });

  router.get('/calls/:callConnectionId', (req, res) => {
    const call = state.calls.get(req.params.callConnectionId);
    if (!call) throw errors.callNotFound(req.params.callConnectionId);
    res.json(adminCallView(call));
  });

  router.use(adminEventsRouter(state.delivery)); // GET /events and /events/wait
  router.use(adminFaultsRouter(state.faults)); // POST, GET and DELETE /faults

  router.get('/requests', (req, res) => {
    res.json({
      value: state.requests.list({
        callConnectionId: queryString(req.query.callConnectionId, 'callConnectionId'),
        operation: queryString(req.query.operation, 'operation'),
      }),
    });
  });

  router.post('/clock/advance', (req, res) => {
    const clock = state.manualClock;
    if (!clock) {
      throw new AcsError(
        409,
        'ClockNotManual',
        'The emulator runs on the system clock; start it with --clock manual to advance time.',
      );
    }
    const body = parseAdminJson(req.body);
    if (
      typeof body.ms !== 'number' ||
      !Number.isFinite(body.ms) ||
      body.ms < 0 ||
      body.ms > 86_400_000
    ) {
      throw new AcsError(
        400,
        'BadRequest',
        "Body field 'ms' must be a number of milliseconds from 0 to 86400000.",
      );
    }
    clock.advance(body.ms);
    res.json({ now: new Date(clock.now()).toISOString() });
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });

  return router;
}
