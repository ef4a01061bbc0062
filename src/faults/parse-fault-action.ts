/** Checks a fault rule's `action`: its type and the fields that type takes. */
import {
  LIMITS,
  type FaultAction,
  type FaultActionType,
  type ResultOverride,
} from './fault-rule.js';
import { isObject, optional, type Checker } from './fault-checker.js';

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
export const ACTION_TYPES = Object.keys(ACTION_FIELDS) as FaultActionType[];
const RESULT_FIELDS = ['code', 'subCode', 'message'];
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

export function checkAction(c: Checker, value: unknown): FaultAction | undefined {
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
