/**
 * Issue 19, defect 5: --max-pending-callbacks bounds each destination, so a dead webhook never
 * refuses a healthy app; every producer meets it (the control API's presses too); a hang-up is
 * never refused.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { acsRequest } from '../helpers/acs-request.js';
import { adminPost } from '../helpers/admin-client.js';
import { useEmulator } from '../helpers/use-emulator.js';

const V = 'api-version=2026-03-12';
const createCall = (callbackUri: string) => ({
  method: 'POST',
  path: `/calling/callConnections?${V}`,
  body: { targets: [{ kind: 'phoneNumber', phoneNumber: { value: '+14255550123' } }], callbackUri },
});

describe('the pending-callbacks bound is per destination', () => {
  // Each call sends CallConnected and ParticipantsUpdated: a bound of 5 admits three dead calls.
  const fx = useEmulator({ maxPendingCallbacks: 5, deliveryTimeoutMs: 60_000 });

  it('a dead webhook fills only its own bound; healthy apps, hang-ups and the caller work on', async () => {
    // A webhook that never answers keeps every callback to it pending.
    const silent = net.createServer((socket) => void socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/cb`;
    const { delivery } = fx.running.emulator;
    try {
      const deadCalls: string[] = [];
      let refused: Awaited<ReturnType<typeof acsRequest>> | undefined;
      for (let i = 0; i < 10 && !refused; i++) {
        const res = await acsRequest(fx.running.url, createCall(dead));
        if (res.status === 429) refused = res;
        else {
          assert.equal(res.status, 201);
          deadCalls.push(String(res.json.callConnectionId));
          // Wait for CallConnected to be queued, so the count grows.
          for (let n = 0; n < 200 && delivery.pendingTo(dead) < deadCalls.length; n++)
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      assert.ok(refused, 'the dead destination reached its bound');
      assert.equal(refused.json.error?.code, 'TooManyPendingCallbacks');
      assert.match(refused.json.error?.message ?? '', new RegExp(`to ${new URL(dead).origin}`));

      // A healthy app is not refused (the old global cap answered 429 here).
      const healthy = await acsRequest(fx.running.url, createCall(fx.listener.url()));
      assert.equal(healthy.status, 201);
      const healthyId = String(healthy.json.callConnectionId);
      await fx.listener.waitFor(
        (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === healthyId,
      );
      const pressed = await adminPost(fx.running.url, `/admin/calls/${healthyId}/dtmf`, {
        tones: '1',
      });
      assert.equal(pressed.status, 202);

      // The caller's presses on a call of the dead webhook meet the bound (every producer counts).
      const press = await adminPost(fx.running.url, `/admin/calls/${deadCalls[0]}/dtmf`, {
        tones: '1',
      });
      assert.equal(press.status, 429);

      // Hang-ups are never refused: the app's and the caller's.
      const hangUp = await acsRequest(fx.running.url, {
        method: 'DELETE',
        path: `/calling/callConnections/${deadCalls[0]}?${V}`,
      });
      assert.equal(hangUp.status, 204);
      const terminate = await acsRequest(fx.running.url, {
        method: 'POST',
        path: `/calling/callConnections/${deadCalls[1]}:terminate?${V}`,
        body: {},
      });
      assert.equal(terminate.status, 204);
      const callerHangUp = await adminPost(
        fx.running.url,
        `/admin/calls/${deadCalls[2]}/hang-up`,
        {},
      );
      assert.equal(callerHangUp.status, 202);
    } finally {
      await fx.running.emulator.stop(0);
      silent.close();
    }
  });
});
