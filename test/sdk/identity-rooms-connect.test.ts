/**
 * The official Identity and Rooms SDKs against the emulator, on the same connection string as
 * Call Automation: a user with a token, a room with that user, Connect to the room, play to the
 * room call, hang up; Connect to a closed room gets ConnectFailed; every Identity and Rooms
 * operation once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileSource } from '@azure/communication-call-automation';
import { CommunicationIdentityClient } from '@azure/communication-identity';
import { RoomsClient } from '@azure/communication-rooms';
import type { CommunicationUserIdentifier } from '@azure/communication-common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { useEmulator } from '../helpers/use-emulator.js';
import { ofCall } from '../helpers/callback-listener.js';

const PIPELINE = { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } };
const MENU: FileSource = { kind: 'fileSource', url: 'https://example.test/menu.wav' };
const RESOURCE = '00000000-0000-0000-0000-0000000000ac';

function clients(connectionString: string) {
  return {
    identity: new CommunicationIdentityClient(connectionString, PIPELINE),
    rooms: new RoomsClient(connectionString, PIPELINE),
  };
}

async function statusOf(promise: Promise<unknown>): Promise<{ status?: number; code?: string }> {
  try {
    await promise;
    return {};
  } catch (err) {
    const e = err as { statusCode?: number; code?: string };
    return { status: e.statusCode, code: e.code };
  }
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('Identity, Rooms and Connect through the official SDKs', () => {
  const fx = useEmulator({ connectDelayMs: 0, acsResourceId: RESOURCE });

  it('a user with a token, a room with that user, connect, play to the room call, hang up', async () => {
    const { identity, rooms } = clients(fx.running.connectionString);
    const { user, token, expiresOn } = await identity.createUserAndToken(['voip']);
    assert.match(user.communicationUserId, new RegExp(`^8:acs:${RESOURCE}_[0-9a-f-]{36}$`));
    const claims = decodeJwt(token);
    assert.equal(claims.acsScope, 'voip');
    assert.equal(claims.resourceId, RESOURCE);
    assert.equal(claims.skypeid, user.communicationUserId.slice(2));
    assert.equal(decodeProtectedHeader(token).alg, 'RS256');
    const lifetimeMs = expiresOn.getTime() - Date.now();
    assert.ok(lifetimeMs > 23.9 * 3600_000 && lifetimeMs <= 24 * 3600_000, `${lifetimeMs}`);

    const room = await rooms.createRoom({
      participants: [{ id: user, role: 'Presenter' }],
    });
    assert.match(room.id, /^\d{17}$/);
    const participants = await all(rooms.listParticipants(room.id));
    assert.deepEqual(
      participants.map((p) => [(p.id as CommunicationUserIdentifier).communicationUserId, p.role]),
      [[user.communicationUserId, 'Presenter']],
    );

    const connected = await fx.running
      .client()
      .connectCall({ kind: 'roomCallLocator', id: room.id }, fx.listener.url(), {
        operationContext: 'bot-joins',
      });
    const id = connected.callConnectionProperties.callConnectionId as string;
    const event = await fx.listener.waitFor(ofCall(id, 'CallConnected'));
    assert.equal(event.event.operationContext, 'bot-joins');

    const media = connected.callConnection.getCallMedia();
    await media.playToAll([MENU], { operationContext: 'welcome' });
    const played = await fx.listener.waitFor(ofCall(id, 'PlayCompleted'));
    assert.equal(played.event.operationContext, 'welcome');

    await connected.callConnection.hangUp(true);
    await fx.listener.waitFor(ofCall(id, 'CallDisconnected'));
    const admin = await fx.running.admin<{ value: { id: string; participants: unknown[] }[] }>(
      'admin/rooms',
    );
    assert.deepEqual(admin.value.find((r) => r.id === room.id)?.participants, [
      { rawId: user.communicationUserId, role: 'Presenter' },
    ]);
  });

  it('connect to a room that does not exist ends in ConnectFailed, and so does a group call join to it', async () => {
    const connected = await fx.running
      .client()
      .connectCall({ kind: 'roomCallLocator', id: '99000000000000000' }, fx.listener.url());
    const id = connected.callConnectionProperties.callConnectionId as string;
    assert.equal(connected.callConnectionProperties.callConnectionState, 'connecting');
    const failed = await fx.listener.waitFor(ofCall(id, 'ConnectFailed'));
    assert.equal(failed.event.resultInformation?.code, 403);
    assert.match(String(failed.event.resultInformation?.message), /does not exist/);
    const call = await fx.running.admin(`admin/calls/${id}`);
    assert.equal(call.callConnectionState, 'disconnected');
  });

  it('a group call connects', async () => {
    const connected = await fx.running
      .client()
      .connectCall(
        { kind: 'groupCallLocator', id: 'a1b2c3d4-0000-4000-8000-000000000001' },
        fx.listener.url(),
      );
    const id = connected.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor(ofCall(id, 'CallConnected'));
  });

  it('a failOperation rule on Connect: 200, then ConnectFailed with its result and mark', async () => {
    const rule = await fx.control.addFault({
      match: { operation: 'Connect' },
      action: {
        type: 'failOperation',
        resultInformation: { code: 500, subCode: 8500, message: 'Injected connect failure.' },
      },
      times: 1,
    });
    const locator = {
      kind: 'groupCallLocator',
      id: 'a1b2c3d4-0000-4000-8000-000000000002',
    } as const;
    const failedCall = await fx.running.client().connectCall(locator, fx.listener.url());
    const id = failedCall.callConnectionProperties.callConnectionId as string;
    const failed = await fx.listener.waitFor(ofCall(id, 'ConnectFailed'));
    assert.deepEqual(failed.event.resultInformation, {
      code: 500,
      subCode: 8500,
      message: 'Injected connect failure.',
    });
    const [record] = await fx.control.listEvents({ callConnectionId: id, type: 'ConnectFailed' });
    assert.deepEqual(record?.faults, [{ ruleId: rule.id, action: 'failOperation' }]);
    // times 1: the next connect succeeds.
    const next = await fx.running.client().connectCall(locator, fx.listener.url());
    const nextId = next.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor(ofCall(nextId, 'CallConnected'));
  });

  it('every Identity operation once; a revoked or deleted user token is refused as Bearer', async () => {
    const { identity } = clients(fx.running.connectionString);
    const user = await identity.createUser();
    const { token } = await identity.getToken(user, ['chat', 'voip'], {
      tokenExpiresInMinutes: 60,
    });
    assert.equal(decodeJwt(token).acsScope, 'chat,voip');
    const bearer = (t: string) =>
      fetch(`${fx.running.url}calling/callConnections/nope?api-version=2026-03-12`, {
        headers: { authorization: `Bearer ${t}` },
      }).then((r) => r.status);
    assert.equal(await bearer(token), 404, 'a live user token passes auth');
    await identity.revokeTokens(user);
    assert.equal(await bearer(token), 401, 'revoked');
    const fresh = (await identity.getToken(user, ['voip'])).token;
    assert.equal(await bearer(fresh), 404, 'a token issued after the revocation passes');
    await identity.deleteUser(user);
    assert.equal(await bearer(fresh), 401, 'deleted');
    assert.deepEqual(await statusOf(identity.getToken(user, ['voip'])), {
      status: 404,
      code: 'IdentityNotFound',
    });
    assert.deepEqual(
      await statusOf(
        identity.getTokenForTeamsUser({
          teamsUserAadToken: 'not-an-entra-token',
          clientId: '00000000-0000-0000-0000-000000000001',
          userObjectId: '00000000-0000-0000-0000-000000000002',
        }),
      ),
      { status: 401, code: 'InvalidAccessToken' },
    );
    assert.deepEqual(
      await statusOf(identity.createUserAndToken(['chat'], { tokenExpiresInMinutes: 1441 })),
      { status: 400, code: 'ValidationError' },
    );
  });

  it('every Rooms operation once', async () => {
    const { identity, rooms } = clients(fx.running.connectionString);
    const [a, b] = [await identity.createUser(), await identity.createUser()];
    const validFrom = new Date(Date.now() + 60_000);
    const validUntil = new Date(validFrom.getTime() + 3600_000);
    const room = await rooms.createRoom({ validFrom, validUntil, pstnDialOutEnabled: true });
    assert.equal(room.validFrom.getTime(), validFrom.getTime());
    assert.equal(room.pstnDialOutEnabled, true);
    const got = await rooms.getRoom(room.id);
    assert.equal(got.validUntil.getTime(), validUntil.getTime());
    const later = new Date(validUntil.getTime() + 3600_000);
    const updated = await rooms.updateRoom(room.id, {
      validUntil: later,
      pstnDialOutEnabled: false,
    });
    assert.equal(updated.validUntil.getTime(), later.getTime());
    assert.equal(updated.pstnDialOutEnabled, false);
    assert.ok((await all(rooms.listRooms())).some((r) => r.id === room.id));

    await rooms.addOrUpdateParticipants(room.id, [{ id: a, role: 'Attendee' }, { id: b }]);
    await rooms.addOrUpdateParticipants(room.id, [{ id: a, role: 'Consumer' }]);
    await rooms.removeParticipants(room.id, [b]);
    const participants = await all(rooms.listParticipants(room.id));
    assert.deepEqual(
      participants.map((p) => [(p.id as CommunicationUserIdentifier).communicationUserId, p.role]),
      [[a.communicationUserId, 'Consumer']],
    );

    await rooms.deleteRoom(room.id);
    assert.deepEqual(await statusOf(rooms.getRoom(room.id)), { status: 404, code: 'NotFound' });
    await rooms.deleteRoom(room.id); // as recorded: deleting a room that is gone is a 204
    assert.deepEqual(
      await statusOf(rooms.createRoom({ validUntil: new Date(Date.now() - 60_000) })),
      { status: 400, code: 'BadRequest' },
    );
  });
});

describe('Connect to a room the emulator clock has closed', () => {
  const fx = useEmulator({ clock: 'manual', connectDelayMs: 10 });

  it('a room past validUntil ends the connect in ConnectFailed; before, it connects', async () => {
    const { rooms } = clients(fx.running.connectionString);
    // Defaults on the emulator clock: open now, for 180 days.
    const room = await rooms.createRoom();
    const open = await fx.running
      .client()
      .connectCall({ kind: 'roomCallLocator', id: room.id }, fx.listener.url());
    const openId = open.callConnectionProperties.callConnectionId as string;
    await fx.control.advanceClock(10);
    await fx.listener.waitFor(ofCall(openId, 'CallConnected'));

    // One day at a time (the control API's limit per call), past the 180-day window.
    for (let day = 0; day < 181; day++) await fx.control.advanceClock(24 * 3600_000);
    const late = await fx.running
      .client()
      .connectCall({ kind: 'roomCallLocator', id: room.id }, fx.listener.url());
    const lateId = late.callConnectionProperties.callConnectionId as string;
    await fx.control.advanceClock(10);
    const failed = await fx.listener.waitFor(ofCall(lateId, 'ConnectFailed'));
    assert.equal(failed.event.resultInformation?.code, 403);
    assert.match(String(failed.event.resultInformation?.message), /closed at/);
  });
});
