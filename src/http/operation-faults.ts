/**
 * Fault rules for an operation's outcome: a `failOperation` rule makes an accepted sendDtmfTones,
 * recognize or play fail the way the service reports it. The rule is chosen before the handler
 * runs and counted only when the handler accepted the request, so a 400 or 404 does not use it up.
 */
import { DEFAULT_RESULTS } from '../events/catalogue.js';
import {
  FAILABLE_OPERATIONS,
  type InjectedFailure,
  type OutcomeAction,
} from '../faults/fault-rule.js';
import type { FaultRules, TakenFault } from '../faults/fault-rules.js';
import { participantsOf } from '../faults/participants-of.js';
import type { AcsContext } from './acs-context.js';

export interface ChosenFailure {
  failure: InjectedFailure;
  /** Counts the rule; call once the handler accepted the operation. */
  commit(): void;
}

export function chooseFailure(
  rules: FaultRules | undefined,
  context: AcsContext,
): ChosenFailure | undefined {
  const operation = context.operation.id;
  if (!rules || rules.size === 0 || !(operation in FAILABLE_OPERATIONS)) return undefined;
  const taken = rules.choose({
    phase: 'outcome',
    operation,
    callConnectionId: context.params.callConnectionId,
    participants: () => participantsOf(context.body),
  }) as TakenFault<OutcomeAction> | undefined;
  if (taken?.action.type !== 'failOperation') return undefined;
  const event = FAILABLE_OPERATIONS[operation as keyof typeof FAILABLE_OPERATIONS];
  const given = taken.action.resultInformation;
  return {
    failure: {
      resultInformation: { ...given, message: given.message ?? DEFAULT_RESULTS[event].message },
      fault: taken.mark,
    },
    commit: () => {
      rules.consume(taken.rule.id);
      (context.faults ??= []).push(taken.mark);
    },
  };
}
