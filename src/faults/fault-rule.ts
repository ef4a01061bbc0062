/**
 * The shape of a fault rule: what it matches, what it does, how often. Rules are runtime overrides
 * layered over normal behaviour (see docs/faults.md); this file holds only types and tables.
 */
import { FAILURE_EVENTS, type EventName, type ResultInformation } from '../domain/results.js';
import type { ForcedOutcome } from '../domain/forced-outcome.js';

export type { FaultMark } from '../domain/forced-outcome.js';

/** All given fields must match. */
export interface FaultMatch {
  /** The swagger operationId, e.g. `CallMedia_StopContinuousDtmfRecognition`. */
  operation?: string;
  callConnectionId?: string;
  /** Short (`CallConnected`) or full (`Microsoft.Communication.CallConnected`); stored full. */
  eventType?: string;
  /** Raw id of the participant the request or event is about. */
  participant?: string;
}

export type RequestAction =
  | {
      type: 'error';
      status: number;
      code?: string;
      message?: string;
      retryAfterSeconds?: number;
    }
  | { type: 'delay'; ms: number }
  | { type: 'delay'; minMs: number; maxMs: number }
  | { type: 'reset' }
  | { type: 'hang'; ms?: number };

export type EventAction =
  | { type: 'drop' }
  | { type: 'duplicate'; copies?: number }
  | { type: 'delayEvent'; ms: number }
  | { type: 'reorder'; maxHoldMs?: number };

/** A result that replaces `code`, `subCode` and `message` of the event's resultInformation. */
export type ResultOverride = Pick<ResultInformation, 'code' | 'subCode'> & { message?: string };

export interface FailOperationAction {
  type: 'failOperation';
  resultInformation: ResultOverride;
}

export interface FailToneAction {
  type: 'failTone';
  resultInformation?: ResultOverride;
}

export type OutcomeAction = FailOperationAction | FailToneAction;

export type FaultAction = RequestAction | EventAction | OutcomeAction;
export type FaultActionType = FaultAction['type'];

/**
 * Where a rule is tried: on an API request before it is handled (`request`), when a handler
 * accepts an operation (`outcome`), when the caller presses a tone under continuous recognition
 * (`tone`), or when a callback event is about to be delivered (`event`).
 */
export type FaultPhase = 'request' | 'outcome' | 'tone' | 'event';

export const PHASE_OF: Readonly<Record<FaultActionType, FaultPhase>> = {
  error: 'request',
  delay: 'request',
  reset: 'request',
  hang: 'request',
  failOperation: 'outcome',
  failTone: 'tone',
  drop: 'event',
  duplicate: 'event',
  delayEvent: 'event',
  reorder: 'event',
};

/** A rule as given (POST /admin/faults, --faults file, the config file's `faults`). */
export interface FaultRuleSpec {
  id?: string;
  match: FaultMatch;
  action: FaultAction;
  /** Fires this many more times, then disappears; absent: until removed. */
  times?: number;
  /** Chance (0 < p <= 1) that a matching rule fires, drawn from the seeded generator. */
  probability?: number;
}

/** A rule as a client sends it: `match` may be left out (it then matches everything). */
export type FaultRuleInput = Omit<FaultRuleSpec, 'match'> & { match?: FaultMatch };

/** A stored rule: the spec with its id, remaining `times` and how often it fired. */
export interface FaultRule extends FaultRuleSpec {
  id: string;
  hits: number;
  createdAt: string;
}

/** An operation outcome forced by a rule, as the domain takes it. */
export type InjectedFailure = ForcedOutcome;

/** Operations a `failOperation` rule can fail, with the event that reports the failure. */
export const FAILABLE_OPERATIONS: Readonly<Record<string, EventName>> = FAILURE_EVENTS;

export const TONE_RECEIVED = 'Microsoft.Communication.ContinuousDtmfRecognitionToneReceived';

export const LIMITS = {
  maxMs: 300_000,
  defaultHangMs: 30_000,
  defaultMaxHoldMs: 10_000,
  maxCopies: 10,
  maxTimes: 1_000_000,
  maxRetryAfterSeconds: 3_600,
} as const;
