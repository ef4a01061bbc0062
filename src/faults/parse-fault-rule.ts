/**
 * Checks a fault rule given as JSON and returns it typed, or the problems, each naming the field
 * (`action.status`, `[2].match.eventType`). Pure: the caller decides the status or exit code.
 */
import { EVENT_TYPE_PREFIX, fullEventType } from '../events/catalogue.js';
import {
  FAILABLE_OPERATIONS,
  LIMITS,
  PHASE_OF,
  TONE_RECEIVED,
  type FaultAction,
  type FaultActionType,
  type FaultMatch,
  type FaultRuleSpec,
  type ResultOverride,
} from './fault-rule.js';
import type { FaultVocabulary } from './vocabulary.js';

export interface FaultProblem {
  /** Path of the bad field, e.g. `action.status`. */
  field: string;
  /** What is wrong, starting with the field's path. */
  message: string;
}

export type FaultRuleCheck =
  { ok: true; rule: FaultRuleSpec } | { ok: false; problems: FaultProblem[] };

type Json = Record<string, unknown>;

const RULE_FIELDS = ['id', 'match', 'action', 'times', 'probability'];
const MATCH_FIELDS = ['operation', 'callConnectionId', 'eventType', 'participant'];
const ACTION_FIELDS: Readonly<Record<FaultActionType, readonly string[]>> = {
  error: ['status', 'code', 'message', 'retryAfterSeconds'],
  delay: ['ms', 'minMs', 'maxMs'],
  reset: [],
  hang: ['ms'],
  drop: [],
  duplicate: ['copies'],
  delayEvent: ['ms'],
  reorder: ['maxHoldMs'],
  failOperation: ['resultInformation'],
  failTone: ['resultInformation'],
};
const ACTION_TYPES = Object.keys(ACTION_FIELDS) as FaultActionType[];
const RESULT_FIELDS = ['code', 'subCode', 'message'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems for one rule; `at` prefixes every field path. */
class Checker {
  readonly problems: FaultProblem[] = [];
  constructor(private readonly at: string) {}

  fail(field: string, problem: string): undefined {
    const path = `${this.at}${field}`;
    this.problems.push({ field: path, message: `${path} ${problem}` });
    return undefined;
  }

  unknown(value: Json, known: readonly string[], field: string, why?: string): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      this.fail(
        `${field}${key}`,
        why ?? `is not a known field (known: ${known.length > 0 ? known.join(', ') : 'none'})`,
      );
    }
  }

  int(value: unknown, field: string, min: number, max: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
      return value;
    return this.fail(field, `must be a whole number from ${min} to ${max}`);
  }

  text(value: unknown, field: string, max = 1_000): string | undefined {
    if (typeof value === 'string' && value.length > 0 && value.length <= max) return value;
    return this.fail(field, `must be a non-empty string of at most ${max} characters`);
  }
}

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

function checkResult(c: Checker, value: unknown, field: string): ResultOverride | undefined {
  if (!isObject(value)) return c.fail(field, 'must be an object {"code", "subCode", "message"?}');
  c.unknown(value, RESULT_FIELDS, `${field}.`);
  const code = c.int(value.code, `${field}.code`, 100, 999);
  const subCode = c.int(value.subCode, `${field}.subCode`, 0, 2_147_483_647);
  const message =
    value.message === undefined ? undefined : c.text(value.message, `${field}.message`);
  if (code === undefined || subCode === undefined) return undefined;
  return { code, subCode, ...(message !== undefined ? { message } : {}) };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function checkAction(c: Checker, value: unknown): FaultAction | undefined {
  if (!isObject(value))
    return c.fail('action', `must be an object with a type (${ACTION_TYPES.join(', ')})`);
  const type = value.type as FaultActionType;
  if (!ACTION_TYPES.includes(type))
    return c.fail('action.type', `must be one of ${ACTION_TYPES.join(', ')}`);
  c.unknown(value, ['type', ...ACTION_FIELDS[type]], 'action.', undefined);
  const ms = (field: string, min = 0) =>
    value[field] === undefined
      ? undefined
      : c.int(value[field], `action.${field}`, min, LIMITS.maxMs);
  switch (type) {
    case 'error': {
      const status = c.int(value.status, 'action.status', 400, 599);
      const retry =
        value.retryAfterSeconds === undefined
          ? undefined
          : c.int(
              value.retryAfterSeconds,
              'action.retryAfterSeconds',
              0,
              LIMITS.maxRetryAfterSeconds,
            );
      const code = value.code === undefined ? undefined : c.text(value.code, 'action.code', 100);
      const message =
        value.message === undefined ? undefined : c.text(value.message, 'action.message');
      if (status === undefined) return undefined;
      return {
        type,
        status,
        ...optional('code', code),
        ...optional('message', message),
        ...optional('retryAfterSeconds', retry),
      };
    }
    case 'delay': {
      if (value.ms !== undefined) {
        if (value.minMs !== undefined || value.maxMs !== undefined)
          return c.fail('action.ms', 'cannot be combined with minMs/maxMs; give one or the other');
        const fixed = ms('ms');
        return fixed === undefined ? undefined : { type, ms: fixed };
      }
      if (value.minMs === undefined && value.maxMs === undefined)
        return c.fail('action.ms', 'is required (or minMs and maxMs for a random delay)');
      const min = c.int(value.minMs, 'action.minMs', 0, LIMITS.maxMs);
      const max = c.int(value.maxMs, 'action.maxMs', 0, LIMITS.maxMs);
      if (min === undefined || max === undefined) return undefined;
      if (min > max) return c.fail('action.maxMs', `must not be less than minMs (${min})`);
      return { type, minMs: min, maxMs: max };
    }
    case 'hang': {
      const hang = ms('ms', 1);
      return { type, ...optional('ms', hang) };
    }
    case 'delayEvent': {
      const delay = c.int(value.ms, 'action.ms', 0, LIMITS.maxMs);
      return delay === undefined ? undefined : { type, ms: delay };
    }
    case 'duplicate': {
      const copies =
        value.copies === undefined
          ? undefined
          : c.int(value.copies, 'action.copies', 1, LIMITS.maxCopies);
      return { type, ...optional('copies', copies) };
    }
    case 'reorder':
      return { type, ...optional('maxHoldMs', ms('maxHoldMs', 1)) };
    case 'failOperation': {
      const result = checkResult(c, value.resultInformation, 'action.resultInformation');
      return result === undefined ? undefined : { type, resultInformation: result };
    }
    case 'failTone': {
      if (value.resultInformation === undefined) return { type };
      const result = checkResult(c, value.resultInformation, 'action.resultInformation');
      return result === undefined ? undefined : { type, resultInformation: result };
    }
    case 'reset':
    case 'drop':
      return { type };
  }
}

/** The match fields an action can use, so a rule that could never fire is refused. */
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
