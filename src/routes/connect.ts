/**
 * Connect (`POST /calling/callConnections:connect`): the application joins a room, a group call
 * or a server call. The call comes to exist through CallRuntime.admit like any other; a room that
 * does not exist, or is not open by the emulator clock, ends in ConnectFailed instead of
 * CallConnected.
 */
import type { Call, CallLocatorRef } from '../domain/call.js';
import { newGuid, newServerCallId } from '../domain/ids.js';
import { DEFAULT_RESULTS, type ResultInformation } from '../domain/results.js';
import { roomOpenAt } from '../domain/room.js';
import { errors } from '../http/errors.js';
import type { CallLocator } from '../schemas/generated/request-bodies.js';
import { callConnectionProperties } from './call-view.js';
import type { HandlerTable, Services } from './handler.js';

const LOCATOR_ID = {
  roomCallLocator: 'roomId',
  groupCallLocator: 'groupCallId',
  serverCallLocator: 'serverCallId',
} as const;

function locatorOf(locator: CallLocator): CallLocatorRef {
  const kind = locator.kind;
  if (kind === undefined)
    throw errors.invalidBody([
      "callLocator.kind is required: 'roomCallLocator', 'groupCallLocator' or 'serverCallLocator'",
    ]);
  const field = LOCATOR_ID[kind];
  const id = locator[field];
  if (id === undefined || id === '')
    throw errors.invalidBody([`callLocator.${field} is required for a ${kind}`]);
  const others = Object.values(LOCATOR_ID).filter((f) => f !== field && locator[f] !== undefined);
  if (others.length > 0)
    throw errors.invalidBody([`a ${kind} takes only ${field}; remove ${others.join(', ')}`]);
  return { kind, id };
}

/** Why a room cannot be joined now, by the emulator clock; undefined when it can. */
function roomFailure(
  services: Services,
  roomId: string,
): { result: ResultInformation } | undefined {
  const room = services.rooms.get(roomId);
  const now = services.clock.now();
  const base = DEFAULT_RESULTS.ConnectFailed;
  if (!room)
    return { result: { ...base, message: `${base.message} Room '${roomId}' does not exist.` } };
  if (roomOpenAt(room, now)) return undefined;
  const when =
    now < room.validFrom
      ? `opens at ${new Date(room.validFrom).toISOString()}`
      : `closed at ${new Date(room.validUntil).toISOString()}`;
  return {
    result: {
      ...base,
      message: `${base.message} Room '${roomId}' ${when} (emulator clock ${new Date(now).toISOString()}).`,
    },
  };
}

export const connectHandlers: HandlerTable = {
  Connect: ({ body: request, apiVersion, services, failure: forced }) => {
    const locator = locatorOf(request.callLocator);
    // A failOperation rule wins; otherwise a room must exist and be open now.
    const failure = forced
      ? { result: forced.resultInformation, fault: forced.fault }
      : locator.kind === 'roomCallLocator'
        ? roomFailure(services, locator.id)
        : undefined;
    const admitted = services.calls.admit(
      (): Call => ({
        callConnectionId: newGuid(),
        serverCallId: locator.kind === 'serverCallLocator' ? locator.id : newServerCallId(),
        correlationId: newGuid(),
        state: 'connecting',
        callbackUri: request.callbackUri,
        apiVersion,
        operationContext: request.operationContext,
        targets: [],
        participants: [],
        dtmf: {},
        locator,
        createdAt: services.clock.now(),
      }),
      failure ? (at) => ({ type: 'joinFailed', at, ...failure }) : undefined,
    );
    if (!admitted.ok) throw errors.callLimitReached(admitted.limit);
    return { body: callConnectionProperties(admitted.call) };
  },
};
