/** One builder for the Call records unit tests start from: a connected call, overridable. */
import type { Call } from '../../src/domain/call.js';
import { identifierFromRawId } from '../../src/schemas/identifier.js';

/**
 * A connected call `c1` whose participants are `rawIds` (the first is the remote party), with no
 * recognition running; `overrides` replace any field.
 */
export function buildCall(rawIds: readonly string[], overrides: Partial<Call> = {}): Call {
  const identifiers = rawIds.map(identifierFromRawId);
  return {
    callConnectionId: 'c1',
    serverCallId: 's1',
    correlationId: 'k1',
    state: 'connected',
    callbackUri: 'http://app/cb',
    apiVersion: '2026-03-12',
    targets: identifiers,
    participants: identifiers.map((identifier) => ({
      identifier,
      isMuted: false,
      isOnHold: false,
    })),
    dtmf: {},
    createdAt: 0,
    ...overrides,
  };
}
