/**
 * Recording through the official SDK: start, the caller presses 1, pause, presses 2, resume,
 * presses 3, stop. The RecordingStateChanged sequence, the RecordingFileStatusUpdated Event Grid
 * event, and the WAV the SDK downloads: tones 1 and 3 at their offsets, 2 nowhere.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { CallAutomationClient, type CallRecording } from '@azure/communication-call-automation';
import { decodeWav } from '../../src/audio/wav.js';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { PSTN } from '../helpers/call-driver.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { detectDtmf } from '../helpers/goertzel.js';
import { storageRedirectingClient } from '../helpers/recording-storage-client.js';

const STORAGE = 'https://emulator.asm.skype.com';
const SECOND_PSTN = { phoneNumber: '+14255550199' };

interface Chunk {
  documentId: string;
  contentLocation: string;
  metadataLocation: string;
  deleteLocation: string;
}

/** The key heard in each 100 ms window of `samples` (undefined for silence). */
function keysByWindow(samples: Int16Array, sampleRate: number): (string | undefined)[] {
  const size = sampleRate / 10;
  const out: (string | undefined)[] = [];
  for (let i = 0; i + size <= samples.length; i += size)
    out.push(detectDtmf(samples.subarray(i, i + size), sampleRate));
  return out;
}

