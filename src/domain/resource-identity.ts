/** The identities of an ACS resource: its own (what the service lists for the app) and its users. */
import { identifierFromRawId, type Identifier } from '../schemas/identifier.js';

/** `8:acs:<resource id>_00000000-…`: the app's identity in calls (real-service-recordings.md). */
export const resourceIdentity = (resourceId: string): Identifier =>
  identifierFromRawId(`8:acs:${resourceId}_00000000-0000-0000-0000-000000000000`);

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
