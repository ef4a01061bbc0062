/**
 * The participants an API request is about, for rules that match on `participant`: the raw ids of
 * the body's target fields. Best effort on purpose: request rules run before validation, so the
 * body may be anything, and an unreadable one is about nobody.
 */
import { checkIdentifier, type IdentifierModel } from '../schemas/identifier.js';
import { validateRequest } from '../schemas/validate-request.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function rawIdOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  // Request rules see the body before validation: only a schema-valid identifier is resolved.
  const valid = validateRequest<IdentifierModel>('CommunicationIdentifierModel', value);
  if (!valid.ok) return undefined;
  const check = checkIdentifier(valid.value, 'participant');
  return 'identifier' in check ? check.identifier.rawId : undefined;
}

/** Raw ids named by targetParticipant, recognizeOptions.targetParticipant, participantTo*, playTo. */
export function participantsOf(body: unknown): string[] {
  if (!isObject(body)) return [];
  const recognize = isObject(body.recognizeOptions) ? body.recognizeOptions : {};
  const candidates = [
    body.targetParticipant,
    recognize.targetParticipant,
    body.participantToAdd,
    body.participantToRemove,
    ...(Array.isArray(body.playTo) ? body.playTo : []),
  ];
  return candidates.map(rawIdOf).filter((id): id is string => id !== undefined);
}

/** {@link participantsOf} over raw JSON bytes; not JSON: nobody. */
export function participantsOfJson(raw: Buffer): string[] {
  if (raw.length === 0) return [];
  try {
    return participantsOf(JSON.parse(raw.toString('utf8')));
  } catch {
    return [];
  }
}
