/**
 * Event Grid subscriptions: --event-grid-webhook receives every Event Grid event type (IncomingCall
 * included), PUT/GET/DELETE /admin/event-subscriptions/{name} manage more with optional type
 * filters, --incoming-call-webhook keeps receiving IncomingCall only, and reset forgets only the
 * subscriptions added over the control API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminPost, adminRequest } from '../helpers/admin-client.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';

const INCOMING = 'Microsoft.Communication.IncomingCall';
const FILES = 'Microsoft.Communication.RecordingFileStatusUpdated';

describe('Event Grid subscriptions', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({
      eventGridWebhook: listener.url('/all'),
      incomingCallWebhook: listener.url('/incoming-only'),
    });
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });

  const subs = (method: 'GET' | 'PUT' | 'DELETE', path = '', body?: unknown) =>
    adminRequest<Record<string, unknown>>(
      running.url,
      method,
      `/admin/event-subscriptions${path}`,
      body,
    );

  it('adds, lists, replaces and removes subscriptions; refuses bad bodies and unknown names', async () => {
    const added = await subs('PUT', '/files', { url: listener.url('/files'), eventTypes: [FILES] });
    assert.equal(added.status, 201);
    assert.deepEqual(added.body.eventTypes, [FILES]);
    const short = await subs('PUT', '/files', {
      url: listener.url('/files'),
      eventTypes: ['RecordingFileStatusUpdated'],
    });
    assert.equal(short.status, 200, 'replacing answers 200');
    assert.deepEqual(
      short.body.eventTypes,
      [FILES],
      'short names get the Microsoft.Communication. prefix',
    );
    const list = await subs('GET');
    const names = (list.body.value as { name: string; fromSettings: boolean }[]).map(
      (s) => `${s.name}:${s.fromSettings}`,
    );
    assert.deepEqual(names, [
      'event-grid-webhook:true',
      'incoming-call-webhook:true',
      'files:false',
    ]);

    for (const body of [
      {},
      { url: 'not a url' },
      { url: listener.url(), eventTypes: [] },
      { url: listener.url(), extra: 1 },
    ]) {
      const res = await subs('PUT', '/bad', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((res.body.error as { code: string }).code, 'BadRequest');
    }
    assert.equal((await subs('PUT', '/bad name!', { url: listener.url() })).status, 400);
    assert.equal((await subs('DELETE', '/nope')).status, 404);
    assert.equal((await subs('GET', '/nope')).status, 404);
    assert.equal((await subs('GET', '/files')).status, 200);
  });

  it('IncomingCall goes to --event-grid-webhook and --incoming-call-webhook, not to a files-only subscription', async () => {
    const placed = await adminPost<{ incomingCallContext: string }>(
      running.url,
      '/admin/incoming-calls',
      {
        from: '4:+14255550123',
        to: '4:+14255550100',
      },
    );
    assert.equal(placed.status, 201);
    const context = placed.body.incomingCallContext;
    const got = await listener.waitForCount(
      (c) => c.event.kind === INCOMING && c.event.incomingCallContext === context,
      2,
      20_000,
    );
    assert.deepEqual(got.map((c) => c.path).sort(), ['/all', '/incoming-only']);
    // The files subscription saw nothing of it (Event Grid deliveries are journaled).
    const journal = await running.admin<{ value: { url: string; type: string }[] }>(
      '/admin/events',
    );
    assert.ok(!journal.value.some((r) => r.url.endsWith('/files') && r.type === INCOMING));
  });

  it('reset forgets control-API subscriptions and keeps the ones from settings', async () => {
    const res = await fetch(new URL('admin/reset', running.url), { method: 'POST' });
    assert.equal(res.status, 204);
    const names = ((await subs('GET')).body.value as { name: string }[]).map((s) => s.name);
    assert.deepEqual(names, ['event-grid-webhook', 'incoming-call-webhook']);
  });
});
