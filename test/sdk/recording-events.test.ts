/**
 * Recording events beyond the main flow: recordingStateCallbackUri, pauseOnStart, the app's own
 * tones (sendDtmfTones) in a mixed recording, StartRecordingFailed from a failOperation rule, and
 * reset deleting the files.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { type CallRecording } from '@azure/communication-call-automation';
import { decodeWav } from '../../src/audio/wav.js';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { PSTN } from '../helpers/call-driver.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { detectDtmf } from '../helpers/goertzel.js';
import { acsRequest } from '../helpers/acs-request.js';

interface Chunk {
  documentId: string;
  contentLocation: string;
}

describe('recording events', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let control: EmulatorClient;
  let client: CallAutomationClient;
  let recording: CallRecording;

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({
      clock: 'manual',
      sendDtmfToneMs: 100,
      eventGridWebhook: listener.url('/eventgrid'),
    });
    control = new EmulatorClient(running.url);
    client = running.client();
    recording = client.getCallRecording();
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });

  async function connectedCall() {
    const created = await client.createCall({ targetParticipant: PSTN }, listener.url());
    const id = created.callConnectionProperties.callConnectionId as string;
    await control.advanceClock(10);
    await control.waitForEvent({ callConnectionId: id, type: 'CallConnected', timeoutMs: 20_000 });
    return { id, connection: created.callConnection };
  }

  /** The chunk of a stopped recording, once RecordingFileStatusUpdated says it is written. */
  const chunkOf = async (recordingId: string) => {
    await listener.waitFor(
      (c) =>
        c.event.kind === 'Microsoft.Communication.RecordingFileStatusUpdated' &&
        JSON.stringify(c.body).includes(recordingId),
      20_000,
    );
    const view = await running.admin<{ value: { recordingId: string; chunk?: Chunk }[] }>(
      '/admin/recordings',
    );
    return view.value.find((r) => r.recordingId === recordingId)?.chunk;
  };

  it('pauseOnStart starts inactive; events go to recordingStateCallbackUri', async () => {
    const call = await connectedCall();
    const started = await recording.start({
      callConnectionId: call.id,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
      pauseOnStart: true,
      recordingStateCallbackEndpointUrl: listener.url('/recording-state'),
    });
    assert.equal(started.recordingState, 'inactive');
    await recording.resume(started.recordingId);
    const got = await listener.waitForCount(
      (c) =>
        c.event.kind === 'RecordingStateChanged' && c.event.recordingId === started.recordingId,
      2,
      20_000,
    );
    assert.deepEqual(
      got.map((c) => [c.path, c.event.state]),
      [
        ['/recording-state', 'inactive'],
        ['/recording-state', 'active'],
      ],
    );
    assert.equal(got[0]?.event.callConnectionId, call.id);
    await recording.stop(started.recordingId);
  });

  it('a mixed recording holds the tones the app sent with sendDtmfTones', async () => {
    const call = await connectedCall();
    const started = await recording.start({
      callConnectionId: call.id,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
    });
    await control.advanceClock(500);
    await call.connection.getCallMedia().sendDtmfTones(['nine', 'pound'], PSTN);
    await control.advanceClock(500);
    await recording.stop(started.recordingId);
    const chunk = await chunkOf(started.recordingId);
    assert.ok(chunk);
    const res = await acsRequest(running.url, {
      method: 'GET',
      path: new URL(chunk.contentLocation).pathname,
    });
    assert.equal(res.status, 200);
    const stored = running.emulator.state.recordingFiles.read(chunk.documentId, 'content');
    assert.ok(stored);
    const samples = decodeWav(stored).channels[0] as Int16Array;
    const heard: string[] = [];
    for (let i = 0; i + 1600 <= samples.length; i += 1600) {
      const key = detectDtmf(samples.subarray(i, i + 1600), 16_000);
      if (key) heard.push(`${key}@${i / 16}`);
    }
    assert.deepEqual(heard, ['9@500', '#@600']);
  });

  it('a failOperation rule makes start answer inactive and send StartRecordingFailed', async () => {
    const call = await connectedCall();
    await control.addFault({
      match: { operation: 'CallRecording_StartRecording' },
      action: {
        type: 'failOperation',
        resultInformation: { code: 500, subCode: 9999, message: 'no recorder' },
      },
      times: 1,
    });
    const started = await recording.start({
      callConnectionId: call.id,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
    });
    assert.equal(started.recordingState, 'inactive');
    const failed = await listener.waitFor(
      (c) => c.event.kind === 'StartRecordingFailed' && c.event.callConnectionId === call.id,
      20_000,
    );
    assert.equal(failed.event.recordingId, started.recordingId);
    assert.equal(failed.event.resultInformation?.subCode, 9999);
    await assert.rejects(recording.getState(started.recordingId), { statusCode: 404 });
    // The failed start did not take the call's one recording.
    const next = await recording.start({
      callConnectionId: call.id,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
    });
    assert.equal(next.recordingState, 'active');
  });

  it('mp3 recordings are MP3 files served as audio/mpeg', async () => {
    const call = await connectedCall();
    const started = await recording.start({
      callConnectionId: call.id,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'mp3',
    });
    await control.advanceClock(1_000);
    await recording.stop(started.recordingId);
    const chunk = await chunkOf(started.recordingId);
    assert.ok(chunk);
    const res = await acsRequest(running.url, {
      method: 'GET',
      path: new URL(chunk.contentLocation).pathname,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'audio/mpeg');
    const bytes = running.emulator.state.recordingFiles.read(chunk.documentId, 'content');
    assert.equal(bytes?.[0], 0xff, 'an MPEG frame sync');
    const event = await listener.waitFor(
      (c) =>
        c.event.kind === 'Microsoft.Communication.RecordingFileStatusUpdated' &&
        JSON.stringify(c.body).includes(chunk.documentId),
      20_000,
    );
    assert.equal(event.event.recordingFormatType, 'Mp3');
  });

  it('reset deletes every recording and file', async () => {
    assert.ok(running.emulator.state.recordingFiles.size > 0);
    await control.reset();
    assert.equal(running.emulator.state.recordingFiles.size, 0);
    const view = await running.admin<{ value: unknown[] }>('/admin/recordings');
    assert.deepEqual(view.value, []);
  });
});
