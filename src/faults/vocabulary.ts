/**
 * The names a fault rule may use: operation ids from the swagger table and the events the
 * emulator sends. Plain data, so rules are checked the same way from the control API and files.
 */
import { DEFAULT_RESULTS } from '../events/catalogue.js';
import { OPERATIONS } from '../schemas/generated/operations.js';

export interface FaultVocabulary {
  operations: readonly string[];
  /** Short event names, e.g. `CallConnected`. */
  events: readonly string[];
}

export const FAULT_VOCABULARY: FaultVocabulary = {
  operations: OPERATIONS.map((o) => o.id),
  events: Object.keys(DEFAULT_RESULTS),
};
