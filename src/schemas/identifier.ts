/**
 * CommunicationIdentifierModel rules the JSON schema cannot express (common.json's description):
 * apart from `kind` and `rawId`, at most one typed sub-object, matching `kind` when given. Media
 * operations send no `kind`, so the kind is inferred from the sub-object or the `rawId` prefix.
 */
import type {
  CommunicationCloudEnvironmentModel,
  CommunicationIdentifierModel,
  CommunicationIdentifierModelKind,
} from './generated/request-bodies.js';

export const IDENTIFIER_KINDS = [
  'communicationUser',
  'phoneNumber',
  'microsoftTeamsUser',
  'microsoftTeamsApp',
  'teamsExtensionUser',
] as const satisfies readonly Exclude<CommunicationIdentifierModelKind, 'unknown'>[];

export type IdentifierKind = CommunicationIdentifierModelKind;
type Cloud = CommunicationCloudEnvironmentModel;

/** The swagger's CommunicationIdentifierModel, as request bodies carry it. */
export type IdentifierModel = CommunicationIdentifierModel;

/** A resolved identifier: its kind, canonical raw id, and the response form (kind + rawId + sub-object). */
export interface Identifier {
  kind: IdentifierKind;
  rawId: string;
  model: IdentifierModel;
}

const TEAMS_USER_PREFIX: Record<Cloud, string> = {
  public: '8:orgid:',
  dod: '8:dod:',
  gcch: '8:gcch:',
};
const TEAMS_APP_PREFIX: Record<Cloud, string> = {
  public: '28:orgid:',
  dod: '28:dod:',
  gcch: '28:gcch:',
};
const ACS_PREFIX: Record<Cloud, string> = {
  public: '8:acs:',
  dod: '8:dod-acs:',
  gcch: '8:gcch-acs:',
};

function rawIdOf(model: IdentifierModel, kind: IdentifierKind): string | undefined {
  switch (kind) {
    case 'communicationUser':
      return model.communicationUser?.id;
    case 'phoneNumber':
      return model.phoneNumber && `4:${model.phoneNumber.value}`;
    case 'microsoftTeamsUser': {
      const u = model.microsoftTeamsUser;
      if (!u) return undefined;
      return u.isAnonymous
        ? `8:teamsvisitor:${u.userId}`
        : `${TEAMS_USER_PREFIX[u.cloud ?? 'public']}${u.userId}`;
    }
    case 'microsoftTeamsApp': {
      const a = model.microsoftTeamsApp;
      return a && `${TEAMS_APP_PREFIX[a.cloud ?? 'public']}${a.appId}`;
    }
    case 'teamsExtensionUser': {
      const t = model.teamsExtensionUser;
      return t && `${ACS_PREFIX[t.cloud ?? 'public']}${t.resourceId}_${t.tenantId}_${t.userId}`;
    }
    case 'unknown':
      return model.rawId;
  }
}

/** An identifier of `kind` whose response form carries kind, rawId and the typed sub-object. */
function typed<K extends (typeof IDENTIFIER_KINDS)[number]>(
  kind: K,
  rawId: string,
  sub: NonNullable<IdentifierModel[K]>,
): Identifier {
  return { kind, rawId, model: { kind, rawId, [kind]: sub } };
}

/** Resolves a raw id string (`4:+14255550123`, `8:acs:...`) to an identifier. */
export function identifierFromRawId(rawId: string): Identifier {
  const firstMatch = <T extends string>(table: Record<T, string>) =>
    (Object.entries(table) as [T, string][]).find(([, prefix]) => rawId.startsWith(prefix));
  if (rawId.startsWith('4:')) return typed('phoneNumber', rawId, { value: rawId.slice(2) });
  if (rawId.startsWith('8:teamsvisitor:')) {
    const userId = rawId.slice('8:teamsvisitor:'.length);
    return typed('microsoftTeamsUser', rawId, { userId, isAnonymous: true });
  }
  const teamsUser = firstMatch(TEAMS_USER_PREFIX);
  if (teamsUser) {
    const [cloud, prefix] = teamsUser;
    return typed('microsoftTeamsUser', rawId, { userId: rawId.slice(prefix.length), cloud });
  }
  const teamsApp = firstMatch(TEAMS_APP_PREFIX);
  if (teamsApp) {
    const [cloud, prefix] = teamsApp;
    return typed('microsoftTeamsApp', rawId, { appId: rawId.slice(prefix.length), cloud });
  }
  if (firstMatch(ACS_PREFIX) || rawId.startsWith('8:spool:')) {
    return typed('communicationUser', rawId, { id: rawId });
  }
  return { kind: 'unknown', rawId, model: { kind: 'unknown', rawId } };
}

export type IdentifierCheck = { identifier: Identifier } | { problems: string[] };

/** Checks a schema-valid identifier model at `path` and resolves it. */
export function checkIdentifier(model: IdentifierModel, path: string): IdentifierCheck {
  const present = IDENTIFIER_KINDS.filter((k) => model[k] !== undefined);
  if (present.length > 1) {
    return {
      problems: [
        `${path} must set at most one of ${IDENTIFIER_KINDS.join(', ')} (it sets ${present.join(' and ')})`,
      ],
    };
  }
  const sub = present[0];
  const { kind } = model;
  if (kind && kind !== 'unknown' && sub && sub !== kind) {
    return { problems: [`${path}.kind is '${kind}' but ${path} sets ${sub}`] };
  }
  if (kind && kind !== 'unknown' && !sub) {
    if (!model.rawId)
      return { problems: [`${path}.kind is '${kind}' but ${path}.${kind} is missing`] };
    const inferred = identifierFromRawId(model.rawId);
    if (inferred.kind !== kind) {
      return {
        problems: [
          `${path}.kind is '${kind}' but ${path}.rawId '${model.rawId}' is a ${inferred.kind} id`,
        ],
      };
    }
    return { identifier: inferred };
  }
  if (sub) {
    const empty = emptyField(model, sub);
    if (empty) return { problems: [`${path}.${sub}.${empty} must not be empty`] };
    const rawId = rawIdOf(model, sub) as string;
    return {
      identifier: typed(sub, rawId, model[sub] as NonNullable<IdentifierModel[typeof sub]>),
    };
  }
  if (model.rawId) return { identifier: identifierFromRawId(model.rawId) };
  return {
    problems: [
      `${path} must identify a participant: set rawId or one of ${IDENTIFIER_KINDS.join(', ')}`,
    ],
  };
}

function emptyField(
  model: IdentifierModel,
  kind: (typeof IDENTIFIER_KINDS)[number],
): string | undefined {
  const sub = model[kind] as unknown as Record<string, unknown>;
  return Object.entries(sub).find(([, v]) => v === '')?.[0];
}
