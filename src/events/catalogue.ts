/**
 * The data of every callback event the emulator sends (the events and their default results are
 * the domain's, in domain/results.ts). Event data follows the swagger definition of the same name, plus `version` and `publicEventType`
 * as the real service adds.
 */
import type { Call } from '../domain/call.js';
import { DEFAULT_RESULTS, type EventName, type ResultInformation } from '../domain/results.js';

export { DEFAULT_RESULTS, type EventName, type ResultInformation } from '../domain/results.js';

export const EVENT_TYPE_PREFIX = 'Microsoft.Communication.';

/** Full types by short name, so every event of a type shares one string. */
const fullTypes = new Map<string, string>();
/** Names are the catalogue's, a few dozen; a bound in case a caller passes anything else. */
const FULL_TYPES_LIMIT = 512;

export function fullEventType(name: string): string {
  const known = fullTypes.get(name);
  if (known !== undefined) return known;
  const full = name.startsWith(EVENT_TYPE_PREFIX) ? name : `${EVENT_TYPE_PREFIX}${name}`;
  if (fullTypes.size < FULL_TYPES_LIMIT) fullTypes.set(name, full);
  return full;
}

export interface EventDataOptions {
  operationContext?: string;
  resultInformation?: ResultInformation;
  /** Event-specific fields, e.g. `tone` and `sequenceId`. */
  extra?: Record<string, unknown>;
}

export function buildEventData(
  name: EventName,
  call: Call,
  options: EventDataOptions = {},
): Record<string, unknown> {
  return {
    callConnectionId: call.callConnectionId,
    serverCallId: call.serverCallId,
    correlationId: call.correlationId,
    ...(options.operationContext !== undefined
      ? { operationContext: options.operationContext }
      : {}),
    resultInformation: options.resultInformation ?? DEFAULT_RESULTS[name],
    ...options.extra,
    version: call.apiVersion,
    publicEventType: fullEventType(name),
  };
}
