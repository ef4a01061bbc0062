/**
 * The people on the other end (route names are a contract): PUT /admin/parties/{rawId} sets how a
 * phone number or ACS user answers a call, an invitation or a transfer; GET lists the rules;
 * DELETE forgets one. /admin/reset forgets them all.
 */
import { Router } from 'express';
import type { PartyRules } from '../calls/party-rules.js';
import { PARTY_ANSWERS, type PartyAnswer } from '../domain/results.js';
import { AcsError, errors } from '../http/errors.js';
import { identifierFromRawId } from '../schemas/identifier.js';
import { adminParse } from './admin-body.js';

const RULE_FIELDS = ['answer', 'afterMs'];
const MAX_AFTER_MS = 3_600_000;

const partyNotFound = (rawId: string) =>
  new AcsError(
    404,
    'PartyNotFound',
    `No party rule for '${rawId}'. GET /admin/parties lists them.`,
  );

export function adminPartiesRouter(parties: PartyRules): Router {
  const router = Router();

  router.put('/parties/:rawId', (req, res) => {
    const rawId = req.params.rawId;
    const body = adminParse(req.body, RULE_FIELDS);
    const problems: string[] = [];
    if (identifierFromRawId(rawId).kind === 'unknown')
      problems.push(
        `'${rawId}' is not a raw id of a phone number ("4:+14255550123") or an ACS user ("8:acs:...")`,
      );
    if (!PARTY_ANSWERS.includes(body.answer as PartyAnswer))
      problems.push(`answer must be one of ${PARTY_ANSWERS.join(', ')}`);
    const afterMs = body.afterMs;
    if (
      afterMs !== undefined &&
      (typeof afterMs !== 'number' ||
        !Number.isInteger(afterMs) ||
        afterMs < 0 ||
        afterMs > MAX_AFTER_MS)
    )
      problems.push(`afterMs must be a whole number of milliseconds from 0 to ${MAX_AFTER_MS}`);
    if (problems.length > 0) throw errors.invalidBody(problems);
    const rule = {
      rawId,
      answer: body.answer as PartyAnswer,
      ...(typeof afterMs === 'number' ? { afterMs } : {}),
    };
    parties.set(rule);
    res.json(rule);
  });

  router.get('/parties', (_req, res) => {
    res.json({ value: parties.list() });
  });

  router.get('/parties/:rawId', (req, res) => {
    const rule = parties.get(req.params.rawId);
    if (!rule) throw partyNotFound(req.params.rawId);
    res.json(rule);
  });

  router.delete('/parties/:rawId', (req, res) => {
    if (!parties.delete(req.params.rawId)) throw partyNotFound(req.params.rawId);
    res.status(204).end();
  });

  return router;
}
