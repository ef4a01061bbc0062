/**
 * A list of fault rules loaded at start (a --faults file, the config file's `faults`): every rule
 * checked, ids unique. Returns the first problem, naming its field (`[2].action.status`).
 */
import type { FaultRuleSpec } from './fault-rule.js';
import { parseFaultRules, type FaultProblem } from './parse-fault-rule.js';
import { FAULT_VOCABULARY, type FaultVocabulary } from './vocabulary.js';

export type FaultListCheck =
  { ok: true; rules: FaultRuleSpec[] } | { ok: false; problem: FaultProblem };

export function checkFaultList(
  value: unknown,
  vocabulary: FaultVocabulary = FAULT_VOCABULARY,
): FaultListCheck {
  const rules: FaultRuleSpec[] = [];
  const ids = new Set<string>();
  for (const [i, check] of parseFaultRules(value, vocabulary).entries()) {
    if (!check.ok) return { ok: false, problem: check.problems[0] as FaultProblem };
    const id = check.rule.id;
    if (id !== undefined && ids.has(id))
      return {
        ok: false,
        problem: { field: `[${i}].id`, message: `[${i}].id '${id}' is used by an earlier rule` },
      };
    if (id !== undefined) ids.add(id);
    rules.push(check.rule);
  }
  return { ok: true, rules };
}
