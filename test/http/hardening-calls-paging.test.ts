/**
 * Issue 19, defect 10: GET /admin/calls pages with `top`/`skip` and a `nextLink`, as the
 * service's list APIs do; unpaged it keeps its shape. --max-calls forgets the call that ended
 * first, whatever order the calls were created in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import { useEmulator } from '../helpers/use-emulator.js';

describe('GET /admin/calls paging', () => {
  const fx = useEmulator({ maxCalls: 3 });

  it('pages with top/skip and nextLink; refuses bad values; unpaged is unchanged', async () => {
    const app = fx.running.emulator.app;
    const client = fx.running.client();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await client.createCall(
        { targetParticipant: { phoneNumber: `+1425555012${i}` } },
        fx.listener.url(),
      );
      ids.push(created.callConnectionProperties.callConnectionId as string);
    }
    const all = await request(app).get('/admin/calls').expect(200);
    assert.deepEqual(Object.keys(all.body), ['value']);
    assert.equal(all.body.value.length, 3);

    const first = await request(app).get('/admin/calls?top=2').expect(200);
    assert.deepEqual(
      first.body.value.map((c: { callConnectionId: string }) => c.callConnectionId),
      ids.slice(0, 2),
    );
    assert.equal(first.body.nextLink, '/admin/calls?top=2&skip=2');
    const second = await request(app).get(first.body.nextLink).expect(200);
    assert.deepEqual(
      second.body.value.map((c: { callConnectionId: string }) => c.callConnectionId),
      ids.slice(2),
    );
    assert.equal(second.body.nextLink, undefined);
    for (const bad of ['top=0', 'top=x', 'top=1001', 'skip=-1', 'top=1&top=2']) {
      const res = await request(app).get(`/admin/calls?${bad}`).expect(400);
      assert.match(res.body.error.message, /Query parameter '(top|skip)'/);
    }

    // --max-calls: the call that ended first goes first (ended in the order 2, 0).
    for (const id of [ids[2], ids[0]])
      await request(app).post(`/admin/calls/${id}/hang-up`).send({}).expect(202);
    await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550199' } },
      fx.listener.url(),
    );
    await request(app).get(`/admin/calls/${ids[2]}`).expect(404);
    await request(app).get(`/admin/calls/${ids[0]}`).expect(200);
    await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550198' } },
      fx.listener.url(),
    );
    await request(app).get(`/admin/calls/${ids[0]}`).expect(404);
    await request(app).get(`/admin/calls/${ids[1]}`).expect(200);
  });
});
