/**
 * What the service's recordings show, over the wire: call properties, the chain-id header, no
 * Repeatability-Result on createCall/answerCall, 404 8522 with our explanation in innererror,
 * recorded resultInformation and event time, a preview api-version an SDK sends, and what
 * ContinuousDtmfRecognitionStopped carries (or that nothing is sent).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { acsRequest, type RawResponse } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { ofCall, type ReceivedCallback } from '../helpers/callback-listener.js';

const V = 'api-version=2026-03-12';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SERVICE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,7}\+00:00$/;
const SOURCE = '8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-000000000009';
const PSTN = { rawId: '4:+14255550123', phoneNumber: { value: '+14255550123' } };
const STOPPED_RESULT = {
  code: 200,
  subCode: 7000,
  message: 'The conversation has ended. DiagCode: 0#7000.@',
};
const chainId = (res: RawResponse) => res.headers['x-microsoft-skype-chain-id'];
const repeatable = () => ({
  'repeatability-request-id': randomUUID(),
  'repeatability-first-sent': new Date().toUTCString(),
});

describe('answers shaped like the service’s recordings', () => {
  const fx = useEmulator({ connectDelayMs: 20, sendDtmfToneMs: 5 });
  const url = () => fx.running.url;

  async function create(apiVersion = V): Promise<RawResponse> {
    return acsRequest(url(), {
      method: 'POST',
      path: `/calling/callConnections?${apiVersion}`,
      body: {
        targets: [{ kind: 'phoneNumber', ...PSTN }],
        source: { id: SOURCE },
        callbackUri: fx.listener.url(),
      },
      headers: { ...repeatable(), 'user-agent': 'service-answers-test/1.0' },
    });
  }
  async function connected(apiVersion = V): Promise<{ id: string; created: RawResponse }> {
    const created = await create(apiVersion);
    assert.equal(created.status, 201, created.text);
    const id = String(created.json.callConnectionId);
    await fx.listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, created };
  }
  const get = (id: string) =>
    acsRequest(url(), { method: 'GET', path: `/calling/callConnections/${id}?${V}` });
  const media = (id: string, action: string, body: unknown) =>
    acsRequest(url(), {
      method: 'POST',
      path: `/calling/callConnections/${id}:${action}?${V}`,
      body,
    });

  it('createCall: 201 without serverCallId, with the recorded keys, chain id = correlationId, no Repeatability-Result', async () => {
    const created = await create();
    assert.equal(created.status, 201, created.text);
    const body = created.json;
    assert.equal(body.serverCallId, undefined, 'no serverCallId until the call connects');
    assert.equal(body.sourceDisplayName, '');
    assert.match(String(body.correlationId), GUID);
    assert.equal(chainId(created), body.correlationId);
    assert.equal(created.headers['repeatability-result'], undefined);
    assert.equal(created.headers['x-microsoft-skype-client'], 'service-answers-test/1.0');
    const streaming = body.mediaStreamingSubscription as Record<string, unknown>;
    assert.match(String(streaming.id), GUID);
    assert.deepEqual(streaming, {
      id: streaming.id,
      state: 'disabled',
      subscribedContentTypes: ['audio'],
    });
    assert.deepEqual(body.transcriptionSubscription, {
      state: 'disabled',
      subscribedResultTypes: [],
    });
  });

  it('getCall after CallConnected: exactly the recorded keys, serverCallId padded base64 with /, stable subscription id', async () => {
    const { id, created } = await connected();
    const res = await get(id);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.json).sort(), [
      'callConnectionId',
      'callConnectionState',
      'callbackUri',
      'correlationId',
      'mediaStreamingSubscription',
      'serverCallId',
      'source',
      'sourceDisplayName',
      'targets',
      'transcriptionSubscription',
    ]);
    const serverCallId = String(res.json.serverCallId);
    assert.match(serverCallId, /^[A-Za-z0-9+/]+={1,2}$/);
    assert.ok(serverCallId.includes('/'));
    assert.deepEqual(res.json.mediaStreamingSubscription, created.json.mediaStreamingSubscription);
    assert.equal(chainId(res), created.json.correlationId);
    const event = fx.listener.received.find(ofCall(id, 'CallConnected')) as ReceivedCallback;
    assert.equal(event.event.serverCallId, serverCallId);
  });

  it('CallConnected: resultInformation 200 / 0 / "" and time with fractional seconds and +00:00', async () => {
    const { id } = await connected();
    const event = fx.listener.received.find(ofCall(id, 'CallConnected')) as ReceivedCallback;
    assert.deepEqual(event.event.resultInformation, { code: 200, subCode: 0, message: '' });
    const [envelope] = event.body as { time: string }[];
    assert.match(envelope?.time ?? '', SERVICE_TIME);
  });

  it('SendDtmfTonesCompleted: resultInformation 200 / 0 / ""', async () => {
    const { id } = await connected();
    const sent = await media(id, 'sendDtmfTones', {
      tones: ['one'],
      targetParticipant: PSTN,
      operationContext: 'send',
    });
    assert.equal(sent.status, 202, sent.text);
    const done = await fx.listener.waitFor(ofCall(id, 'SendDtmfTonesCompleted'));
    assert.deepEqual(done.event.resultInformation, { code: 200, subCode: 0, message: '' });
  });

  it('answerCall on a PSTN call: the caller number as display name, answeredFor only value, no Repeatability-Result', async () => {
    const placed = await fetch(new URL('/admin/incoming-calls', url()), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '4:+14255550123', to: '4:+18005550100' }),
    }).then((r) => r.json() as Promise<{ incomingCallContext: string; correlationId: string }>);
    const answered = await acsRequest(url(), {
      method: 'POST',
      path: `/calling/callConnections:answer?${V}`,
      body: { incomingCallContext: placed.incomingCallContext, callbackUri: fx.listener.url() },
      headers: repeatable(),
    });
    assert.equal(answered.status, 200, answered.text);
    assert.equal(answered.json.sourceDisplayName, '+14255550123');
    assert.deepEqual(answered.json.answeredFor, { value: '+18005550100' });
    assert.match(String(answered.json.serverCallId), /^[A-Za-z0-9+/]+={1,2}$/);
    assert.equal(answered.headers['repeatability-result'], undefined);
    assert.equal(chainId(answered), placed.correlationId);
  });

  it('unknown call: 404 8522 "Call not found." with our explanation in innererror and a fresh chain id', async () => {
    const res = await get('00000000-0000-0000-0000-00000000dead');
    assert.equal(res.status, 404);
    assert.deepEqual(res.json.error?.code, '8522');
    assert.equal(res.json.error?.message, 'Call not found.');
    assert.equal(res.json.error?.innererror?.code, 'CallNotFound');
    assert.match(res.json.error?.innererror?.message ?? '', /00000000-0000-0000-0000-00000000dead/);
    assert.match(String(chainId(res)), GUID);
  });

  it('ended call: 404 8522 saying when it ended, with a chain id that is not the call’s (as recorded)', async () => {
    const { id, created } = await connected();
    const ended = await acsRequest(url(), {
      method: 'DELETE',
      path: `/calling/callConnections/${id}?${V}`,
    });
    assert.equal(ended.status, 204);
    assert.equal(chainId(ended), created.json.correlationId);
    const res = await get(id);
    assert.equal(res.status, 404);
    assert.equal(res.json.error?.code, '8522');
    assert.equal(res.json.error?.message, 'Call not found.');
    assert.match(res.json.error?.innererror?.message ?? '', /has ended \(disconnected at .*Z\)/);
    assert.match(String(chainId(res)), GUID);
    assert.notEqual(chainId(res), created.json.correlationId);
  });

  it('accepts 2024-09-01-preview (JS SDK 1.6.0-beta.1, .NET 2025) and reports it as data.version', async () => {
    const { id } = await connected('api-version=2024-09-01-preview');
    const event = fx.listener.received.find(ofCall(id, 'CallConnected')) as ReceivedCallback;
    const [envelope] = event.body as { data: { version: string } }[];
    assert.equal(envelope?.data.version, '2024-09-01-preview');
  });

  describe('the mission route: stopContinuousDtmfRecognition', () => {
    it('explicit stop: 200 empty, chain id = correlationId, Stopped with the stop context and the recorded result', async () => {
      const { id, created } = await connected();
      const start = await media(id, 'startContinuousDtmfRecognition', {
        targetParticipant: PSTN,
        operationContext: 'start',
      });
      assert.equal(start.status, 200, start.text);
      const stop = await media(id, 'stopContinuousDtmfRecognition', {
        targetParticipant: PSTN,
        operationContext: 'stop',
      });
      assert.equal(stop.status, 200);
      assert.equal(stop.text, '');
      assert.equal(chainId(stop), created.json.correlationId);
      const stopped = await fx.listener.waitFor(ofCall(id, 'ContinuousDtmfRecognitionStopped'));
      assert.equal(stopped.event.operationContext, 'stop');
      assert.deepEqual(stopped.event.resultInformation, STOPPED_RESULT);
    });

    it('a second stop, and a stop with none running, answer 200 and send no event', async () => {
      const { id } = await connected();
      const lonely = await media(id, 'stopContinuousDtmfRecognition', { targetParticipant: PSTN });
      assert.equal(lonely.status, 200);
      assert.equal(lonely.text, '');
      await media(id, 'startContinuousDtmfRecognition', { targetParticipant: PSTN });
      const first = await media(id, 'stopContinuousDtmfRecognition', {
        targetParticipant: PSTN,
        operationContext: 'first',
      });
      const second = await media(id, 'stopContinuousDtmfRecognition', {
        targetParticipant: PSTN,
        operationContext: 'second',
      });
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(second.text, '');
      // The call's later CallDisconnected proves the queue drained past any further Stopped.
      await acsRequest(url(), { method: 'DELETE', path: `/calling/callConnections/${id}?${V}` });
      await fx.listener.waitFor(ofCall(id, 'CallDisconnected'));
      const stops = fx.listener.received.filter(ofCall(id, 'ContinuousDtmfRecognitionStopped'));
      assert.deepEqual(
        stops.map((s) => s.event.operationContext),
        ['first'],
      );
    });

    it('hang-up while running: Stopped with the start context and the same recorded result, before CallDisconnected', async () => {
      const { id } = await connected();
      await media(id, 'startContinuousDtmfRecognition', {
        targetParticipant: PSTN,
        operationContext: 'start',
      });
      await acsRequest(url(), {
        method: 'POST',
        path: `/calling/callConnections/${id}:terminate?${V}`,
        headers: repeatable(),
      });
      const [stopped, disconnected] = await fx.listener.waitForCount(
        (c) => ofCall(id)(c) && !['CallConnected', 'ParticipantsUpdated'].includes(c.event.kind),
        2,
      );
      assert.equal(stopped?.event.kind, 'ContinuousDtmfRecognitionStopped');
      assert.equal(stopped?.event.operationContext, 'start');
      assert.deepEqual(stopped?.event.resultInformation, STOPPED_RESULT);
      assert.equal(disconnected?.event.kind, 'CallDisconnected');
    });
  });
});
