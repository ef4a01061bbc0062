/**
 * Media streaming through the official SDK on the manual clock: frames counted per simulated
 * second, a pressed key found in the audio by a Goertzel detector, start/stop operations and the
 * subscription in the call properties, and bidirectional audio reflected in the control API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  StreamingData,
  createOutboundAudioData,
  createOutboundStopAudioData,
  type AudioData,
  type AudioMetadata,
  type CallAutomationClient,
  type CallConnection,
  type MediaStreamingOptions,
} from '@azure/communication-call-automation';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import {
  ofCall,
  startCallbackListener,
  type CallbackListener,
} from '../helpers/callback-listener.js';
import { adminPost } from '../helpers/admin-client.js';
import { startSocketServer, type TestSocketServer } from '../helpers/ws-server.js';
import { detectDtmf } from '../helpers/goertzel.js';

const PSTN = { phoneNumber: '+14255550123' };

const pcm = (audio: AudioData) => {
  const bytes = Buffer.from(audio.data, 'base64');
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
};

describe('media streaming through the SDK (manual clock)', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let client: CallAutomationClient;
  let sockets: TestSocketServer;

  before(async () => {
    listener = await startCallbackListener();
    sockets = await startSocketServer();
    running = await startEmulator({ clock: 'manual' });
    client = running.client();
  });
  after(async () => {
    await running.stop();
    await listener.close();
    await sockets.close();
  });

  const advance = async (ms: number) =>
    assert.equal((await adminPost(running.url, '/admin/clock/advance', { ms })).status, 200);

  async function call(
    options: Partial<MediaStreamingOptions>,
  ): Promise<{ id: string; connection: CallConnection }> {
    const created = await client.createCall({ targetParticipant: PSTN }, listener.url(), {
      mediaStreamingOptions: {
        transportType: 'websocket',
        transportUrl: sockets.url,
        audioChannelType: 'mixed',
        contentType: 'audio',
        ...options,
      },
    });
    const id = created.callConnectionProperties.callConnectionId as string;
    assert.equal(created.callConnectionProperties.mediaStreamingSubscription?.state, 'inactive');
    await advance(10);
    await listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, connection: created.callConnection };
  }

  it('50 frames per simulated second; a pressed key is in the audio', async () => {
    const index = sockets.connections.length;
    const { id, connection } = await call({ startMediaStreaming: true, audioFormat: 'pcm16KMono' });
    const started = await listener.waitFor(ofCall(id, 'MediaStreamingStarted'));
    assert.deepEqual(started.event.mediaStreamingUpdate, {
      contentType: 'Audio',
      mediaStreamingStatus: 'mediaStreamingStarted',
      mediaStreamingStatusDetails: 'subscriptionStarted',
    });
    assert.equal(
      (await connection.getCallConnectionProperties()).mediaStreamingSubscription?.state,
      'active',
    );
    const [first] = await sockets.waitForMessages(1, index);
    const metadata = StreamingData.parse(first ?? '') as AudioMetadata;
    assert.equal(metadata.sampleRate, 16_000);
    assert.equal(metadata.encoding, 'PCM');

    await advance(1_000);
    const quiet = (await sockets.waitForMessages(51, index)).slice(1);
    assert.equal(quiet.length, 50);
    for (const text of quiet) {
      const frame = StreamingData.parse(text) as AudioData;
      assert.equal(frame.isSilent, true);
      assert.equal(pcm(frame).length, 320);
    }

    assert.equal(
      (await adminPost(running.url, `/admin/calls/${id}/dtmf`, { tones: '5' })).status,
      202,
    );
    await advance(1_000);
    const second = (await sockets.waitForMessages(101, index)).slice(51);
    assert.equal(second.length, 50, 'one frame per 20 ms of the second simulated second');
    const frames = second.map((t) => StreamingData.parse(t) as AudioData);
    const keys = frames.map((f) => detectDtmf(pcm(f), 16_000));
    // The key sounds for 100 ms: five frames hold it, every other frame is silent.
    assert.equal(keys.filter((k) => k === '5').length, 5);
    assert.equal(frames.filter((f) => !f.isSilent).length, 5);
    const times = frames.map((f) => new Date(f.timestamp as unknown as string).getTime());
    assert.deepEqual(
      times.slice(1).map((t, i) => t - (times[i] ?? 0)),
      Array.from({ length: 49 }, () => 20),
    );

    await connection.getCallMedia().stopMediaStreaming({ operationContext: 'stop-m' });
    const stopped = await listener.waitFor(ofCall(id, 'MediaStreamingStopped'));
    assert.equal(stopped.event.operationContext, 'stop-m');
    await advance(1_000);
    assert.equal(sockets.connections[index]?.messages.length, 101, 'no frame after the stop');
  });

  it('startMediaStreaming at 24 kHz, unmixed: frames of 480 samples named by participant', async () => {
    const index = sockets.connections.length;
    const { id, connection } = await call({
      audioChannelType: 'unmixed',
      audioFormat: 'pcm24KMono',
    });
    await connection.getCallMedia().startMediaStreaming({ operationContext: 'go' });
    const started = await listener.waitFor(ofCall(id, 'MediaStreamingStarted'));
    assert.equal(started.event.operationContext, 'go');
    await sockets.waitForMessages(1, index);
    await adminPost(running.url, `/admin/calls/${id}/speech`, {
      text: 'hello there',
      durationMs: 200,
    });
    await advance(200);
    const frames = (await sockets.waitForMessages(11, index))
      .slice(1)
      .map((t) => StreamingData.parse(t) as AudioData);
    assert.equal(frames.length, 10);
    for (const frame of frames) {
      assert.equal(pcm(frame).length, 480);
      assert.equal((frame.participant as { phoneNumber?: string }).phoneNumber, PSTN.phoneNumber);
      assert.equal(detectDtmf(pcm(frame), 24_000), undefined);
    }
    assert.ok(
      frames.some((f) => !f.isSilent),
      'the speech placeholder is heard',
    );
  });

  it('DtmfData for each key when enableDtmfTones; the app closing the socket is MediaStreamingFailed', async () => {
    const index = sockets.connections.length;
    const { id, connection } = await call({ startMediaStreaming: true, enableDtmfTones: true });
    await listener.waitFor(ofCall(id, 'MediaStreamingStarted'));
    await sockets.waitForMessages(1, index);
    await adminPost(running.url, `/admin/calls/${id}/dtmf`, { tones: '3#' });
    const [, three, pound] = await sockets.waitForMessages(3, index);
    assert.deepEqual(
      [three, pound].map((t) => StreamingData.parse(t ?? '')),
      [{ data: '3' }, { data: '#' }],
    );
    sockets.connections[index]?.socket.close();
    const failed = await listener.waitFor(ofCall(id, 'MediaStreamingFailed'));
    assert.deepEqual(failed.event.mediaStreamingUpdate, {
      contentType: 'Audio',
      mediaStreamingStatus: 'mediaStreamingFailed',
      mediaStreamingStatusDetails: 'streamConnectionInterrupted',
    });
    const props = await connection.getCallConnectionProperties();
    assert.equal(props.mediaStreamingSubscription?.state, 'inactive');
  });

  it('bidirectional: what the app sends is what the caller heard, in the call view', async () => {
    const index = sockets.connections.length;
    const { id } = await call({ startMediaStreaming: true, enableBidirectional: true });
    await listener.waitFor(ofCall(id, 'MediaStreamingStarted'));
    const app = sockets.connections[index]?.socket;
    assert.ok(app);
    const twentyMs = Buffer.alloc(640).toString('base64');
    for (let i = 0; i < 3; i++) app.send(createOutboundAudioData(twentyMs));
    app.send(createOutboundStopAudioData());
    app.send(JSON.stringify({ Kind: 'AudioData', AudioData: { Data: twentyMs }, StopAudio: null }));
    app.send('not json');
    type View = {
      mediaStreamingSocket?: {
        callerHeard?: { frames: number; durationMs: number; stops: number; rejected: number };
      };
    };
    let heard: NonNullable<View['mediaStreamingSocket']>['callerHeard'];
    for (let i = 0; i < 200 && (heard?.rejected ?? 0) < 1; i++) {
      heard = (await running.admin<View>(`/admin/calls/${id}`)).mediaStreamingSocket?.callerHeard;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(heard, { frames: 4, durationMs: 80, stops: 1, rejected: 1 });
  });
});
