/** The Rooms rules (domain/room.ts) and the identity store's tokens, on explicit times. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkWindow,
  isRoomParticipantId,
  patchParticipants,
  requestedWindow,
  roomAdmits,
  roomOpenAt,
  ROOM_MAX_WINDOW_MS,
  WINDOW_IN_PAST,
  WINDOW_INCORRECT,
  type Room,
} from '../../src/domain/room.js';
import { newRoomId, resourceOfUser } from '../../src/domain/acs-ids.js';
import { IdentityStore, type AcsUser } from '../../src/directory/identity-store.js';
import { stepCall } from '../../src/domain/call-machine.js';
import type { Call } from '../../src/domain/call.js';

const NOW = Date.parse('2026-03-12T10:00:00Z');
const HOUR = 3600_000;

describe('room windows', () => {
  const cases: [string, number, number, unknown][] = [
    ['an hour from now', NOW, NOW + HOUR, undefined],
    ['exactly 180 days', NOW, NOW + ROOM_MAX_WINDOW_MS, undefined],
    ['a day over 180', NOW, NOW + ROOM_MAX_WINDOW_MS + 24 * HOUR, WINDOW_INCORRECT],
    ['ends before it starts', NOW + 2 * HOUR, NOW + HOUR, WINDOW_INCORRECT],
    ['ends now', NOW - HOUR, NOW, WINDOW_IN_PAST],
    ['ended', NOW - 2 * HOUR, NOW - HOUR, WINDOW_IN_PAST],
    ['started in the past, still open', NOW - HOUR, NOW + HOUR, undefined],
  ];
  for (const [name, from, until, expected] of cases)
    it(name, () => assert.deepEqual(checkWindow(from, until, NOW), expected));

  it('defaults: from now, for 180 days from validFrom', () => {
    assert.deepEqual(requestedWindow(NOW, undefined, undefined), {
      validFrom: NOW,
      validUntil: NOW + ROOM_MAX_WINDOW_MS,
    });
    assert.deepEqual(requestedWindow(NOW, NOW + HOUR, undefined), {
      validFrom: NOW + HOUR,
      validUntil: NOW + HOUR + ROOM_MAX_WINDOW_MS,
    });
  });
});

describe('room participants and admission', () => {
  const room: Room = {
    id: newRoomId(),
    createdAt: NOW,
    validFrom: NOW,
    validUntil: NOW + HOUR,
    pstnDialOutEnabled: false,
    participants: new Map([['8:acs:r_1', 'Presenter' as const]]),
  };

  it('is open from validFrom until just before validUntil', () => {
    assert.equal(roomOpenAt(room, NOW - 1), false);
    assert.equal(roomOpenAt(room, NOW), true);
    assert.equal(roomOpenAt(room, NOW + HOUR - 1), true);
    assert.equal(roomOpenAt(room, NOW + HOUR), false);
  });

  it('merge-patch: a role adds or updates, null removes, unknown removals are ignored', () => {
    const next = patchParticipants(room.participants, {
      '8:acs:r_1': { role: 'Attendee' },
      '8:acs:r_2': { role: 'Consumer' },
      '8:acs:gone': null,
    });
    assert.deepEqual(
      [...next],
      [
        ['8:acs:r_1', 'Attendee'],
        ['8:acs:r_2', 'Consumer'],
      ],
    );
    assert.deepEqual(
      [...patchParticipants(next, { '8:acs:r_1': null })],
      [['8:acs:r_2', 'Consumer']],
    );
    assert.equal(room.participants.size, 1, 'the input map is not changed');
  });

  it('participant raw ids: ACS and Teams users only', () => {
    for (const ok of ['8:acs:r_1', '8:spool:x', '8:gcch-acs:x', '8:orgid:u'])
      assert.equal(isRoomParticipantId(ok), true, ok);
    for (const bad of ['wrong_mri', '4:+14255550123', '28:orgid:app', '8:acs:', ''])
      assert.equal(isRoomParticipantId(bad), false, bad);
  });

  it('a room call admits room participants, and phone numbers only with PSTN dial-out', () => {
    assert.equal(roomAdmits(room, '8:acs:r_1'), true);
    assert.equal(roomAdmits(room, '8:acs:other'), false);
    assert.equal(roomAdmits(room, '4:+14255550123'), false);
    const pstn = { ...room, pstnDialOutEnabled: true };
    assert.equal(roomAdmits(pstn, '4:+14255550123'), true);
    assert.equal(roomAdmits(pstn, '8:acs:other'), false);
  });

  it('room ids are 17 digits', () => {
    for (let i = 0; i < 20; i++) assert.match(newRoomId(), /^99\d{15}$/);
  });
});

describe('identity store', () => {
  it('users are of this resource until deleted; tokens die with revocation and deletion', () => {
    let now = NOW;
    const store = new IdentityStore('res-1', () => now);
    const user = store.create();
    assert.equal(resourceOfUser(user.id), 'res-1');
    assert.equal(store.isUserOfThisResource(user.id), true);
    assert.equal(store.isUserOfThisResource('8:acs:res-1_unknown'), false);
    assert.equal(new IdentityStore('res-2').isUserOfThisResource(user.id), false);

    const first = store.issue(user, ['chat'], 60);
    assert.equal(first.expiresOn, new Date(NOW + HOUR).toISOString());
    assert.equal(store.checkToken(first.token).ok, true);
    now += 61 * 60_000;
    assert.match(String((store.checkToken(first.token) as { why: string }).why), /expired/);

    const second = store.issue(store.get(user.id) as AcsUser, ['voip'], 1440);
    store.revoke(user.id);
    assert.match(String((store.checkToken(second.token) as { why: string }).why), /revoked/);
    // A token issued in the same second as the revocation is newer than it.
    const third = store.issue(store.get(user.id) as AcsUser, ['voip'], 1440);
    assert.equal(store.checkToken(third.token).ok, true);

    store.delete(user.id);
    assert.match(String((store.checkToken(third.token) as { why: string }).why), /deleted/);
    assert.equal(store.isUserOfThisResource(user.id), false);

    const tampered = `${third.token.slice(0, -4)}AAAA`;
    assert.equal(store.checkToken(tampered).ok, false);
  });
});

describe('joinFailed in the call machine', () => {
  const call: Call = {
    callConnectionId: 'c',
    serverCallId: 's',
    correlationId: 'k',
    state: 'connecting',
    callbackUri: 'http://127.0.0.1/cb',
    apiVersion: '2026-03-12',
    operationContext: 'ctx',
    targets: [],
    participants: [],
    dtmf: {},
    createdAt: NOW,
  };
  const result = { code: 403, subCode: 0, message: 'closed' };

  it('a connecting call ends with ConnectFailed carrying the result and its context', () => {
    const step = stepCall(call, { type: 'joinFailed', at: NOW + 5, result });
    assert.ok(step.ok);
    assert.equal(step.call.state, 'disconnected');
    assert.equal(step.call.endedAt, NOW + 5);
    assert.deepEqual(
      step.effects.map(
        (e) => e.type === 'emit' && [e.event, e.operationContext, e.resultInformation],
      ),
      [['ConnectFailed', 'ctx', result]],
    );
  });

  it('a call already connected ignores it', () => {
    const step = stepCall({ ...call, state: 'connected' }, { type: 'joinFailed', at: NOW, result });
    assert.ok(step.ok);
    assert.equal(step.call.state, 'connected');
    assert.deepEqual(step.effects, []);
  });
});
