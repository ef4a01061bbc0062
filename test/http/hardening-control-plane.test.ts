/**
 * Issue 19, defects 1 and 2: one control request cannot queue unbounded work, and the control
 * API cannot be driven by a web page of another site or reached from the network unannounced.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { createEmulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';
import { useEmulator } from '../helpers/use-emulator.js';

const V = 'api-version=2026-03-12';

async function placeCall(fx: ReturnType<typeof useEmulator>): Promise<string> {
  const created = await fx.running
    .client()
    .createCall({ targetParticipant: { phoneNumber: '+14255550123' } }, fx.listener.url());
  const id = created.callConnectionProperties.callConnectionId as string;
  await fx.listener.waitFor(
    (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
  );
  return id;
}

describe('tones per control request (--max-caller-tones)', () => {
  const fx = useEmulator({ maxCallerTones: 5 });

  it('answers 400 naming the switch past the cap, and presses nothing', async () => {
    const id = await placeCall(fx);
    const before = fx.running.emulator.delivery.journal.size;
    const res = await request(fx.running.emulator.app)
      .post(`/admin/calls/${id}/dtmf`)
      .send({ tones: '123456', intervalMs: 0 })
      .expect(400);
    assert.equal(res.body.error.code, 'BadRequest');
    assert.match(res.body.error.message, /6 keys; one request may press at most 5/);
    assert.match(res.body.error.message, /--max-caller-tones \/ ACS_EMULATOR_MAX_CALLER_TONES/);
    assert.equal(fx.running.emulator.delivery.journal.size, before, 'no event was queued');
    await request(fx.running.emulator.app)
      .post(`/admin/calls/${id}/dtmf`)
      .send({ tones: ['one', 'two', 'three', 'four', 'five'], intervalMs: 0 })
      .expect(202);
  });
});

describe('the control API refuses browsers of other sites', () => {
  const fx = useEmulator();

  it('a text/plain POST to /admin/reset (what any web page may send) is refused and resets nothing', async () => {
    const id = await placeCall(fx);
    const res = await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('content-type', 'text/plain')
      .send('{}')
      .expect(400);
    assert.match(res.body.error.message, /Content-Type: application\/json/);
    await request(fx.running.emulator.app).get(`/admin/calls/${id}`).expect(200);
  });

  it('a form POST is refused too', async () => {
    await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('a=1')
      .expect(400);
  });

  it('a write with a foreign Origin or a cross-site Sec-Fetch-Site gets 403, even as JSON', async () => {
    const id = await placeCall(fx);
    const foreign = await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('origin', 'https://evil.example')
      .set('content-type', 'application/json')
      .send('{}')
      .expect(403);
    assert.equal(foreign.body.error.code, 'CrossSiteRequestRefused');
    assert.match(foreign.body.error.message, /Origin: https:\/\/evil\.example/);
    const nullOrigin = await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('origin', 'null')
      .expect(403);
    assert.equal(nullOrigin.body.error.code, 'CrossSiteRequestRefused');
    const site = await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('sec-fetch-site', 'cross-site')
      .expect(403);
    assert.match(site.body.error.message, /Sec-Fetch-Site: cross-site/);
    await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('sec-fetch-site', 'same-site')
      .expect(403);
    await request(fx.running.emulator.app).get(`/admin/calls/${id}`).expect(200);
  });

  it('its own pages, scripts and reads still work', async () => {
    const host = new URL(fx.running.url).host;
    await request(fx.running.emulator.app)
      .get('/admin/calls')
      .set('origin', 'https://evil.example')
      .expect(200);
    await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('origin', `http://${host}`)
      .set('host', host)
      .set('sec-fetch-site', 'same-origin')
      .set('content-type', 'application/json')
      .send('{}')
      .expect(204);
    await request(fx.running.emulator.app).post('/admin/reset').expect(204);
    await request(fx.running.emulator.app)
      .post('/admin/reset')
      .set('content-type', 'application/json; charset=utf-8')
      .expect(204);
  });

  it('ACS routes are not affected (the SDK sends no Origin)', async () => {
    const res = await request(fx.running.emulator.app)
      .get(`/calling/callConnections/nope?${V}`)
      .set('origin', 'https://evil.example');
    assert.notEqual(res.status, 403);
  });
});

describe('a control API open to the network is announced', () => {
  it('on a non-loopback bind without --admin-key, /health carries the warning', async () => {
    const emulator = createEmulator(testConfig({ host: '0.0.0.0' }));
    const res = await request(emulator.app).get('/health').expect(200);
    assert.equal(res.body.controlPlane.protected, false);
    assert.equal(res.body.controlPlane.networkBound, true);
    assert.match(res.body.controlPlane.warning, /--admin-key \(ACS_EMULATOR_ADMIN_KEY\)/);
    await emulator.stop(0);
  });

  it('with a key, or on loopback, there is no warning', async () => {
    for (const config of [
      testConfig({ host: '0.0.0.0', adminKey: 'k' }),
      testConfig({ host: '127.0.0.1' }),
      testConfig({ host: 'localhost' }),
      testConfig({ host: '::1' }),
    ]) {
      const emulator = createEmulator(config);
      const res = await request(emulator.app).get('/health').expect(200);
      assert.equal(res.body.controlPlane.warning, undefined, config.host);
      await emulator.stop(0);
    }
  });

  it('the start-up log says it loudly, once, and only when open', async () => {
    const { default: pino } = await import('pino');
    const lines: { level: number; msg: string }[] = [];
    const logger = pino(
      { level: 'info' },
      {
        write: (line: string) =>
          void lines.push(JSON.parse(line) as { level: number; msg: string }),
      },
    );
    const closed = createEmulator(testConfig({ host: '127.0.0.1' }), { logger });
    assert.equal(lines.filter((l) => l.msg.startsWith('SECURITY')).length, 0);
    await closed.stop(0);
    const open = createEmulator(testConfig({ host: '0.0.0.0' }), { logger });
    const warnings = lines.filter((l) => l.msg.startsWith('SECURITY'));
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0]?.level, 40, 'a warning');
    assert.match(warnings[0]?.msg ?? '', /open to anyone who can reach 0\.0\.0\.0/);
    await open.stop(0);
  });
});
