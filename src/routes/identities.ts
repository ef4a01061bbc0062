/**
 * The Identity API: create users (optionally with a token), issue and revoke tokens, delete
 * users, and the Teams token exchange (answered as the service answers an invalid token).
 */
import type { AcsUser } from '../directory/identity-store.js';
import { identityErrors } from '../http/errors-identity.js';
import type { HandlerTable, Services } from './handler.js';

/** The service's default token lifetime (the swagger's `default`). */
const DEFAULT_MINUTES = 1440;

function requireUser(services: Services, id: string): AcsUser {
  const user = services.identities.get(id);
  if (!user) throw identityErrors.userNotFound(id);
  return user;
}

export const identityHandlers: HandlerTable = {
  CommunicationIdentity_Create: ({ body, services }) => {
    const user = services.identities.create();
    const scopes = body.createTokenWithScopes ?? [];
    const accessToken =
      scopes.length > 0
        ? services.identities.issue(user, scopes, body.expiresInMinutes ?? DEFAULT_MINUTES)
        : undefined;
    return { body: { identity: { id: user.id }, ...(accessToken ? { accessToken } : {}) } };
  },

  CommunicationIdentity_IssueAccessToken: ({ params, body, services }) => {
    const user = requireUser(services, params.id as string);
    return {
      body: services.identities.issue(user, body.scopes, body.expiresInMinutes ?? DEFAULT_MINUTES),
    };
  },

  CommunicationIdentity_RevokeAccessTokens: ({ params, services }) => {
    requireUser(services, params.id as string);
    services.identities.revoke(params.id as string);
  },

  CommunicationIdentity_Delete: ({ params, services }) => {
    requireUser(services, params.id as string);
    services.identities.delete(params.id as string);
  },

  CommunicationIdentity_ExchangeTeamsUserAccessToken: () => {
    throw identityErrors.invalidTeamsToken();
  },
};
