/**
 * The Identity API's errors, with the service's codes, messages and targets as recorded in
 * Azure/azure-sdk-for-python's identity test recordings (api-version 2022-10-01). Where the
 * recordings are silent (an unknown user) the emulator's choice is listed in the README.
 */
import { AcsError } from './errors.js';

const MIN_MINUTES = 60;
const MAX_MINUTES = 1440;

export const identityErrors = {
  // (service) ValidationError with the field as target
  validation: (message: string, target?: string) =>
    new AcsError(400, 'ValidationError', message, target !== undefined ? { target } : {}),
  // (service) message of the real service for 59 and 1441
  expiresInMinutes: (value: unknown) =>
    identityErrors.validation(
      `ExpiresInMinutes value ${String(value)} is invalid. Value must be within the [${MIN_MINUTES}, ${MAX_MINUTES}] interval.`,
      'ExpiresInMinutes',
    ),
  // (service) issueAccessToken without scopes
  scopesRequired: () =>
    identityErrors.validation('Scopes: The Scopes field is required.', 'Scopes'),
  // (emulator) not recorded: a user that was never created here, or was deleted
  userNotFound: (id: string) =>
    new AcsError(
      404,
      'IdentityNotFound',
      `The identity '${id}' does not exist in this resource (it was never created here, or it was deleted). Create users with POST /identities.`,
    ),
  // (service) the emulator cannot check Entra ID tokens, so every exchange gets this answer
  invalidTeamsToken: () =>
    new AcsError(
      401,
      'InvalidAccessToken',
      'Provided access token is not valid. (The emulator cannot validate Microsoft Entra ID tokens of Teams users, so it answers every exchange as the service answers an invalid token.)',
    ),
};

/** The service's answer to a body outside the swagger, or undefined to use the generic one. */
export function identityBodyError(body: unknown, operationId: string): AcsError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields = body as Record<string, unknown>;
  const minutes = fields.expiresInMinutes;
  if (
    minutes !== undefined &&
    (typeof minutes !== 'number' || minutes < MIN_MINUTES || minutes > MAX_MINUTES)
  )
    return identityErrors.expiresInMinutes(minutes);
  if (operationId === 'CommunicationIdentity_IssueAccessToken' && fields.scopes == null)
    return identityErrors.scopesRequired();
  return undefined;
}
