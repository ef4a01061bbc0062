/** The control API under /admin: JSON in and out, no ACS auth. Route names are a contract. */
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Call } from '../domain/call.js';
import { errors, AcsError } from '../http/errors.js';
import type { EmulatorState } from '../state.js';
import { adminDirectoryRouter } from './admin-directory.js';
import { adminEventsRouter } from './admin-events.js';
import { adminEventSubscriptionsRouter } from './admin-event-subscriptions.js';
import { adminFaultsRouter } from './admin-faults.js';
import { adminRecordingsRouter } from './admin-recordings.js';
import { adminCallView } from './admin-call-view.js';
import { callerRouter } from './admin-caller.js';
import { adminPartiesRouter } from './admin-parties.js';
import { adminSpeechRouter } from './admin-speech.js';
import { parseAdminJson } from './admin-body.js';
import { onlyKnownQuery, pageOf, queryParam } from './admin-query.js';
import type { Services } from './handler.js';
import { adminStreamRouter, clockView, faultsView } from './admin-stream.js';

export { adminCallView };

export interface AdminDeps {
  state: EmulatorState;
  services: Services;
  logger: Logger;
}

export function adminRouter(deps: AdminDeps): Router {
  const router = Router();
  const { state } = deps;
  router.use(onlyKnownQuery); // a misspelled query parameter is a 400, never ignored
  router.use(
    callerRouter({
      services: deps.services,
      actions: state.callerActions,
      listening: state.listeningPresses,
      delivery: state.delivery,
      targets: state.callbackTargets,
    }),
  );
  router.use(adminPartiesRouter(state.parties)); // PUT, GET and DELETE /parties

  router.use(adminSpeechRouter(deps.services)); // POST /calls/{id}/speech
  router.use(adminEventSubscriptionsRouter(state.eventGrid, state.callbackTargets)); // PUT, GET and DELETE /event-subscriptions
  router.use(adminRecordingsRouter(state.recordings)); // GET /recordings

  // Unpaged by default (the shape tests rely on); `top`/`skip` page it, with a `nextLink` to the
  // next page while there is one, as the service's list APIs do (20,000 calls are 16 MiB).
  const callView = (call: Call) => ({
    ...adminCallView(call),
    ...state.streams.adminView(call.callConnectionId),
  });
  router.get('/calls', (req, res) => {
    const page = pageOf(req);
    const all = state.calls.list();
    if (!page) {
      res.json({ value: all.map(callView) });
      return;
    }
    const end = page.skip + page.top;
    res.json({
      value: all.slice(page.skip, end).map(callView),
      ...(end < all.length ? { nextLink: `/admin/calls?top=${page.top}&skip=${end}` } : {}),
    });
  });

  router.get('/calls/:callConnectionId', (req, res) => {
    const call = state.calls.get(req.params.callConnectionId);
    if (!call) throw errors.adminCallNotFound(req.params.callConnectionId);
    res.json({ ...adminCallView(call), ...state.streams.adminView(call.callConnectionId) });
  });

  router.use(adminEventsRouter(state.delivery)); // GET /events, /events/wait; POST redeliver
  router.use(
    adminFaultsRouter(state.faults, () =>
      state.feed.publish({ kind: 'faults', ...faultsView(state) }),
    ),
  ); // POST, GET and DELETE /faults
  router.use(adminDirectoryRouter(state.identities, state.rooms)); // GET /identities and /rooms
  router.use(adminStreamRouter(state)); // GET /stream: every change, live (server-sent events)

  router.get('/caller-actions', (req, res) => {
    res.json({
      value: state.callerActions.list({
        callConnectionId: queryParam(req, 'callConnectionId'),
      }),
    });
  });

  router.get('/clock', (_req, res) => {
    res.json(clockView(state));
  });

  router.get('/requests', (req, res) => {
    res.json({
      value: state.requests.list({
        callConnectionId: queryParam(req, 'callConnectionId'),
        operation: queryParam(req, 'operation'),
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
    state.feed.publish({ kind: 'clock', ...clockView(state) });
    res.json({ now: new Date(clock.now()).toISOString() });
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });

  return router;
}
