/**
 * Event Grid subscriptions in the control API (route names are a contract):
 * PUT /admin/event-subscriptions/{name} `{ "url", "eventTypes"? }` adds or replaces one, GET lists
 * them, DELETE removes one.
 */
import { Router } from 'express';
import { fullEventType } from '../events/catalogue.js';
import type {
  EventGridSubscriptions,
  EventSubscription,
} from '../events/event-grid-subscriptions.js';
import type { CallbackTargets } from '../callback-targets.js';
import { errors } from '../http/errors.js';
import { checkCallbackUri } from '../schemas/validate-request.js';
import { adminParse } from './admin-body.js';

const FIELDS = ['url', 'eventTypes'];
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

const view = (s: EventSubscription) => ({
  name: s.name,
  url: s.url,
  eventTypes: s.eventTypes ?? null,
  fromSettings: s.fromSettings ?? false,
});

export function adminEventSubscriptionsRouter(
  subscriptions: EventGridSubscriptions,
  targets?: CallbackTargets,
): Router {
  const router = Router();

  router.put('/event-subscriptions/:name', (req, res) => {
    const name = req.params.name;
    const body = adminParse(req.body, FIELDS);
    const problems: string[] = [];
    if (!NAME.test(name))
      problems.push('the subscription name must be 1 to 64 letters, digits, - or _');
    const url = body.url;
    if (typeof url !== 'string') problems.push('url is required: the webhook that receives events');
    else {
      // The same check as every URL the emulator POSTs to (never itself, never link-local).
      const problem = checkCallbackUri(
        url,
        'url',
        targets ? { callbackAllow: [], targets } : undefined,
      );
      if (problem) problems.push(problem);
    }
    const types = body.eventTypes;
    if (
      types !== undefined &&
      (!Array.isArray(types) ||
        types.length === 0 ||
        types.some((t) => typeof t !== 'string' || t === ''))
    )
      problems.push(
        'eventTypes must be a non-empty array of event types, e.g. ["Microsoft.Communication.RecordingFileStatusUpdated"]',
      );
    if (problems.length > 0 || typeof url !== 'string') throw errors.invalidBody(problems);
    const subscription: EventSubscription = {
      name,
      url,
      ...(Array.isArray(types) ? { eventTypes: (types as string[]).map(fullEventType) } : {}),
    };
    const replaced = subscriptions.put(subscription);
    res.status(replaced ? 200 : 201).json(view(subscription));
  });

  router.get('/event-subscriptions', (_req, res) => {
    res.json({ value: subscriptions.list().map(view) });
  });

  router.get('/event-subscriptions/:name', (req, res) => {
    const found = subscriptions.get(req.params.name);
    if (!found) throw errors.subscriptionNotFound(req.params.name);
    res.json(view(found));
  });

  router.delete('/event-subscriptions/:name', (req, res) => {
    if (!subscriptions.delete(req.params.name)) throw errors.subscriptionNotFound(req.params.name);
    res.status(204).end();
  });

  return router;
}
