/**
 * Fault rules on an operation's outcome (outcome phase): a `failOperation` rule makes an accepted
 * sendDtmfTones, recognize or play fail the way the service reports it. The rule is chosen before
 * the handler runs and counted only when the handler accepted the request, so a 400 or 404 does
 * not use it up.
 */
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { DEFAULT_RESULTS } from '../domain/results.js';
import { FAILABLE_OPERATIONS, type FaultMark, type OutcomeAction } from './fault-rule.js';
import type { FaultRules, TakenFault } from './fault-rules.js';
import type { RequestSubject } from './request-phase.js';

export interface ChosenOutcome {
  outcome: ForcedOutcome;
  /** Counts the rule and returns its mark for the journal; call once the handler accepted. */
  commit(): FaultMark;
}

export function outcomePhase(
  rules: FaultRules,
  subject: RequestSubject,
): ChosenOutcome | undefined {
  const event = FAILABLE_OPERATIONS[subject.operation];
  if (rules.size === 0 || event === undefined) return undefined;
  const taken = rules.choose({ phase: 'outcome', ...subject }) as
    TakenFault<OutcomeAction> | undefined;
  if (taken?.action.type !== 'failOperation') return undefined;
  const given = taken.action.resultInformation;
  return {
    outcome: {
      resultInformation: { ...given, message: given.message ?? DEFAULT_RESULTS[event].message },
      fault: taken.mark,
    },
    commit: () => {
      rules.consume(taken.rule.id);
      return taken.mark;
    },
  };
}
