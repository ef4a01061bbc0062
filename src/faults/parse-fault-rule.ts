/**
 * Checks a fault rule given as JSON and returns it typed, or the problems, each naming the field
 * (`action.status`, `[2].match.eventType`). Pure: the caller decides the status or exit code.
 */
import { EVENT_TYPE_PREFIX, fullEventType } from '../events/catalogue.js';
import { Checker, isObject, optional, type FaultProblem } from './fault-checker.js';
import {
  FAILABLE_OPERATIONS,
  LIMITS,
  PHASE_OF,
  TONE_RECEIVED,
  type FaultAction,
  type FaultMatch,
  type FaultRuleSpec,
} from './fault-rule.js';
import { checkAction } from './parse-fault-action.js';
import type { FaultVocabulary } from './vocabulary.js';

export type { FaultProblem } from './fault-checker.js';

export type FaultRuleCheck =
  { ok: true; rule: FaultRuleSpec } | { ok: false; problems: FaultProblem[] };

const RULE_FIELDS = ['id', 'match', 'action', 'times', 'probability'];
const MATCH_FIELDS = ['operation', 'callConnectionId', 'eventType', 'participant'];

function checkMatch(c: Checker, value: unknown, vocabulary: FaultVocabulary): FaultMatch {
  if (value === undefined) return {};
  if (!isObject(value)) {
    c.fail('match', 'must be an object, e.g. {"operation": "CallMedia_Play"}');
    return {};
  }
  c.unknown(value, MATCH_FIELDS, 'match.');
  const match: FaultMatch = {};
  if (value.operation !== undefined) {
    const operation = c.text(value.operation, 'match.operation', 200);
    if (operation !== undefined && !vocabulary.operations.includes(operation))
      c.fail(
        'match.operation',
        `'${operation}' is not a swagger operationId (e.g. ${vocabulary.operations.slice(0, 3).join(', ')}; README lists them all)`,
      );
    else if (operation !== undefined) match.operation = operation;
  }
  if (value.eventType !== undefined) {
    const type = c.text(value.eventType, 'match.eventType', 200);
    const short = type?.startsWith(EVENT_TYPE_PREFIX) ? type.slice(EVENT_TYPE_PREFIX.length) : type;
    if (short !== undefined && !vocabulary.events.includes(short))
      c.fail(
        'match.eventType',
        `'${type}' is not an event the emulator sends (known: ${vocabulary.events.join(', ')})`,
      );
    else if (short !== undefined) match.eventType = fullEventType(short);
  }
  for (const key of ['callConnectionId', 'participant'] as const) {
    if (value[key] === undefined) continue;
    const text = c.text(value[key], `match.${key}`, 500);
    if (text !== undefined) match[key] = text;
  }
  return match;
}

function checkFit(c: Checker, match: FaultMatch, action: FaultAction): void {
  const phase = PHASE_OF[action.type];
  if ((phase === 'request' || phase === 'outcome') && match.eventType !== undefined)
    c.fail(
      'match.eventType',
      `does not apply to '${action.type}', which acts on API requests; match them by operation`,
    );
  if ((phase === 'event' || phase === 'tone') && match.operation !== undefined)
    c.fail(
      'match.operation',
      `does not apply to '${action.type}', which acts on callback events; match them by eventType`,
    );
  if (
    action.type === 'failOperation' &&
    !(match.operation !== undefined && match.operation in FAILABLE_OPERATIONS)
  )
    c.fail(
      'match.operation',
      `must be one of ${Object.keys(FAILABLE_OPERATIONS).join(', ')} for 'failOperation'`,
    );
  if (action.type === 'failTone' && match.eventType !== TONE_RECEIVED)
    c.fail(
      'match.eventType',
      "must be 'ContinuousDtmfRecognitionToneReceived' for 'failTone' (the tone it turns into ContinuousDtmfRecognitionToneFailed)",
    );
}

/** Checks one rule; `at` prefixes field paths (e.g. `[2].` for the third rule of a file). */
export function parseFaultRule(
  value: unknown,
  vocabulary: FaultVocabulary,
  at = '',
): FaultRuleCheck {
  const c = new Checker(at);
  if (!isObject(value)) {
    c.fail(
      at === '' ? '(body)' : at.replace(/\.$/, ''),
      'must be a rule object {"match", "action", "times"?, "probability"?}',
    );
    return { ok: false, problems: c.problems };
  }
  c.unknown(value, RULE_FIELDS, '');
  const id =
    value.id === undefined
      ? undefined
      : typeof value.id === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value.id)
        ? value.id
        : c.fail('id', 'must be 1 to 64 letters, digits, _ . or -');
  const match = checkMatch(c, value.match, vocabulary);
  const action =
    value.action === undefined ? c.fail('action', 'is required') : checkAction(c, value.action);
  const times =
    value.times === undefined ? undefined : c.int(value.times, 'times', 1, LIMITS.maxTimes);
  let probability: number | undefined;
  if (value.probability !== undefined) {
    const p = value.probability;
    if (typeof p === 'number' && p > 0 && p <= 1) probability = p;
    else c.fail('probability', 'must be a number greater than 0 and at most 1');
  }
  if (action) checkFit(c, match, action);
  if (c.problems.length > 0 || !action) return { ok: false, problems: c.problems };
  return {
    ok: true,
    rule: {
      ...optional('id', id),
      match,
      action,
      ...optional('times', times),
      ...optional('probability', probability),
    },
  };
}

/** Checks a list of rules (a --faults file, the config file's `faults`). */
export function parseFaultRules(value: unknown, vocabulary: FaultVocabulary): FaultRuleCheck[] {
  if (!Array.isArray(value))
    return [
      {
        ok: false,
        problems: [{ field: '(top level)', message: 'must be a JSON array of fault rules' }],
      },
    ];
  return value.map((rule, i) => parseFaultRule(rule, vocabulary, `[${i}].`));
}
