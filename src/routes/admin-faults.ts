/**
 * Fault rules in the control API (route names are a contract): POST /admin/faults adds a rule,
 * GET lists them in the order they are tried (newest first) with the `times` left, DELETE removes
 * one or all. POST /admin/reset clears them too (admin.ts).
 */
import { Router } from 'express';
import type { FaultInjection } from '../faults/fault-injection.js';
import { FaultRuleConflictError, FaultRuleLimitError } from '../faults/fault-rules.js';
import { parseFaultRule } from '../faults/parse-fault-rule.js';
import { FAULT_VOCABULARY } from '../faults/vocabulary.js';
import { errors } from '../http/errors.js';
import { parseAdminJson } from './admin-body.js';

/** `changed` runs after every add or removal (the live stream tells its clients). */
export function adminFaultsRouter(faults: FaultInjection, changed: () => void = () => {}): Router {
  const router = Router();

  router.post('/faults', (req, res) => {
    const check = parseFaultRule(parseAdminJson(req.body), FAULT_VOCABULARY);
    if (!check.ok) throw errors.invalidFaultRule(check.problems);
    try {
      res.status(201).json(faults.rules.add(check.rule, Date.now()));
      changed();
    } catch (err) {
      if (err instanceof FaultRuleConflictError) throw errors.faultRuleExists(err.ruleId);
      if (err instanceof FaultRuleLimitError) throw errors.faultRuleLimit(err.limit);
      throw err;
    }
  });

  router.get('/faults', (_req, res) => {
    res.json({ value: faults.rules.list(), seed: faults.rules.seed });
  });

  router.get('/faults/:id', (req, res) => {
    const rule = faults.rules.get(req.params.id);
    if (!rule) throw errors.faultRuleNotFound(req.params.id);
    res.json(rule);
  });

  router.delete('/faults/:id', (req, res) => {
    if (!faults.rules.remove(req.params.id)) throw errors.faultRuleNotFound(req.params.id);
    changed();
    res.status(204).end();
  });

  router.delete('/faults', (_req, res) => {
    faults.rules.clear();
    changed();
    res.status(204).end();
  });

  return router;
}
