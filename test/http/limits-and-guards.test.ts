/** Caps, the admin key, the callback allow-list and slow clients: each refusal names its switch. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { acsRequest } from '../helpers/acs-request.js';
import { adminRequest } from '../helpers/admin-client.js';
import { startEmulator } from '../helpers/emulator.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { loadConfig } from '../../src/config.js';

const V = 'api-version=2026-03-12';
const target = (n: number) => ({
  kind: 'phoneNumber',
  phoneNumber: { value: `+1425555${String(n).padStart(4, '0')}` },
});
const createCall = (callbackUri: string, targets = [target(1)]) => ({
  method: 'POST',
  path: `/calling/callConnections?${V}`,
  body: { targets, callbackUri },
});

describe('caps', () => {
  const fx = useEmulator({ maxCalls: 2, maxParticipants: 3 });

  it('--max-participants refuses a larger call', async () => {
    const res = await acsRequest(
      fx.running.url,
      createCall(fx.listener.url(), [1, 2, 3, 4].map(target)),
    );
    assert.equal(res.status, 400);
    assert.equal(res.json.error?.code, 'ParticipantLimitReached');
    assert.match(
      res.json.error?.message ?? '',
      /4 participants; the limit is 3 \(--max-participants \/ ACS_EMULATOR_MAX_PARTICIPANTS\)/,
    );
  });

  it('--max-calls refuses a call beyond the cap, and ended calls make room', async () => {
    const a = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    const b = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    const refused = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error?.code, 'CallLimitReached');
    assert.match(refused.json.error?.message ?? '', /--max-calls \/ ACS_EMULATOR_MAX_CALLS/);

    const hangUp = await acsRequest(fx.running.url, {
      method: 'DELETE',
      path: `/calling/callConnections/${String(a.json.callConnectionId)}?${V}`,
    });
    assert.equal(hangUp.status, 204);
    const admitted = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    assert.equal(admitted.status, 201, 'the ended call was forgotten to make room');
    const forgotten = await fx.running.admin<{ error?: { code: string } }>(
      `/admin/calls/${String(a.json.callConnectionId)}`,
    );
    assert.equal(forgotten.error?.code, 'CallNotFound');
    const live = await fx.running.admin(`/admin/calls/${String(b.json.callConnectionId)}`);
    assert.equal(live.callConnectionId, b.json.callConnectionId, 'a live call is never dropped');
  });
});

describe('--max-calls holds for every way a call comes to exist', () => {
  const fx = useEmulator({ maxCalls: 1 });

  it('an answered incoming call counts, and a refused answer leaves the incoming call ringing', async () => {
    const created = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    assert.equal(created.status, 201);
    const placed = (
      await adminRequest<{ incomingCallContext: string }>(
        fx.running.url,
        'POST',
        '/admin/incoming-calls',
        { from: '4:+14255550100', to: '4:+14255550199' },
      )
    ).body;
    const answer = () =>
      acsRequest(fx.running.url, {
        method: 'POST',
        path: `/calling/callConnections:answer?${V}`,
        body: { incomingCallContext: placed.incomingCallContext, callbackUri: fx.listener.url() },
      });
    const refused = await answer();
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error?.code, 'CallLimitReached');
    const calls = await fx.running.admin<{ value: unknown[] }>('/admin/calls');
    assert.equal(calls.value.length, 1, 'no second live call');
    const incoming = await fx.running.admin<{ value: { status: string }[] }>(
      '/admin/incoming-calls',
    );
    assert.equal(incoming.value[0]?.status, 'ringing', 'the refused answer took nothing');

    const hangUp = await acsRequest(fx.running.url, {
      method: 'DELETE',
      path: `/calling/callConnections/${String(created.json.callConnectionId)}?${V}`,
    });
    assert.equal(hangUp.status, 204);
    const answered = await answer();
    assert.equal(answered.status, 200, 'the ended call made room for the answer');
  });
});

describe('admin key', () => {
  const fx = useEmulator({ adminKey: 'sesame-open-1234' });

  it('is required on /admin/* when set, but not on /health or the ACS API', async () => {
    const missing = await fetch(`${fx.running.url}admin/calls`);
    assert.equal(missing.status, 401);
    const body = (await missing.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'AdminKeyRequired');
    assert.match(body.error.message, /--admin-key \/ ACS_EMULATOR_ADMIN_KEY/);

    const wrong = await fetch(`${fx.running.url}admin/calls`, {
      headers: { 'x-admin-key': 'sesame-open-1235' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(
      ((await wrong.json()) as { error: { code: string } }).error.code,
      'AdminKeyInvalid',
    );

    assert.equal(
      (
        await fetch(`${fx.running.url}admin/calls`, {
          headers: { 'x-admin-key': 'sesame-open-1234' },
        })
      ).status,
      200,
    );
    assert.equal(
      (
        await fetch(`${fx.running.url}admin/calls`, {
          headers: { authorization: 'Bearer sesame-open-1234' },
        })
      ).status,
      200,
    );
    assert.equal((await fetch(`${fx.running.url}health`)).status, 200);
    const acs = await acsRequest(fx.running.url, {
      method: 'GET',
      path: `/calling/callConnections/x?${V}`,
    });
    assert.equal(acs.status, 404);
  });
});

describe('callback allow-list', () => {
  it('refuses callback URIs on other hosts, naming the switch', async () => {
    const running = await startEmulator({ callbackAllow: ['127.0.0.1', '*.example.test'] });
    try {
      const ok = await acsRequest(running.url, createCall('http://127.0.0.1:9/cb'));
      assert.equal(ok.status, 201);
      const sub = await acsRequest(running.url, createCall('https://hooks.example.test/cb'));
      assert.equal(sub.status, 201);
      const refused = await acsRequest(running.url, createCall('http://169.254.169.254/latest'));
      assert.equal(refused.status, 400);
      assert.match(
        refused.json.error?.message ?? '',
        /callbackUri host '169\.254\.169\.254' is not allowed; --callback-allow \(ACS_EMULATOR_CALLBACK_ALLOW\) permits 127\.0\.0\.1, \*\.example\.test/,
      );
      const id = String(ok.json.callConnectionId);
      const stop = await acsRequest(running.url, {
        method: 'POST',
        path: `/calling/callConnections/${id}:stopContinuousDtmfRecognition?${V}`,
        body: {
          targetParticipant: { rawId: '4:+14255550001' },
          operationCallbackUri: 'http://evil.test/x',
        },
      });
      assert.equal(stop.status, 400);
      assert.match(
        stop.json.error?.message ?? '',
        /operationCallbackUri host 'evil\.test' is not allowed/,
      );
    } finally {
      await running.stop();
    }
  });

  it('parses the list from flags and env, refusing junk', () => {
    assert.deepEqual(
      loadConfig(['--callback-allow', 'App.local:8080, *.corp.test'], {}).callbackAllow,
      ['app.local:8080', '*.corp.test'],
    );
    assert.deepEqual(loadConfig([], { ACS_EMULATOR_CALLBACK_ALLOW: 'a.test' }).callbackAllow, [
      'a.test',
    ]);
    assert.throws(
      () => loadConfig(['--callback-allow', 'http://x/'], {}),
      /--callback-allow: --callback-allow has 'http:\/\/x\/'/,
    );
  });
});

describe('slow clients', () => {
  const fx = useEmulator();

  it('a half-sent request does not block others', async () => {
    const stalled = net.connect(fx.running.port, '127.0.0.1');
    await new Promise<void>((resolve) => stalled.on('connect', resolve));
    stalled.write(
      `POST /calling/callConnections?${V} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"tar`,
    );
    try {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${fx.running.url}health`);
        assert.equal(res.status, 200);
      }
    } finally {
      stalled.destroy();
    }
  });
});

describe('pending callbacks cap', () => {
  const fx = useEmulator({
    maxPendingCallbacks: 2,
    connectDelayMs: 600_000,
    deliveryTimeoutMs: 60_000,
  });

  it('answers 429 with Retry-After once the cap is reached, naming the switch; GETs still work', async () => {
    // A webhook that never answers keeps every callback pending.
    const silent = net.createServer((socket) => void socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/cb`;
    try {
      const a = await acsRequest(fx.running.url, createCall(url));
      assert.equal(a.status, 201);
      const id = String(a.json.callConnectionId);
      for (const phone of [1, 2]) {
        const hangUp = await acsRequest(fx.running.url, createCall(url, [target(phone)]));
        assert.equal(hangUp.status, 201);
        const ended = await acsRequest(fx.running.url, {
          method: 'DELETE',
          path: `/calling/callConnections/${String(hangUp.json.callConnectionId)}?${V}`,
        });
        assert.ok(ended.status === 204 || ended.status === 429, String(ended.status));
      }
      const refused = await acsRequest(fx.running.url, createCall(url));
      assert.equal(refused.status, 429);
      assert.equal(refused.headers['retry-after'], '1');
      assert.equal(refused.json.error?.code, 'TooManyPendingCallbacks');
      assert.match(
        refused.json.error?.message ?? '',
        /--max-pending-callbacks \/ ACS_EMULATOR_MAX_PENDING_CALLBACKS/,
      );
      const get = await acsRequest(fx.running.url, {
        method: 'GET',
        path: `/calling/callConnections/${id}?${V}`,
      });
      assert.equal(get.status, 200);
    } finally {
      await fx.running.emulator.stop(0);
      silent.close();
    }
  });
});
