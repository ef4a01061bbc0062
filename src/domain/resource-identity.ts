/** The identities of an ACS resource: its own (what the service lists for the app) and its users. */
import { identifierFromRawId, type Identifier } from '../schemas/identifier.js';

/** The last identity built: one resource per emulator, so every call shares one frozen object. */
let shared: { resourceId: string; identity: Identifier } | undefined;

/**
 * `8:acs:<resource id>_00000000-…`: the app's identity in calls (real-service-recordings.md).
 * Every call of the resource lists it as `self`; one shared, frozen copy instead of one per call
 * saves about 220 bytes per call (issue 20), and freezing makes a mutation fail loudly.
 */
export function resourceIdentity(resourceId: string): Identifier {
  if (shared?.resourceId !== resourceId)
    shared = { resourceId, identity: deepFreeze(build(resourceId)) };
  return shared.identity;
}

const build = (resourceId: string): Identifier =>
  identifierFromRawId(`8:acs:${resourceId}_00000000-0000-0000-0000-000000000000`);

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value))
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  return Object.freeze(value);
}

/**
 * A party "inside" the emulator: a phone number the app owns, or a Communication Services user of
 * this resource (other than the resource's own identity). Calls to it raise an IncomingCall.
 */
export function isOwnedParty(
  party: Identifier,
  resourceId: string,
  ownedNumbers: readonly string[],
): boolean {
  if (party.kind === 'phoneNumber') return ownedNumbers.includes(party.rawId.slice(2));
  if (party.kind !== 'communicationUser') return false;
  return (
    party.rawId.startsWith(`8:acs:${resourceId}_`) &&
    party.rawId !== resourceIdentity(resourceId).rawId
  );
}