describe('call recording through the SDK', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let control: EmulatorClient;
  let client: CallAutomationClient;
  let recording: CallRecording;
  let folder: string;

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({
      clock: 'manual',
      recordingStorageUrl: STORAGE,
      eventGridWebhook: listener.url('/eventgrid'),
    });
    control = new EmulatorClient(running.url);
    client = new CallAutomationClient(running.connectionString, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
      httpClient: storageRedirectingClient(STORAGE, running.url),
    });
    recording = client.getCallRecording();
    folder = await mkdtemp(join(tmpdir(), 'recording-flow-'));
  });

  after(async () => {
    await running.stop();
    await listener.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function connectedCall(targets = [PSTN]) {
    const created =
      targets.length === 1
        ? await client.createCall({ targetParticipant: PSTN }, listener.url())
        : await client.createGroupCall(targets, listener.url(), {
            sourceCallIdNumber: { phoneNumber: '+14255550100' },
          });
    const props = created.callConnectionProperties;
    const id = props.callConnectionId as string;
    await control.advanceClock(10);
    await control.waitForEvent({ callConnectionId: id, type: 'CallConnected', timeoutMs: 20_000 });
    // The 201 has no serverCallId until the call connects (as the service answers).
    const connected = await created.callConnection.getCallConnectionProperties();
    return {
      id,
      serverCallId: connected.serverCallId as string,
      connection: created.callConnection,
    };
  }

  const press = async (id: string, tones: string, participant?: string) => {
    const response = await fetch(new URL(`admin/calls/${id}/dtmf`, running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tones, intervalMs: 0, ...(participant ? { participant } : {}) }),
    });
    assert.equal(response.status, 202);
  };

  const fileEvent = async (serverCallId: string) => {
    const received = await listener.waitFor(
      (c) =>
        c.event.kind === 'Microsoft.Communication.RecordingFileStatusUpdated' &&
        JSON.stringify(c.body).includes(serverCallId),
      20_000,
    );
    const data = (received.body as { data: Record<string, unknown> }[])[0]?.data as {
      recordingStorageInfo: { recordingChunks: Chunk[] };
      recordingDurationMs: number;
      recordingChannelType: string;
      recordingFormatType: string;
    };
    return { data, chunk: data.recordingStorageInfo.recordingChunks[0] as Chunk };
  };

  it('records 1 and 3 at their offsets, not 2 pressed while paused; downloads, ranges and deletes', async () => {
    const call = await connectedCall();
    const started = await recording.start({
      callLocator: { kind: 'serverCallLocator', id: call.serverCallId },
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
    });
    assert.equal(started.recordingState, 'active');
    assert.equal(started.recordingKind, 'azureCommunicationServices');
    const id = started.recordingId;

    await control.advanceClock(1_000);
    await press(call.id, '1'); // recorded at 1000 ms
    await control.advanceClock(1_000);
    await recording.pause(id); // recorded: 0-2000
    assert.equal((await recording.getState(id)).recordingState, 'inactive');
    await control.advanceClock(1_000);
    await press(call.id, '2'); // while paused: not recorded
    await control.advanceClock(1_000);
    await recording.resume(id);
    await control.advanceClock(1_000);
    await press(call.id, '3'); // recorded at 2000 + 1000 ms
    await control.advanceClock(1_000);
    await recording.stop(id);

    const states = await listener.waitForCount(
      (c) => c.event.kind === 'RecordingStateChanged' && c.event.callConnectionId === call.id,
      4,
      20_000,
    );
    assert.deepEqual(
      states.map((s) => s.event.state),
      ['active', 'inactive', 'active', 'inactive'],
    );
    assert.ok(states.every((s) => s.event.recordingId === id));

    const { data, chunk } = await fileEvent(call.serverCallId);
    assert.equal(data.recordingDurationMs, 4_000);
    assert.equal(data.recordingChannelType, 'Mixed');
    assert.equal(data.recordingFormatType, 'Wav');
    assert.ok(chunk.contentLocation.startsWith(`${STORAGE}/v1/objects/${chunk.documentId}`));

    const file = join(folder, 'mixed.wav');
    await recording.downloadToPath(chunk.contentLocation, file);
    const wav = decodeWav(await readFile(file));
    assert.equal(wav.channels.length, 1);
    assert.equal(wav.sampleRate, 16_000);
    const keys = keysByWindow(wav.channels[0] as Int16Array, wav.sampleRate);
    assert.equal(keys.length, 40);
    const heard = keys.flatMap((k, i) => (k ? [`${k}@${i * 100}`] : []));
    assert.deepEqual(heard, ['1@1000', '3@3000']);

    const parts: Buffer[] = [];
    await recording.downloadToStream(
      chunk.metadataLocation,
      new Writable({
        write(piece: Buffer, _enc, done) {
          parts.push(piece);
          done();
        },
      }),
    );
    const metadata = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
    assert.equal(metadata.chunkDocumentId, chunk.documentId);
    assert.equal(metadata.chunkDuration, 4_000);
    assert.deepEqual(
      (metadata.pauseResumeIntervals as { duration: number }[]).map((p) => p.duration),
      [2_000],
    );

    // Range, as the SDK sends it for offset/length: the 44-byte WAV header only.
    const head = await recording.downloadStreaming(chunk.contentLocation, {
      offset: 1,
      length: 43,
    });
    const headBytes: Buffer[] = [];
    for await (const piece of head) headBytes.push(piece as Buffer);
    assert.equal(Buffer.concat(headBytes).toString('ascii', 0, 3), 'IFF');
    assert.equal(Buffer.concat(headBytes).length, 43);

    await recording.delete(chunk.deleteLocation);
    await assert.rejects(
      recording.downloadToPath(chunk.contentLocation, join(folder, 'gone.wav')),
      (err: { status?: number }) => err.status === 404,
    );
    await assert.rejects(
      recording.delete(chunk.deleteLocation),
      (err: { status?: number }) => err.status === 404,
    );
  });

  it('unmixed: each participant’s tones on their own channel, in audioChannelParticipantOrdering', async () => {
    const call = await connectedCall([PSTN, SECOND_PSTN]);
    const started = await recording.start({
      callConnectionId: call.id,
      recordingContent: 'audio',
      recordingChannel: 'unmixed',
      recordingFormat: 'wav',
      audioChannelParticipantOrdering: [SECOND_PSTN],
    });
    await control.advanceClock(500);
    await press(call.id, '4', '4:+14255550123');
    await control.advanceClock(500);
    await press(call.id, '#', '4:+14255550199');
    await control.advanceClock(500);
    await call.connection.hangUp(true); // the recording stops with its call
    await control.advanceClock(10);

    const { data, chunk } = await fileEvent(call.serverCallId);
    assert.equal(data.recordingChannelType, 'Unmixed');
    assert.equal(data.recordingDurationMs, 1_500);
    const file = join(folder, 'unmixed.wav');
    await recording.downloadToPath(chunk.contentLocation, file);
    const wav = decodeWav(await readFile(file));
    assert.equal(wav.channels.length, 2);
    const heard = wav.channels.map((channel) =>
      keysByWindow(channel, wav.sampleRate).flatMap((k, i) => (k ? [`${k}@${i * 100}`] : [])),
    );
    // Channel 0 is the participant named first in audioChannelParticipantOrdering.
    assert.deepEqual(heard, [['#@1000'], ['4@500']]);
    await assert.rejects(recording.getState(started.recordingId), { statusCode: 404 });
  });
});
