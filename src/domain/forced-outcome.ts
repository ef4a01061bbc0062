/**
 * What a fault rule asks of the domain, in the domain's own words: a result to report instead of
 * the normal one, and a mark naming the rule so journals can show who forced it. The domain never
 * sees the rule format; the faults room turns a rule into one of these.
 */
import type { ResultInformation } from './results.js';

/** What the journals say about a rule that touched a request or event. */
export interface FaultMark {
  ruleId: string;
  /** The rule's action type, e.g. `failOperation`, `drop`, `delay`. */
  action: string;
  /** The delay or hang applied, in milliseconds. */
  ms?: number;
  /** For `duplicate`: which extra copy this is (1, 2, ...); the original has none. */
  copy?: number;
}

/** An outcome forced by a rule: the result to report and the rule that forced it. */
export interface ForcedOutcome {
  resultInformation: ResultInformation;
  fault: FaultMark;
}
