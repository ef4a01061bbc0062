/**
 * GET /admin/stream over a real socket: the text/event-stream format, a snapshot first, live
 * changes with ids, catch-up after Last-Event-ID (or a snapshot when the id is not ours), reset,
 * and the admin key.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStream, type SseConnection } from '../helpers/sse-client.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';

const json = { 'content-type': 'application/json' };

describe('GET /admin/stream', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  const open: SseConnection[] = [];
  const stream = async (headers: Record<string, string> = {}) => {
    const connection = await openStream(new URL('admin/stream', running.url).href, headers);
    open.push(connection);
    return connection;
  };

  before(async () => {
    running = await startEmulator({ clock: 'manual', connectDelayMs: 100 });
    listener = await startCallbackListener();
  });
  after(async () => {
    for (const c of open) c.close();
    await running.stop();
    await listener.close();
  });

  it('starts with retry and a snapshot, then streams calls, requests, callbacks and caller actions with increasing ids', async () => {
    const live = await stream();
    assert.equal(live.status, 200);
    assert.match(live.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(live.headers.get('cache-control'), 'no-cache, no-transform');
    const snapshot = await live.waitFor((e) => e.event === 'snapshot');
    assert.equal(live.retry, 2000);
    assert.match(
      live.raw(),
      /^retry: 2000\n\nid: [A-Za-z0-9]+-\d+\nevent: snapshot\ndata: \{.*\}\n\n/,
    );
    for (const field of ['calls', 'incomingCalls', 'requests', 'callbacks', 'callerActions'])
      assert.ok(Array.isArray(snapshot.json[field]), `snapshot has ${field}`);
    assert.deepEqual(snapshot.json.clock, { mode: 'manual', now: '2026-03-12T10:00:00.000Z' });
    assert.deepEqual(snapshot.json.faults, { value: [], seed: running.emulator.faults.rules.seed });

    const created = await running
      .client()
      .createCall({ targetParticipant: { phoneNumber: '+14255550123' } }, listener.url());
    const id = created.callConnectionProperties.callConnectionId as string;
    const call = await live.waitFor((e) => e.event === 'call');
    assert.equal(call.json.callConnectionId, id);
    assert.equal(call.json.callConnectionState, 'connecting');
    const request = await live.waitFor((e) => e.event === 'request');
    assert.match(String(request.json.key), /^r\d+$/);
    const record = request.json.record as Record<string, unknown>;
    assert.equal(record.operation, 'CreateCall');
    assert.equal(record.status, 201);
    assert.equal(record.callConnectionId, id);

    const advanced = await fetch(new URL('admin/clock/advance', running.url), {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ms: 100 }),
    });
    assert.equal(advanced.status, 200);
    await live.waitFor((e) => e.event === 'clock' && e.json.now === '2026-03-12T10:00:00.100Z');
    await live.waitFor((e) => e.event === 'call' && e.json.callConnectionState === 'connected');
    // The callback shows up when produced and again with each delivery attempt, under one key.
    const delivered = await live.waitFor(
      (e) =>
        e.event === 'callback' &&
        (e.json.record as { status: string; type: string }).status === 'delivered',
    );
    const key = delivered.json.key;
    const sameKey = live.events.filter((e) => e.event === 'callback' && e.json.key === key);
    assert.ok(sameKey.length >= 2, 'added, then changed');
    assert.equal(
      (sameKey[0]?.json.record as { type: string }).type,
      'Microsoft.Communication.CallConnected',
    );

    const pressed = await fetch(new URL(`admin/calls/${id}/dtmf`, running.url), {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ tones: '12#', intervalMs: 0 }),
    });
    assert.equal(pressed.status, 202);
    const caller = await live.waitFor((e) => e.event === 'caller');
    assert.equal((caller.json.record as { action: string }).action, 'dtmf');
    assert.deepEqual((caller.json.record as { detail: { tones: string[] } }).detail.tones, [
      'one',
      'two',
      'pound',
    ]);

    const ids = live.events.map((e) => Number(e.id?.split('-')[1]));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => a - b),
      'ids increase',
    );
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    live.close();
  });

  it('a client that reconnects with Last-Event-ID gets exactly what it missed, with no snapshot', async () => {
    const first = await stream();
    const snapshot = await first.waitFor((e) => e.event === 'snapshot');
    first.close();
    const rule = await fetch(new URL('admin/faults', running.url), {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        id: 'missed',
        match: { operation: 'CreateCall' },
        action: { type: 'error', status: 500 },
      }),
    });
    assert.equal(rule.status, 201);
    const removed = await fetch(new URL('admin/faults/missed', running.url), { method: 'DELETE' });
    assert.equal(removed.status, 204);

    const again = await stream({ 'last-event-id': snapshot.id as string });
    const faults = await again.waitFor(
      (e) => e.event === 'faults' && (e.json.value as unknown[]).length === 0,
    );
    const events = again.events.slice(0, again.events.indexOf(faults) + 1);
    assert.deepEqual(
      events.map((e) => e.event),
      ['faults', 'faults'],
      'the two changes it missed, in order, and nothing else',
    );
    assert.deepEqual(
      (events[0]?.json.value as { id: string }[]).map((r) => r.id),
      ['missed'],
    );
    const [, seq] = (snapshot.id as string).split('-');
    assert.equal(events[0]?.id, `${(snapshot.id as string).split('-')[0]}-${Number(seq) + 1}`);
  });

  it('an id that is not from this run (or too old) gets a fresh snapshot', async () => {
    for (const lastEventId of ['other-3', 'nonsense', `${'x'.repeat(8)}-99999999`]) {
      const connection = await stream({ 'last-event-id': lastEventId });
      const first = await connection.waitFor(() => true);
      assert.equal(first.event, 'snapshot', lastEventId);
      connection.close();
    }
  });

  it('reset reaches the stream after everything is forgotten', async () => {
    const live = await stream();
    await live.waitFor((e) => e.event === 'snapshot');
    const reset = await fetch(new URL('admin/reset', running.url), { method: 'POST' });
    assert.equal(reset.status, 204);
    await live.waitFor((e) => e.event === 'reset');
    const fresh = await stream();
    const snapshot = await fresh.waitFor((e) => e.event === 'snapshot');
    assert.deepEqual(snapshot.json.calls, []);
    assert.deepEqual(snapshot.json.callerActions, []);
  });
});

describe('GET /admin/stream with --admin-key', () => {
  let running: RunningEmulator;
  before(async () => {
    running = await startEmulator({ adminKey: 'stream-key-123' });
  });
  after(() => running.stop());

  it('refuses a missing or wrong key with the control API error, and streams with the right one', async () => {
    const url = new URL('admin/stream', running.url).href;
    const missing = await openStream(url);
    assert.equal(missing.status, 401);
    const wrong = await openStream(url, { 'x-admin-key': 'nope-nope-nope' });
    assert.equal(wrong.status, 401);
    const keyed: Record<string, string>[] = [
      { 'x-admin-key': 'stream-key-123' },
      { authorization: 'Bearer stream-key-123' },
    ];
    for (const headers of keyed) {
      const ok = await openStream(url, headers);
      assert.equal(ok.status, 200);
      await ok.waitFor((e) => e.event === 'snapshot');
      ok.close();
    }
    const body = (await (await fetch(url)).json()) as { error: { code: string } };
    assert.equal(body.error.code, 'AdminKeyRequired');
  });
});
