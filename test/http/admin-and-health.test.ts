/** The first control-API routes and the health check, over supertest on the app itself. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { useEmulator } from '../helpers/use-emulator.js';

describe('control API and health', () => {
  const fx = useEmulator();

  it('GET /health answers without auth', async () => {
    const res = await request(fx.running.emulator.app).get('/health').expect(200);
    assert.equal(res.body.status, 'ok');
    assert.equal(typeof res.body.version, 'string');
  });

  it('GET /admin/calls/{id} shows state, participants and recognition; /admin/events lists callbacks; reset forgets', async () => {
    const client = fx.running.client();
    const created = await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550123' } },
      fx.listener.url(),
      { operationContext: 'c' },
    );
    const id = created.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    await created.callConnection
      .getCallMedia()
      .startContinuousDtmfRecognition({ phoneNumber: '+14255550123' }, { operationContext: 'go' });

    const call = await request(fx.running.emulator.app).get(`/admin/calls/${id}`).expect(200);
    assert.equal(call.body.callConnectionState, 'connected');
    assert.deepEqual(call.body.participants, [
      {
        identifier: {
          kind: 'phoneNumber',
          rawId: '4:+14255550123',
          phoneNumber: { value: '+14255550123', isAnonymous: false },
        },
        isMuted: false,
        isOnHold: false,
        state: 'connected',
        continuousDtmfRecognition: { active: true, operationContext: 'go' },
      },
    ]);

    const events = await request(fx.running.emulator.app)
      .get(`/admin/events?callConnectionId=${id}&type=CallConnected`)
      .expect(200);
    assert.equal(events.body.value.length, 1);
    const [record] = events.body.value;
    assert.equal(record.type, 'Microsoft.Communication.CallConnected');
    assert.equal(record.url, fx.listener.url());
    assert.equal(record.status, 'delivered');
    assert.equal(record.attempts[0].status, 200);
    assert.equal(record.event.data.callConnectionId, id);

    const bad = await request(fx.running.emulator.app).get('/admin/events?status=lost').expect(400);
    assert.equal(bad.body.error.code, 'BadRequest');

    await request(fx.running.emulator.app).post('/admin/reset').expect(204);
    const gone = await request(fx.running.emulator.app).get(`/admin/calls/${id}`).expect(404);
    assert.equal(gone.body.error.code, 'CallNotFound');
    const none = await request(fx.running.emulator.app).get('/admin/events').expect(200);
    assert.deepEqual(none.body.value, []);
  });

  it('clock advance is refused on the system clock', async () => {
    const res = await request(fx.running.emulator.app)
      .post('/admin/clock/advance')
      .send({ ms: 10 })
      .expect(409);
    assert.match(res.body.error.message, /--clock manual/);
  });
});
