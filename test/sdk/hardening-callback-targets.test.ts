/**
 * Issue 19, defect 3: callbacks never go back into the emulator nor to link-local addresses
 * unless a setting allows it, and every URL the emulator POSTs to passes the same check.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acsRequest } from '../helpers/acs-request.js';
import { adminGet, adminPost, adminRequest } from '../helpers/admin-client.js';
import { startEmulator } from '../helpers/emulator.js';
import { useEmulator } from '../helpers/use-emulator.js';

const V = 'api-version=2026-03-12';
const createCall = (callbackUri: string) => ({
  method: 'POST',
  path: `/calling/callConnections?${V}`,
  body: { targets: [{ kind: 'phoneNumber', phoneNumber: { value: '+14255550123' } }], callbackUri },
});

describe('callback URLs that point back at the emulator or at link-local addresses', () => {
  const fx = useEmulator({ callbackAllow: [] });

  it('a callbackUri at the emulator itself is refused, naming the switch; no call is wiped', async () => {
    const live = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    assert.equal(live.status, 201);
    const port = fx.running.port;
    for (const host of [
      '127.0.0.1',
      'localhost',
      '[::1]',
      '0.0.0.0',
      '127.0.0.2',
      '[::ffff:127.0.0.1]',
    ]) {
      const res = await acsRequest(
        fx.running.url,
        createCall(`http://${host}:${port}/admin/reset`),
      );
      assert.equal(res.status, 400, host);
      assert.match(res.json.error?.message ?? '', /emulator's own address/, host);
      assert.match(
        res.json.error?.message ?? '',
        /--callback-allow-self \(ACS_EMULATOR_CALLBACK_ALLOW_SELF=true\)/,
      );
    }
    const still = await fx.running.admin(`/admin/calls/${String(live.json.callConnectionId)}`);
    assert.equal(still.callConnectionId, live.json.callConnectionId);
  });

  it('link-local hosts (cloud metadata) are refused, naming the switch', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/cb',
      'http://[::ffff:169.254.169.254]/cb',
    ]) {
      const res = await acsRequest(fx.running.url, createCall(url));
      assert.equal(res.status, 400, url);
      assert.match(
        res.json.error?.message ?? '',
        /link-local.*--callback-allow-link-local \(ACS_EMULATOR_CALLBACK_ALLOW_LINK_LOCAL=true\)/,
      );
    }
  });

  it('operationCallbackUri gets the same check', async () => {
    const live = await acsRequest(fx.running.url, createCall(fx.listener.url()));
    const id = String(live.json.callConnectionId);
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    const res = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections/${id}:startContinuousDtmfRecognition?${V}`,
      body: {
        targetParticipant: { kind: 'phoneNumber', phoneNumber: { value: '+14255550123' } },
        operationCallbackUri: `http://127.0.0.1:${fx.running.port}/admin/reset`,
      },
    });
    assert.equal(res.status, 400);
    assert.match(res.json.error?.message ?? '', /operationCallbackUri/);
  });

  it('the incoming-call webhookUrl gets the same check', async () => {
    const res = await adminPost(fx.running.url, '/admin/incoming-calls', {
      from: '4:+14255550100',
      to: '8:acs:resource_user',
      webhookUrl: `http://localhost:${fx.running.port}/admin/reset`,
    });
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.body), /--callback-allow-self/);
    const metadata = await adminPost(fx.running.url, '/admin/incoming-calls', {
      from: '4:+14255550100',
      to: '8:acs:resource_user',
      webhookUrl: 'http://169.254.169.254/',
    });
    assert.equal(metadata.status, 400);
  });
});

describe('the switches and the allow-list', () => {
  it('--callback-allow-self and --callback-allow-link-local let them through', async () => {
    const running = await startEmulator({ callbackAllowSelf: true, callbackAllowLinkLocal: true });
    try {
      const self = await acsRequest(running.url, createCall(`http://127.0.0.1:${running.port}/x`));
      assert.equal(self.status, 201);
      const linkLocal = await acsRequest(running.url, createCall('http://169.254.169.254/x'));
      assert.equal(linkLocal.status, 201);
      await running.emulator.delivery.close();
    } finally {
      await running.stop();
    }
  });

  it('--callback-allow applies to the incoming-call webhookUrl', async () => {
    const running = await startEmulator({ callbackAllow: ['hooks.example.com'] });
    try {
      const res = await adminPost(running.url, '/admin/incoming-calls', {
        from: '4:+14255550100',
        to: '8:acs:resource_user',
        webhookUrl: 'http://127.0.0.1:9/other',
      });
      assert.equal(res.status, 400);
      assert.match(JSON.stringify(res.body), /--callback-allow \(ACS_EMULATOR_CALLBACK_ALLOW\)/);
    } finally {
      await running.stop();
    }
  });

  it('an Event Grid subscription at the emulator is refused, and delivery refuses it too, never POSTed', async () => {
    const running = await startEmulator({});
    try {
      // Subscriptions (the settings' webhooks and PUT /admin/event-subscriptions) get the check.
      const subscribed = await adminRequest(running.url, 'PUT', '/admin/event-subscriptions/self', {
        url: `http://127.0.0.1:${running.port}/admin/reset`,
      });
      assert.equal(subscribed.status, 400);
      assert.match(JSON.stringify(subscribed.body), /emulator's own address/);
      // A producer that skips the request check still meets the delivery check.
      const record = running.emulator.delivery.enqueueEventGrid(
        `http://127.0.0.1:${running.port}/admin/reset`,
        {
          id: 'e1',
          topic: 't',
          subject: 's',
          eventType: 'Microsoft.Communication.IncomingCall',
          eventTime: new Date().toISOString(),
          data: {},
          dataVersion: '1.0',
          metadataVersion: '1',
        } as never,
      );
      for (let i = 0; i < 200 && record.status === 'pending'; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(record.status, 'failed');
      assert.match(record.attempts[0]?.error ?? '', /emulator's own address/);
      const calls = await adminGet<{ value: unknown[] }>(running.url, '/admin/incoming-calls');
      assert.equal(calls.status, 200);
    } finally {
      await running.stop();
    }
  });
});
