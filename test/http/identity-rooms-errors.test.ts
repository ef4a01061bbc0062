/**
 * Every validation error path of the Identity and Rooms APIs and of Connect, with the service's
 * status, code, message and target where they are recorded (Azure/azure-sdk-for-python's
 * identity and rooms test recordings), plus api-version, auth and the control API views.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acsRequest, type RawResponse } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';

const ID_V = 'api-version=2023-10-01';
const ROOMS_V = 'api-version=2025-03-13';
const CALL_V = 'api-version=2026-03-12';
const DAY = 24 * 3600_000;

interface ErrorBody {
  code: string;
  message: string;
  target?: string;
  details?: { code: string; message: string; target?: string }[];
}

const errorOf = (res: RawResponse) => res.json.error as ErrorBody;

describe('Identity, Rooms and Connect error paths over HTTP', () => {
  const fx = useEmulator({ connectDelayMs: 0 });
  const send = (method: string, path: string, body?: unknown, headers = {}) =>
    acsRequest(fx.running.url, { method, path, body, headers });
  const newUser = async () => {
    const res = await send('POST', `/identities?${ID_V}`);
    assert.equal(res.status, 201, res.text);
    return (res.json.identity as { id: string }).id;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  describe('Identity', () => {
    it('creates a user from an empty body (201) and with a token', async () => {
      const id = await newUser();
      assert.match(id, /^8:acs:[^_]+_[0-9a-f-]{36}$/);
      const res = await send('POST', `/identities?${ID_V}`, {
        createTokenWithScopes: ['chat.join', 'voip.join'],
        expiresInMinutes: 60,
      });
      assert.equal(res.status, 201);
      const token = res.json.accessToken as { token: string; expiresOn: string };
      const minutes = (Date.parse(token.expiresOn) - Date.now()) / 60_000;
      assert.ok(minutes > 59 && minutes <= 60, `${minutes}`);
    });

    for (const minutes of [59, 1441]) {
      it(`expiresInMinutes ${minutes}: 400 ValidationError as the service words it`, async () => {
        for (const res of [
          await send('POST', `/identities?${ID_V}`, {
            createTokenWithScopes: ['chat'],
            expiresInMinutes: minutes,
          }),
          await send(
            'POST',
            `/identities/${encodeURIComponent(await newUser())}/:issueAccessToken?${ID_V}`,
            {
              scopes: ['chat'],
              expiresInMinutes: minutes,
            },
          ),
        ]) {
          assert.equal(res.status, 400);
          assert.deepEqual(errorOf(res), {
            code: 'ValidationError',
            message: `ExpiresInMinutes value ${minutes} is invalid. Value must be within the [60, 1440] interval.`,
            target: 'ExpiresInMinutes',
          });
        }
      });
    }

    it('issueAccessToken without scopes, or with an unknown scope: 400 ValidationError', async () => {
      const path = `/identities/${encodeURIComponent(await newUser())}/:issueAccessToken?${ID_V}`;
      const missing = await send('POST', path, {});
      assert.equal(missing.status, 400);
      assert.deepEqual(errorOf(missing), {
        code: 'ValidationError',
        message: 'Scopes: The Scopes field is required.',
        target: 'Scopes',
      });
      const unknown = await send('POST', path, { scopes: ['admin'] });
      assert.equal(unknown.status, 400);
      assert.equal(errorOf(unknown).code, 'ValidationError');
      assert.match(errorOf(unknown).message, /scopes\[0\]/);
    });

    it('an unknown or deleted user: 404 IdentityNotFound on issue, revoke and delete', async () => {
      const id = await newUser();
      const enc = encodeURIComponent(id);
      assert.equal((await send('DELETE', `/identities/${enc}?${ID_V}`)).status, 204);
      for (const res of [
        await send('POST', `/identities/${enc}/:issueAccessToken?${ID_V}`, { scopes: ['voip'] }),
        await send('POST', `/identities/${enc}/:revokeAccessTokens?${ID_V}`),
        await send('DELETE', `/identities/${enc}?${ID_V}`),
      ]) {
        assert.equal(res.status, 404);
        assert.equal(errorOf(res).code, 'IdentityNotFound');
        assert.match(errorOf(res).message, new RegExp(id));
      }
    });

    it('the Teams token exchange: 401 InvalidAccessToken, or 400 without its fields', async () => {
      const path = `/teamsUser/:exchangeAccessToken?${ID_V}`;
      const res = await send('POST', path, { token: 'x', appId: 'a', userId: 'u' });
      assert.equal(res.status, 401);
      assert.equal(errorOf(res).code, 'InvalidAccessToken');
      assert.match(errorOf(res).message, /^Provided access token is not valid\./);
      const empty = await send('POST', path, { token: 'x' });
      assert.equal(empty.status, 400);
      assert.equal(errorOf(empty).code, 'ValidationError');
    });

    it('its own api-versions, auth and methods', async () => {
      const old = await send('POST', `/identities?${CALL_V}`);
      assert.equal(old.status, 400);
      assert.equal(errorOf(old).code, 'UnsupportedApiVersion');
      assert.match(errorOf(old).message, /2023-10-01, 2023-08-01/);
      const none = await send('POST', '/identities');
      assert.equal(errorOf(none).code, 'ApiVersionUnspecified');
      assert.match(errorOf(none).message, /api-version=2023-10-01/);
      const unsigned = await acsRequest(fx.running.url, {
        method: 'POST',
        path: `/identities?${ID_V}`,
        sign: false,
      });
      assert.equal(unsigned.status, 401);
      assert.equal(errorOf(unsigned).code, 'Denied');
      const wrong = await send('GET', `/identities?${ID_V}`);
      assert.equal(wrong.status, 405);
      assert.equal((await send('POST', `/identities/x/:nope?${ID_V}`)).status, 404);
    });
  });

  describe('Rooms', () => {
    const create = (body: unknown) => send('POST', `/rooms?${ROOMS_V}`, body);
    const detailOf = (res: RawResponse) => {
      assert.equal(res.status, 400, res.text);
      assert.equal(res.headers['x-ms-error-code'], 'BadRequest');
      const error = errorOf(res);
      assert.equal(error.code, 'BadRequest');
      assert.equal(
        error.message,
        'The request could not be understood by the server due to malformed syntax.',
      );
      return error.details?.[0];
    };

    it('validUntil in the past: BadArgument "The time range end is in the past."', async () => {
      assert.deepEqual(detailOf(await create({ validUntil: iso(Date.now() - 60_000) })), {
        code: 'BadArgument',
        message: 'The time range end is in the past.',
        target: 'ValidUntil',
      });
    });

    it('a window over 180 days, or ending before it starts: "incorrect, or larger than 180 days"', async () => {
      const now = Date.now();
      for (const body of [
        { validFrom: iso(now), validUntil: iso(now + 181 * DAY) },
        { validFrom: iso(now + 2 * DAY), validUntil: iso(now + DAY) },
      ]) {
        assert.deepEqual(detailOf(await create(body)), {
          code: 'BadArgument',
          message: 'The time range is incorrect, or larger than 180 days.',
          target: 'ValidUntil',
        });
      }
      // Exactly 180 days is accepted.
      const ok = await create({ validFrom: iso(now), validUntil: iso(now + 180 * DAY) });
      assert.equal(ok.status, 201, ok.text);
    });

    it('a role outside the swagger enum, or a malformed date: BadArgument details', async () => {
      const role = detailOf(await create({ participants: { '8:acs:r_1': { role: 'Kafka' } } }));
      assert.equal(role?.code, 'BadArgument');
      assert.match(String(role?.message), /role/);
      const date = detailOf(await create({ validFrom: 'tomorrow' }));
      assert.match(String(date?.message), /validFrom/);
    });

    it('a participant that is not an ACS or Teams user: "Invalid format for communication identifier."', async () => {
      for (const res of [
        await create({ participants: { wrong_mri: { role: 'Attendee' } } }),
        await send(
          'PATCH',
          `/rooms/${(await create({})).json.id as string}/participants?${ROOMS_V}`,
          { participants: { '4:+14255550123': { role: 'Attendee' } } },
          { 'content-type': 'application/merge-patch+json' },
        ),
      ]) {
        assert.equal(res.status, 400);
        assert.match(errorOf(res).message, /^Invalid format for communication identifier\./);
      }
    });

    it('room ids: a wrong length is 400 "Invalid room ID length.", an unknown one 404 NotFound', async () => {
      for (const [method, path] of [
        ['GET', `/rooms/invalid_id?${ROOMS_V}`],
        ['DELETE', `/rooms/invalid_id?${ROOMS_V}`],
        ['GET', `/rooms/invalid_id/participants?${ROOMS_V}`],
      ] as const) {
        const res = await send(method, path);
        assert.equal(res.status, 400, path);
        assert.equal(errorOf(res).message, 'Invalid room ID length.');
      }
      const unknown = '99000000000000001';
      for (const res of [
        await send('GET', `/rooms/${unknown}?${ROOMS_V}`),
        await send('PATCH', `/rooms/${unknown}?${ROOMS_V}`, { pstnDialOutEnabled: true }),
        await send('GET', `/rooms/${unknown}/participants?${ROOMS_V}`),
      ]) {
        assert.equal(res.status, 404);
        assert.equal(res.headers['x-ms-error-code'], 'NotFound');
        assert.deepEqual(errorOf(res), {
          code: 'NotFound',
          message: 'The server cannot find the requested resource.',
        });
      }
    });

    it('update checks the new window against the old one and the clock', async () => {
      const room = (await create({})).json as { id: string; validFrom: string };
      const res = await send('PATCH', `/rooms/${room.id}?${ROOMS_V}`, {
        validUntil: iso(Date.parse(room.validFrom) + 200 * DAY),
      });
      assert.equal(detailOf(res)?.message, 'The time range is incorrect, or larger than 180 days.');
    });

    it('merge-patch nulls remove participants; other nulls fail the schema elsewhere', async () => {
      const room = (await create({ participants: { '8:acs:r_1': { role: 'Presenter' } } })).json
        .id as string;
      const patch = await send(
        'PATCH',
        `/rooms/${room}/participants?${ROOMS_V}`,
        { participants: { '8:acs:r_1': null, '8:acs:r_2': { role: 'Collaborator' } } },
        { 'content-type': 'application/merge-patch+json' },
      );
      assert.equal(patch.status, 200, patch.text);
      assert.deepEqual(patch.json, {});
      const list = await send('GET', `/rooms/${room}/participants?${ROOMS_V}`);
      assert.deepEqual(list.json, { value: [{ rawId: '8:acs:r_2', role: 'Collaborator' }] });
      const notPatch = await create({ participants: { '8:acs:r_1': null } });
      assert.equal(detailOf(notPatch)?.code, 'BadArgument');
    });

    it('its own api-versions', async () => {
      const res = await send('GET', `/rooms?api-version=2023-06-14`);
      assert.equal(res.status, 400);
      assert.match(errorOf(res).message, /2025-03-13, 2024-04-15/);
      assert.equal((await send('GET', '/rooms?api-version=2024-04-15')).status, 200);
    });
  });

  describe('Connect', () => {
    const connect = (callLocator: unknown) =>
      send('POST', `/calling/callConnections:connect?${CALL_V}`, {
        callLocator,
        callbackUri: fx.listener.url(),
      });

    it('a locator without kind, without its id, or with two ids: 400 BadRequest', async () => {
      for (const [locator, pattern] of [
        [{ roomId: '99000000000000000' }, /callLocator\.kind is required/],
        [{ kind: 'roomCallLocator' }, /callLocator\.roomId is required/],
        [{ kind: 'groupCallLocator', groupCallId: '' }, /callLocator\.groupCallId is required/],
        [
          { kind: 'serverCallLocator', serverCallId: 'abc', roomId: '99000000000000000' },
          /takes only serverCallId; remove roomId/,
        ],
        [{ kind: 'meetingLocator', roomId: '1' }, /kind/],
      ] as const) {
        const res = await connect(locator);
        assert.equal(res.status, 400, JSON.stringify(locator));
        assert.equal(errorOf(res).code, 'BadRequest');
        assert.match(errorOf(res).message, pattern);
      }
      const missing = await send('POST', `/calling/callConnections:connect?${CALL_V}`, {
        callbackUri: fx.listener.url(),
      });
      assert.match(errorOf(missing).message, /callLocator is required/);
    });

    it('a server call keeps its serverCallId', async () => {
      const res = await connect({ kind: 'serverCallLocator', serverCallId: 'c2VydmVyLWNhbGw=' });
      assert.equal(res.status, 200);
      assert.equal(res.json.callConnectionState, 'connecting');
      // Like createCall's answer, the connecting answer has no serverCallId (the service's
      // recordings); the call keeps the one it was given, as the emulator's view shows.
      assert.equal(res.json.serverCallId, undefined);
      const view = await fx.running.admin<{ serverCallId?: string }>(
        `/admin/calls/${String(res.json.callConnectionId)}`,
      );
      assert.equal(view.serverCallId, 'c2VydmVyLWNhbGw=');
    });
  });

  it('an API fault rule reaches a Rooms operation by its id', async () => {
    await fx.control.addFault({
      match: { operation: 'Rooms_Create' },
      action: { type: 'error', status: 503, code: 'ServiceUnavailable' },
      times: 1,
    });
    const refused = await send('POST', `/rooms?${ROOMS_V}`, {});
    assert.equal(refused.status, 503);
    assert.equal(errorOf(refused).code, 'ServiceUnavailable');
    assert.equal((await send('POST', `/rooms?${ROOMS_V}`, {})).status, 201);
  });

  it('the control API lists users and rooms, and /admin/reset forgets them', async () => {
    const id = await newUser();
    const room = (await send('POST', `/rooms?${ROOMS_V}`, {})).json.id as string;
    const users = await fx.running.admin<{ value: { id: string; tokensIssued: number }[] }>(
      'admin/identities',
    );
    assert.ok(users.value.some((u) => u.id === id && u.tokensIssued === 0));
    const rooms = await fx.running.admin<{ value: { id: string }[] }>('admin/rooms');
    assert.ok(rooms.value.some((r) => r.id === room));
    await fx.control.reset();
    assert.deepEqual(await fx.running.admin('admin/identities'), { value: [] });
    assert.deepEqual(await fx.running.admin('admin/rooms'), { value: [] });
    assert.equal((await send('GET', `/rooms/${room}?${ROOMS_V}`)).status, 404);
  });
});
