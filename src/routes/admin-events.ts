/**
 * The callback journal in the control API: GET /admin/events lists records, GET
 * /admin/events/wait long-polls for the first match (past or future) and answers 408 on timeout;
 * POST /admin/events/{id}/redeliver and /admin/calls/{id}/events/redeliver send failed or
 * dropped events again (a webhook that was down gets them once it is back).
 */
import { Router } from 'express';
import type { Delivery } from '../events/delivery.js';
import { AcsError, errors } from '../http/errors.js';
import { adminParse } from './admin-body.js';
import { maskUrlFields } from '../safe-url.js';
import { describeFilter, eventFilterOf, millisecondsOf } from './admin-query.js';

export const DEFAULT_WAIT_TIMEOUT_MS = 10_000;
/** Below common HTTP client header timeouts (undici: 300 s), so the 408 always arrives. */
export const MAX_WAIT_TIMEOUT_MS = 290_000;

export function adminEventsRouter(delivery: Delivery): Router {
  const router = Router();

  router.get('/events', (req, res) => {
    // URLs lose credentials and query values (`?code=`), as in the logs.
    res.json({ value: delivery.journal.list(eventFilterOf(req)).map((r) => maskUrlFields(r)) });
  });

  router.get('/events/wait', async (req, res) => {
    const filter = eventFilterOf(req);
    const timeoutMs = millisecondsOf(
      req,
      'timeoutMs',
      DEFAULT_WAIT_TIMEOUT_MS,
      MAX_WAIT_TIMEOUT_MS,
    );
    const wait = delivery.waiters.wait(filter, timeoutMs);
    // A client that gives up must not leave its waiter behind.
    res.on('close', () => wait.cancel());
    const record = await wait.result;
    if (res.writableEnded || res.destroyed) return;
    if (!record)
      throw errors.eventWaitTimedOut(describeFilter(filter), timeoutMs, MAX_WAIT_TIMEOUT_MS);
    res.json(maskUrlFields(record));
  });

  router.post('/events/:eventId/redeliver', (req, res) => {
    adminParse(req.body, []);
    const id = req.params.eventId;
    const records = delivery.journal.list().filter((r) => r.id === id);
    if (records.length === 0)
      throw new AcsError(
        404,
        'EventNotFound',
        `No event with id '${id}' is in the journal. GET /admin/events lists them; the oldest finished ones go past --event-journal-limit and on POST /admin/reset.`,
      );
    const again = delivery.redeliver(records);
    if (again.length === 0)
      throw new AcsError(
        409,
        'EventNotRedeliverable',
        `Event '${id}' is ${records.map((r) => r.status).join(', ')}; only a failed or dropped event can be delivered again.`,
      );
    res.status(202).json({ value: again.map((r) => maskUrlFields(r)) });
  });

  router.post('/calls/:callConnectionId/events/redeliver', (req, res) => {
    adminParse(req.body, []);
    const id = req.params.callConnectionId;
    const failed = delivery.journal.list({ callConnectionId: id, status: 'failed' });
    res.status(202).json({ value: delivery.redeliver(failed).map((r) => maskUrlFields(r)) });
  });

  return router;
}
