/**
 * Issue 19, defect 6: callback URLs with credentials or `?code=` values, and the x-admin-key
 * header, never appear raw in the logs (the shutdown line included), /admin/events, /admin/calls
 * or /admin/requests.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pino from 'pino';
import { createEmulator } from '../../src/emulator.js';
import { acsRequest } from '../helpers/acs-request.js';
import { testConfig } from '../helpers/emulator.js';

const V = 'api-version=2026-03-12';
const SECRETS = ['s3cr3t-code', 'p4ssw0rd', 'adm1n-k3y'];

describe('secrets in callback URLs and headers', () => {
  it('are masked in every admin view and log line, the shutdown line included', async () => {
    const silent = net.createServer((socket) => void socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const callbackUri = `http://app:p4ssw0rd@127.0.0.1:${port}/api/cb?code=s3cr3t-code`;
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const emulator = createEmulator(
      testConfig({ deliveryTimeoutMs: 60_000, adminKey: 'adm1n-k3y' }),
      { logger },
    );
    const { url } = await emulator.start();
    const admin = async (path: string) => {
      const res = await fetch(new URL(path, url), { headers: { 'x-admin-key': 'adm1n-k3y' } });
      assert.equal(res.status, 200, path);
      return res.text();
    };
    try {
      const created = await acsRequest(url, {
        method: 'POST',
        path: `/calling/callConnections?${V}`,
        headers: { 'x-admin-key': 'adm1n-k3y' },
        body: {
          targets: [{ kind: 'phoneNumber', phoneNumber: { value: '+14255550123' } }],
          callbackUri,
        },
      });
      assert.equal(created.status, 201);
      const id = String(created.json.callConnectionId);
      for (let i = 0; i < 400 && emulator.delivery.journal.size === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const views = {
        events: await admin('admin/events'),
        calls: await admin('admin/calls'),
        call: await admin(`admin/calls/${id}`),
        requests: await admin('admin/requests'),
      };
      for (const [name, text] of Object.entries(views)) {
        for (const secret of SECRETS) assert.ok(!text.includes(secret), `${name} shows ${secret}`);
      }
      assert.match(views.events, /code=\*\*\*/, 'the query name stays, its value goes');
      assert.match(views.calls, /127\.0\.0\.1:\d+\/api\/cb\?code=\*\*\*/);
      assert.match(views.requests, /"x-admin-key":"\(redacted\)"/);
    } finally {
      await emulator.stop(0);
      silent.close();
    }
    const shutdown = lines.find((l) => l.includes('undelivered'));
    assert.ok(shutdown, 'the shutdown line names the undelivered callback');
    assert.match(shutdown, /api\/cb\?code=\*\*\*/);
    for (const line of lines)
      for (const secret of SECRETS)
        assert.ok(!line.includes(secret), `log shows ${secret}: ${line}`);
  });
});
