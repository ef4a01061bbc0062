/** /admin/requests keeps the error body the emulator sent back, so a rejection can be debugged. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acsRequest } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';

interface Recorded {
  status: number;
  operation?: string;
  error?: { code: string; message: string };
}

describe('request journal', () => {
  const fx = useEmulator({}, { resetEach: true });

  it('keeps the error body of a refused request, and none for an accepted one', async () => {
    const refused = await acsRequest(fx.running.url, {
      method: 'POST',
      path: '/calling/callConnections?api-version=2026-03-12',
      body: { targets: [], callbackUri: fx.listener.url() },
    });
    assert.equal(refused.status, 400);
    const accepted = await acsRequest(fx.running.url, {
      method: 'POST',
      path: '/calling/callConnections?api-version=2026-03-12',
      body: { targets: [{ rawId: '4:+14255550123' }], callbackUri: fx.listener.url() },
    });
    assert.equal(accepted.status, 201);

    const records = await fx.running.admin<{ value: Recorded[] }>('/admin/requests');
    const [first, second] = records.value;
    assert.equal(first?.status, 400);
    assert.deepEqual(first?.error, refused.json.error, 'the same body the client got');
    assert.equal(second?.status, 201);
    assert.equal(second?.error, undefined);
  });
});
