/**
 * Repeatability-Request-ID: a retry (same ID, same request) gets the first answer again and
 * changes nothing; the same ID for another request is a 409; malformed headers are a 400.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { acsRequest } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';

const V = 'api-version=2026-03-12';
const FIRST_SENT = new Date().toUTCString();

describe('Repeatability-Request-ID', () => {
  const fx = useEmulator({ connectDelayMs: 0 });
  const create = (
    id: string | undefined,
    phone = '+14255550123',
    firstSent: string | null = FIRST_SENT,
  ) =>
    acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: {
        targets: [{ kind: 'phoneNumber', phoneNumber: { value: phone } }],
        callbackUri: fx.listener.url(),
      },
      headers: {
        'repeatability-request-id': id,
        'repeatability-first-sent': firstSent ?? undefined,
      },
    });

  it('a repeated createCall is answered with the first call and creates no second one', async () => {
    const id = randomUUID();
    const first = await create(id);
    const again = await create(id);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.json.callConnectionId, first.json.callConnectionId);
    assert.equal(again.text, first.text);
    // The service's recordings: createCall answers carry no Repeatability-Result.
    assert.equal(first.headers['repeatability-result'], undefined);
    assert.equal(again.headers['repeatability-result'], undefined);
    // The repeated answer is the first one, its chain id (the call's correlationId) included.
    assert.equal(first.headers['x-microsoft-skype-chain-id'], first.json.correlationId);
    assert.equal(again.headers['x-microsoft-skype-chain-id'], first.json.correlationId);
    const callId = String(first.json.callConnectionId);
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === callId,
    );
    const calls = await fx.running.admin<{ value: { callConnectionId: string }[] }>('/admin/calls');
    assert.equal(calls.value.filter((c) => c.callConnectionId === callId).length, 1);
    assert.equal(calls.value.length, 1, 'the retry created no call');
    const journal = await fx.running.admin<{ value: { callConnectionId?: string }[] }>(
      `/admin/requests?operation=CreateCall`,
    );
    assert.deepEqual(
      journal.value.map((r) => r.callConnectionId),
      [callId, callId],
      'both requests are filed under the call',
    );
  });

  it('terminate and sendDtmfTones answer Repeatability-Result: accepted, as the service does', async () => {
    const created = await create(randomUUID());
    const id = String(created.json.callConnectionId);
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    const repeatable = {
      'repeatability-request-id': randomUUID(),
      'repeatability-first-sent': FIRST_SENT,
    };
    const sent = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections/${id}:sendDtmfTones?${V}`,
      body: { tones: ['one'], targetParticipant: { rawId: '4:+14255550123' } },
      headers: repeatable,
    });
    assert.equal(sent.status, 202, sent.text);
    assert.equal(sent.headers['repeatability-result'], 'accepted');
    const ended = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections/${id}:terminate?${V}`,
      headers: { 'repeatability-request-id': randomUUID(), 'repeatability-first-sent': FIRST_SENT },
    });
    assert.equal(ended.status, 204, ended.text);
    assert.equal(ended.headers['repeatability-result'], 'accepted');
  });

  it('a new ID is a new request', async () => {
    const a = await create(randomUUID());
    const b = await create(randomUUID());
    assert.notEqual(a.json.callConnectionId, b.json.callConnectionId);
  });

  it('the same ID with another body is a 409', async () => {
    const id = randomUUID();
    assert.equal((await create(id)).status, 201);
    const other = await create(id, '+14255550199');
    assert.equal(other.status, 409);
    assert.equal(other.json.error?.code, 'RepeatabilityConflict');
    assert.equal(other.headers['repeatability-result'], 'rejected');
  });

  it('malformed or lone headers are a 400 naming the header', async () => {
    const bad = await create('not-a-uuid');
    assert.equal(bad.status, 400);
    assert.match(
      bad.json.error?.message ?? '',
      /Repeatability-Request-ID 'not-a-uuid' is not a UUID/,
    );
    const lone = await create(randomUUID(), '+14255550123', null);
    assert.equal(lone.status, 400);
    assert.match(lone.json.error?.message ?? '', /go together/);
    const date = await create(randomUUID(), '+14255550123', 'yesterday-ish');
    assert.equal(date.status, 400);
    assert.match(date.json.error?.message ?? '', /is not an RFC 1123 date/);
  });

  it('operations without the headers in the swagger ignore them', async () => {
    const res = await acsRequest(fx.running.url, {
      method: 'GET',
      path: `/calling/callConnections/nope?${V}`,
      headers: { 'repeatability-request-id': 'not-a-uuid' },
    });
    assert.equal(res.status, 404);
  });
});
