/**
 * A typo in a control-API query is a 400 that lists what is known, on every admin route: before,
 * `/admin/events/wait?typ=PlayCompleted` matched the first event of any type at once, and a
 * misspelled event type waited out the whole timeout.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useEmulator } from '../helpers/use-emulator.js';

interface ErrorBody {
  error: { code: string; message: string; target?: string };
}

describe('control-API query typos', () => {
  const fx = useEmulator();

  const get = async (path: string) => {
    const res = await fetch(new URL(path, fx.running.url));
    return { status: res.status, body: (await res.json()) as ErrorBody };
  };

  it('an unknown query parameter on /admin/events/wait is a 400 naming the known ones', async () => {
    const { status, body } = await get('admin/events/wait?typ=PlayCompleted&timeoutMs=10');
    assert.equal(status, 400);
    assert.equal(body.error.target, 'typ');
    assert.match(
      body.error.message,
      /known: callConnectionId, type, status, operationContext, timeoutMs/,
    );
  });

  it('a misspelled event type is a 400 listing the events, not a wait', async () => {
    const { status, body } = await get('admin/events/wait?type=PlayComplete&timeoutMs=60000');
    assert.equal(status, 400);
    assert.equal(body.error.target, 'type');
    assert.match(body.error.message, /PlayCompleted/);
    assert.match(body.error.message, /IncomingCall/);
  });

  it('a full event type and a short one are both known', async () => {
    for (const type of ['CallConnected', 'Microsoft.Communication.CallConnected', 'IncomingCall'])
      assert.equal((await get(`admin/events?type=${type}`)).status, 200, type);
  });

  it('every admin route refuses parameters it does not read', async () => {
    for (const path of [
      'admin/events?callConectionId=x',
      'admin/requests?operationId=CreateCall',
      'admin/calls?state=connected',
      'admin/faults?id=1',
      'admin/incoming-calls?status=ringing',
    ]) {
      const { status, body } = await get(path);
      assert.equal(status, 400, path);
      assert.equal(body.error.code, 'BadRequest', path);
    }
  });

  it('the parameters a route reads still work', async () => {
    assert.equal((await get('admin/requests?operation=CreateCall')).status, 200);
    assert.equal((await get('admin/events?status=failed&operationContext=x')).status, 200);
  });
});
