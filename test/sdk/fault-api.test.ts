/**
 * API fault rules through the official SDK with its default retry policy: 503 and 429 with
 * Retry-After are retried and succeed exactly once; error, delay, reset and hang leave the
 * emulator healthy with no fault timers left; probability replays with the same seed.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { EmulatorClient } from '../../src/index.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { PSTN, placeConnectedCall } from '../helpers/call-driver.js';
import { waitUntil } from '../helpers/wait-until.js';

const STOP = 'CallMedia_StopContinuousDtmfRecognition';
const GET_CALL = 'CallConnection_GetCall';

describe('API fault rules through the SDK', () => {
  const fx = useEmulator({ seed: 1 }, { resetEach: true });
  let client: CallAutomationClient;
  before(() => {
    client = fx.running.client();
  });

  for (const status of [503, 429]) {
    it(`${status} with retryAfterSeconds 1, times 1, on stop: the SDK retries and succeeds; two requests, one Stopped`, async () => {
      const retrying = fx.running.client({ maxRetries: 3 });
      const call = await placeConnectedCall(retrying, fx.control, fx.listener.url());
      const media = call.connection.getCallMedia();
      await media.startContinuousDtmfRecognition(PSTN, { operationContext: 'start' });
      const rule = await fx.control.addFault({
        match: { operation: STOP, callConnectionId: call.id },
        action: { type: 'error', status, retryAfterSeconds: 1 },
        times: 1,
      });

      await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'stop' });

      const requests = await fx.control.listRequests({
        callConnectionId: call.id,
        operation: STOP,
      });
      assert.deepEqual(
        requests.map((r) => [r.status, r.faults]),
        [
          [status, [{ ruleId: rule.id, action: 'error' }]],
          [200, undefined],
        ],
      );
      // The SDK signs once and retries the same request.
      assert.equal(
        requests[0]?.headers['repeatability-request-id'],
        requests[1]?.headers['repeatability-request-id'],
      );
      assert.deepEqual(await fx.control.listFaults(), [], 'times 1: the rule is gone');
      // Hang up so a later event proves nothing else was in the call's ordered queue.
      await call.connection.hangUp(false);
      await fx.listener.waitFor(
        (c) => c.event.callConnectionId === call.id && c.event.kind === 'CallDisconnected',
      );
      const stopped = fx.listener.received.filter(
        (c) =>
          c.event.callConnectionId === call.id &&
          c.event.kind === 'ContinuousDtmfRecognitionStopped',
      );
      assert.equal(stopped.length, 1);
      assert.equal(stopped[0]?.event.operationContext, 'stop');
    });
  }

  it('an error answers the ACS envelope with Retry-After and changes nothing', async () => {
    const call = await placeConnectedCall(client, fx.control, fx.listener.url());
    await fx.control.addFault({
      match: { operation: 'CallConnection_HangupCall' },
      action: { type: 'error', status: 503, retryAfterSeconds: 7 },
    });
    const response = await fetch(
      new URL(`calling/callConnections/${call.id}?api-version=2026-03-12`, fx.running.url),
      { method: 'DELETE' },
    );
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.ok(response.headers.get('x-ms-request-id'));
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'ServiceUnavailable');
    assert.match(body.error.message, /fault rule/);
    // Before auth: an unsigned request got the fault, as from a front end. The call is untouched.
    assert.equal((await fx.control.getCall(call.id)).callConnectionState, 'connected');
    await assert.rejects(client.getCallConnection(call.id).hangUp(false), {
      statusCode: 503,
      code: 'ServiceUnavailable',
    });
    assert.equal((await fx.control.getCall(call.id)).callConnectionState, 'connected');
  });

  it('an error with code and message uses them', async () => {
    await fx.control.addFault({
      match: { operation: GET_CALL },
      action: { type: 'error', status: 500, code: 'Boom', message: 'It broke.' },
      times: 1,
    });
    await assert.rejects(client.getCallConnection('x').getCallConnectionProperties(), {
      statusCode: 500,
      code: 'Boom',
      message: 'It broke.',
    });
  });

  it('a delay answers normally and the journal says how long', async () => {
    const call = await placeConnectedCall(client, fx.control, fx.listener.url());
    const rule = await fx.control.addFault({
      match: { operation: GET_CALL, callConnectionId: call.id },
      action: { type: 'delay', minMs: 20, maxMs: 40 },
      times: 1,
    });
    const props = await call.connection.getCallConnectionProperties();
    assert.equal(props.callConnectionState, 'connected');
    const [record] = await fx.control.listRequests({
      callConnectionId: call.id,
      operation: GET_CALL,
    });
    assert.equal(record?.status, 200);
    const mark = record?.faults?.[0];
    assert.equal(mark?.ruleId, rule.id);
    assert.equal(mark?.action, 'delay');
    assert.ok((mark?.ms ?? 0) >= 20 && (mark?.ms ?? 0) <= 40, `drawn ${mark?.ms}`);
  });

  it('a participant rule touches only requests about that participant', async () => {
    const call = await placeConnectedCall(client, fx.control, fx.listener.url());
    await fx.control.addFault({
      match: {
        operation: 'CallMedia_StartContinuousDtmfRecognition',
        participant: '4:+19995550000',
      },
      action: { type: 'error', status: 503 },
    });
    // The call's participant is another number: the rule does not apply.
    await call.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    await fx.control.addFault({
      match: {
        operation: 'CallMedia_StartContinuousDtmfRecognition',
        participant: '4:+14255550123',
      },
      action: { type: 'error', status: 503 },
    });
    await assert.rejects(call.connection.getCallMedia().startContinuousDtmfRecognition(PSTN), {
      statusCode: 503,
    });
  });

  it('reset destroys the connection; the journal says so and the next request is fine', async () => {
    const rule = await fx.control.addFault({
      match: { operation: GET_CALL },
      action: { type: 'reset' },
      times: 1,
    });
    await assert.rejects(client.getCallConnection('gone').getCallConnectionProperties(), (err) => {
      assert.ok(!(err as { statusCode?: number }).statusCode, 'no HTTP answer');
      return true;
    });
    await assert.rejects(client.getCallConnection('gone').getCallConnectionProperties(), {
      statusCode: 404,
    });
    const records = await fx.control.listRequests({ operation: GET_CALL });
    assert.deepEqual(
      records.map((r) => [r.status, r.faults?.[0]?.ruleId]),
      [
        [0, rule.id],
        [404, undefined],
      ],
    );
    assert.equal(fx.running.emulator.faults.timers.size, 0);
    assert.equal((await fx.control.health()).status, 'ok');
  });

  it('the SDK retry policy rides over a reset connection', async () => {
    await fx.control.addFault({
      match: { operation: GET_CALL },
      action: { type: 'reset' },
      times: 1,
    });
    await assert.rejects(
      fx.running.client({ maxRetries: 3 }).getCallConnection('x').getCallConnectionProperties(),
      { statusCode: 404, code: '8522', message: 'Call not found.' },
    );
    assert.equal((await fx.control.listRequests({ operation: GET_CALL })).length, 2);
  });

  it('hang answers nothing, closes after ms, and leaves no timer behind', async () => {
    await fx.control.addFault({
      match: { operation: GET_CALL },
      action: { type: 'hang', ms: 50 },
      times: 1,
    });
    await assert.rejects(client.getCallConnection('x').getCallConnectionProperties(), (err) => {
      assert.ok(!(err as { statusCode?: number }).statusCode, 'no HTTP answer');
      return true;
    });
    assert.equal(fx.running.emulator.faults.timers.size, 0);
    const [record] = await fx.control.listRequests({ operation: GET_CALL });
    assert.deepEqual(
      [record?.status, record?.faults?.[0]?.action, record?.faults?.[0]?.ms],
      [0, 'hang', 50],
    );
    await assert.rejects(client.getCallConnection('x').getCallConnectionProperties(), {
      statusCode: 404,
    });
  });

  it('POST /admin/reset ends a long hang at once and the emulator stays healthy', async () => {
    await fx.control.addFault({
      match: { operation: GET_CALL },
      action: { type: 'hang', ms: 300_000 },
    });
    const hung = client.getCallConnection('x').getCallConnectionProperties();
    const settled = hung.then(
      () => 'answered',
      () => 'closed',
    );
    await waitUntil(() => fx.running.emulator.faults.timers.size === 1, 'the request hangs', {
      intervalMs: 0,
    });
    await fx.control.reset();
    assert.equal(await settled, 'closed');
    assert.equal(fx.running.emulator.faults.timers.size, 0);
    assert.deepEqual(await fx.control.listFaults(), []);
    await assert.rejects(client.getCallConnection('x').getCallConnectionProperties(), {
      statusCode: 404,
    });
  });

  it('stop closes a hung request instead of waiting for it, and leaves no timer', async () => {
    const own = await startEmulator({ seed: 2 });
    const ownControl = new EmulatorClient(own.url);
    await ownControl.addFault({
      match: { operation: GET_CALL },
      action: { type: 'hang', ms: 300_000 },
    });
    const hung = own.client().getCallConnection('x').getCallConnectionProperties();
    const settled = hung.then(
      () => 'answered',
      () => 'closed',
    );
    await waitUntil(() => own.emulator.faults.timers.size === 1, 'the request hangs', {
      intervalMs: 0,
    });
    await own.stop();
    assert.equal(await settled, 'closed');
    assert.equal(own.emulator.faults.timers.size, 0);
  });
});

describe('probability with a seed', () => {
  /** 100 unsigned GETs under a 50% 503 rule: `x` for a 503, `.` otherwise (the 401 of no auth). */
  async function pattern(running: RunningEmulator): Promise<string> {
    const control = new EmulatorClient(running.url);
    await control.addFault({
      match: { operation: GET_CALL },
      action: { type: 'error', status: 503 },
      probability: 0.5,
    });
    let out = '';
    for (let i = 0; i < 100; i++) {
      const response = await fetch(
        new URL('calling/callConnections/x?api-version=2026-03-12', running.url),
      );
      await response.arrayBuffer();
      out += response.status === 503 ? 'x' : '.';
    }
    return out;
  }

  it('the same seed gives the same pattern (after a reset, and in another emulator); another seed another one', async () => {
    const a = await startEmulator({ seed: 20260312 });
    const b = await startEmulator({ seed: 20260312 });
    const c = await startEmulator({ seed: 20260313 });
    try {
      const first = await pattern(a);
      const hits = [...first].filter((ch) => ch === 'x').length;
      assert.ok(hits > 20 && hits < 80, `both outcomes occur (${hits}/100 faults)`);
      await new EmulatorClient(a.url).reset();
      assert.equal(await pattern(a), first, 'reset replays from the seed');
      assert.equal(await pattern(b), first, 'same seed, other emulator');
      assert.notEqual(await pattern(c), first, 'other seed');
      assert.equal(await new EmulatorClient(c.url).faultSeed(), 20260313);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });
});
