/** Shared steps of handlers: find a live call, resolve an identifier, turn rejections into errors. */
import type { Call } from '../domain/call.js';
import type { ApplyResult } from '../calls/call-runtime.js';
import { errors, type AcsError } from '../http/errors.js';
import { checkIdentifier, type Identifier, type IdentifierModel } from '../schemas/identifier.js';
import type { Services } from './handler.js';

export function requireCall(services: Services, id: string): Call {
  const call = services.calls.get(id);
  if (!call) throw errors.callNotFound(id);
  if (call.state === 'disconnected') throw errors.callEnded(id, call.endedAt);
  return call;
}

/** Resolves an identifier the body validator already accepted. */
export function identifierOf(model: IdentifierModel, path: string): Identifier {
  const check = checkIdentifier(model, path);
  if ('problems' in check) throw errors.invalidBody(check.problems);
  return check.identifier;
}

function rejectionError(
  id: string,
  result: Exclude<ApplyResult, { ok: true }>,
  call: Call | undefined,
): AcsError {
  const rejection = result.rejection;
  switch (rejection.reason) {
    case 'notFound':
      return errors.callNotFound(id);
    case 'ended':
      return errors.callEnded(id, call?.endedAt);
    case 'notConnected':
      return errors.callNotConnected(id, rejection.state);
    case 'participantNotFound':
      return errors.participantNotInCall(
        rejection.participant,
        id,
        call?.participants.map((p) => p.identifier.rawId) ?? [],
      );
    case 'invitationNotFound':
      return errors.invitationNotFound(rejection.invitationId, id);
  }
}

/** Throws the catalogue error for a rejected step; returns the new call otherwise. */
export function expectApplied(services: Services, id: string, result: ApplyResult): Call {
  if (result.ok) return result.call;
  throw rejectionError(id, result, services.calls.get(id));
}
