/**
 * Every error path of the recording operations and of the recording storage: status, code and a
 * message that says what to fix, and no state changed by a refused request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acsRequest, type RawResponse } from '../helpers/acs-request.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';

const V = 'api-version=2026-03-12';
const AUDIO = { recordingContentType: 'audio', recordingFormatType: 'wav' };

describe('recording error paths', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let live = '';
  let liveServerCallId = '';
  let ended = '';

  const start = (body: unknown) =>
    acsRequest(running.url, { method: 'POST', path: `/calling/recordings?${V}`, body });
  const on = (method: string, id: string, action = '') =>
    acsRequest(running.url, {
      method,
      path: `/calling/recordings/${encodeURIComponent(id)}${action}?${V}`,
    });
  const expectError = (res: RawResponse, status: number, code: string, message: RegExp) => {
    assert.equal(res.status, status, res.text);
    assert.equal(res.json.error?.code, code, res.text);
    assert.match(res.json.error?.message ?? '', message);
  };
  /** The service's 404 8522 "Call not found.", with our explanation in innererror. */
  const expectCallNotFound = (res: RawResponse, explanation: RegExp) => {
    expectError(res, 404, '8522', /^Call not found\.$/);
    const inner = (res.json.error as { innererror?: { code?: string; message?: string } })
      .innererror;
    assert.equal(inner?.code, 'CallNotFound', res.text);
    assert.match(inner?.message ?? '', explanation);
  };

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({ eventGridWebhook: listener.url('/eventgrid') });
    const client = running.client();
    const create = async () => {
      const created = await client.createCall(
        { targetParticipant: { phoneNumber: '+14255550123' } },
        listener.url(),
      );
      const id = created.callConnectionProperties.callConnectionId as string;
      await listener.waitFor(
        (c) => c.event.callConnectionId === id && c.event.kind === 'CallConnected',
        20_000,
      );
      return created;
    };
    const first = await create();
    live = first.callConnectionProperties.callConnectionId as string;
    // The 201 of createCall has no serverCallId (as the service answers); the connected call has.
    liveServerCallId = (await first.callConnection.getCallConnectionProperties())
      .serverCallId as string;
    const second = await create();
    await second.callConnection.hangUp(true);
    ended = second.callConnectionProperties.callConnectionId as string;
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });

  it('start refuses a missing, unknown, ended or unsupported call', async () => {
    expectError(await start(AUDIO), 400, 'BadRequest', /callLocator or callConnectionId/);
    expectCallNotFound(await start({ ...AUDIO, callConnectionId: 'no-such-call' }), /no-such-call/);
    expectCallNotFound(
      await start({ ...AUDIO, callLocator: { kind: 'serverCallLocator', serverCallId: 'nope' } }),
      /serverCallId 'nope'/,
    );
    expectCallNotFound(
      await start({ ...AUDIO, callLocator: { kind: 'groupCallLocator', groupCallId: 'g1' } }),
      /groupCallLocator g1/,
    );
    expectCallNotFound(await start({ ...AUDIO, callConnectionId: ended }), /has ended/);
  });

  it('start refuses the combinations the service does not record', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ recordingContentType: 'audio', recordingFormatType: 'mp4' }, /'mp4' needs.*audioVideo/],
      [{ recordingContentType: 'audioVideo', recordingFormatType: 'wav' }, /only as 'mp4'/],
      [{ recordingContentType: 'audioVideo' }, /only as 'mp4'/],
      [{ ...AUDIO, recordingFormatType: 'mp3', recordingChannelType: 'unmixed' }, /unmixed/],
      [
        { ...AUDIO, externalStorage: { recordingStorageKind: 'azureBlobStorage' } },
        /recordingDestinationContainerUrl/,
      ],
    ];
    for (const [body, message] of cases) {
      // audioVideo alone defaults to mp4, which is allowed: only the explicit wav case is refused.
      if (body.recordingContentType === 'audioVideo' && body.recordingFormatType === undefined)
        continue;
      expectError(await start({ ...body, callConnectionId: live }), 400, 'BadRequest', message);
    }
    expectError(
      await start({
        ...AUDIO,
        recordingChannelType: 'unmixed',
        callConnectionId: live,
        audioChannelParticipantOrdering: [
          { kind: 'phoneNumber', phoneNumber: { value: '+14255550999' } },
        ],
      }),
      400,
      'ParticipantNotFound',
      /4:\+14255550999/,
    );
    expectError(
      await start({ ...AUDIO, callConnectionId: live, recordingStateCallbackUri: 'ftp://x' }),
      400,
      'BadRequest',
      /recordingStateCallbackUri/,
    );
    const res = await start({ ...AUDIO, callConnectionId: live, unknownField: 1 });
    assert.equal(res.status, 400);
    // Nothing of the refused starts exists.
    const view = await running.admin<{ value: unknown[] }>('/admin/recordings');
    assert.deepEqual(view.value, []);
  });

  it('a second recording of a call is refused while the first runs; unknown and stopped ids get 404', async () => {
    const first = await start({
      ...AUDIO,
      callLocator: { kind: 'serverCallLocator', serverCallId: liveServerCallId },
    });
    assert.equal(first.status, 200, first.text);
    const id = first.json.recordingId as string;
    assert.match(id, /^[A-Za-z0-9]+$/);
    expectError(
      await start({ ...AUDIO, callConnectionId: live }),
      409,
      'RecordingAlreadyInProgress',
      new RegExp(id),
    );
    for (const [method, action] of [
      ['GET', ''],
      ['POST', ':pause'],
      ['POST', ':resume'],
      ['DELETE', ''],
    ] as const) {
      expectError(await on(method, 'unknown', action), 404, 'RecordingNotFound', /'unknown'/);
    }
    assert.equal((await on('POST', id, ':pause')).status, 202);
    assert.equal((await on('POST', id, ':pause')).status, 202, 'pausing twice is harmless');
    assert.equal((await on('GET', id)).json.recordingState, 'inactive');
    assert.equal((await on('POST', id, ':resume')).status, 202);
    assert.equal((await on('DELETE', id)).status, 204);
    for (const [method, action] of [
      ['GET', ''],
      ['POST', ':pause'],
      ['POST', ':resume'],
      ['DELETE', ''],
    ] as const) {
      expectError(await on(method, id, action), 404, 'RecordingNotFound', /has stopped/);
    }
    // After the stop, a new recording of the same call may start.
    assert.equal((await start({ ...AUDIO, callConnectionId: live })).status, 200);
  });

  it('storage: unsigned, unknown and unsatisfiable requests get the storage error body', async () => {
    const unsigned = await acsRequest(running.url, {
      method: 'GET',
      path: '/v1/objects/0-eus-d2-00/content/audio',
      sign: false,
    });
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.json.status, 401);
    const missing = await acsRequest(running.url, {
      method: 'GET',
      path: '/v1/objects/0-eus-d2-00/content/audio',
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.status, 404);
    assert.match(String(missing.json.message), /was not found/);
    const gone = await acsRequest(running.url, {
      method: 'DELETE',
      path: '/v1/objects/0-eus-d2-00',
    });
    assert.equal(gone.status, 404);

    // A real file: ranges inside it get 206, a range past its end 416, then it is deleted.
    const live = (
      await running.admin<{ value: { recordingId: string; status: string }[] }>('/admin/recordings')
    ).value.find((r) => r.status !== 'stopped');
    assert.ok(live, 'the previous test left one recording running');
    assert.equal((await on('DELETE', live.recordingId)).status, 204);
    const event = await listener.waitFor(
      (c) => c.event.kind === 'Microsoft.Communication.RecordingFileStatusUpdated',
      20_000,
    );
    const chunk = (
      event.event.recordingStorageInfo as { recordingChunks: { contentLocation: string }[] }
    ).recordingChunks[0];
    const path = new URL(chunk?.contentLocation ?? '').pathname;
    const whole = await acsRequest(running.url, { method: 'GET', path });
    assert.equal(whole.status, 200);
    assert.equal(whole.headers['content-type'], 'audio/wav');
    const size = Buffer.byteLength(whole.text, 'latin1');
    const tail = await acsRequest(running.url, {
      method: 'GET',
      path,
      headers: { range: 'bytes=-4' },
    });
    assert.equal(tail.status, 206);
    assert.match(String(tail.headers['content-range']), /^bytes \d+-\d+\/\d+$/);
    const past = await acsRequest(running.url, {
      method: 'GET',
      path,
      headers: { range: `bytes=${size + 1000}-` },
    });
    assert.equal(past.status, 416, past.text);
    assert.equal(past.json.status, 416);
    assert.match(String(past.headers['content-range']), /^bytes \*\/\d+$/);
    const deleted = await acsRequest(running.url, {
      method: 'DELETE',
      path: path.replace(/\/content\/audio$/, ''),
    });
    assert.equal(deleted.status, 200);
    assert.equal((await acsRequest(running.url, { method: 'GET', path })).status, 404);
  });
});
