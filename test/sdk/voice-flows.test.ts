/**
 * The caller speaks, through the official SDK against a real emulator, a real webhook parsed with
 * parseCallAutomationEvent and a real `ws` server: a speech menu, speechOrDtmf won by a key, a
 * no-match, text-to-speech refused without cognitive services, and live transcription of two
 * utterances parsed with the SDK's own StreamingData parser.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DtmfTone,
  StreamingData,
  type CallAutomationClient,
  type CallConnection,
  type TextSource,
  type TranscriptionData,
  type TranscriptionMetadata,
} from '@azure/communication-call-automation';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import {
  ofCall,
  startCallbackListener,
  type CallbackListener,
} from '../helpers/callback-listener.js';
import { adminPost } from '../helpers/admin-client.js';
import { startSocketServer, type TestSocketServer } from '../helpers/ws-server.js';

const PSTN = { phoneNumber: '+14255550123' };
const CALLER_RAW = '4:+14255550123';
const SPEECH = { cognitiveServicesEndpoint: 'https://speech.example.test/' };
const PROMPT: TextSource = { kind: 'textSource', text: 'Say billing or support.' };
const MENU = [
  { label: 'billing', phrases: ['billing', 'pay my bill'], tone: DtmfTone.One },
  { label: 'support', phrases: ['support', 'help'], tone: DtmfTone.Two },
];

describe('the caller speaks, through the SDK', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let client: CallAutomationClient;
  let sockets: TestSocketServer;

  before(async () => {
    listener = await startCallbackListener();
    sockets = await startSocketServer();
    running = await startEmulator({ playSourceDurationMs: 20 });
    client = running.client();
  });
  after(async () => {
    await running.stop();
    await listener.close();
    await sockets.close();
  });
  beforeEach(() => {
    listener.received.length = 0;
  });

  async function call(options: Record<string, unknown> = {}): Promise<{
    id: string;
    connection: CallConnection;
  }> {
    const created = await client.createCall({ targetParticipant: PSTN }, listener.url(), options);
    const id = created.callConnectionProperties.callConnectionId as string;
    await listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, connection: created.callConnection };
  }
  const say = (id: string, text: string, extra: Record<string, unknown> = {}) =>
    adminPost(running.url, `/admin/calls/${id}/speech`, { text, durationMs: 40, ...extra });

  it('a speech menu answered by the caller saying a choice', async () => {
    const { id, connection } = await call({ callIntelligenceOptions: SPEECH });
    await connection.getCallMedia().startRecognizing(PSTN, {
      kind: 'callMediaRecognizeChoiceOptions',
      choices: MENU,
      playPrompt: PROMPT,
      interruptPrompt: true,
      operationContext: 'menu',
    });
    const spoken = await say(id, 'Support, please!', { confidence: 0.87 });
    assert.equal(spoken.status, 202);
    assert.equal(spoken.body.participant, CALLER_RAW);
    const done = await listener.waitFor(ofCall(id, 'RecognizeCompleted'));
    assert.equal(done.event.operationContext, 'menu');
    assert.equal(done.event.recognitionType, 'choices');
    assert.deepEqual(done.event.choiceResult, {
      label: 'support',
      recognizedPhrase: 'support',
      confidence: 0.87,
    });
    assert.equal(done.event.resultInformation?.subCode, 8545);
  });

  it('speechOrDtmf is won by a key pressed before any speech', async () => {
    const { id, connection } = await call({ callIntelligenceOptions: SPEECH });
    await connection.getCallMedia().startRecognizing(PSTN, {
      kind: 'callMediaRecognizeSpeechOrDtmfOptions',
      maxTonesToCollect: 1,
      operationContext: 'either',
    });
    assert.equal(
      (await adminPost(running.url, `/admin/calls/${id}/dtmf`, { tones: '7' })).status,
      202,
    );
    await say(id, 'billing');
    const done = await listener.waitFor(ofCall(id, 'RecognizeCompleted'));
    assert.equal(done.event.recognitionType, 'dtmf');
    assert.deepEqual(done.event.dtmfResult, { tones: ['seven'] });
    // Speech after the answer changes nothing: one ending only.
    await say(id, 'support');
    assert.equal(listener.received.filter(ofCall(id, 'RecognizeCompleted')).length, 1);
  });

  it('speech recognize returns the words; a phrase that matches no choice fails with 8547', async () => {
    const { id, connection } = await call({ callIntelligenceOptions: SPEECH });
    const media = connection.getCallMedia();
    await media.startRecognizing(PSTN, {
      kind: 'callMediaRecognizeSpeechOptions',
      operationContext: 'free',
    });
    await say(id, 'I want to pay my bill', { confidence: 0.7 });
    const heard = await listener.waitFor(ofCall(id, 'RecognizeCompleted'));
    assert.equal(heard.event.recognitionType, 'speech');
    assert.deepEqual(heard.event.speechResult, {
      speech: 'I want to pay my bill',
      confidence: 0.7,
    });

    await media.startRecognizing(PSTN, {
      kind: 'callMediaRecognizeChoiceOptions',
      choices: MENU,
      operationContext: 'menu-again',
    });
    await say(id, 'cancel my subscription');
    const failed = await listener.waitFor(ofCall(id, 'RecognizeFailed'));
    assert.equal(failed.event.operationContext, 'menu-again');
    assert.equal(failed.event.resultInformation?.code, 400);
    assert.equal(failed.event.resultInformation?.subCode, 8547);
  });

  it('text-to-speech and speech recognition are refused on a call without cognitive services', async () => {
    const { connection } = await call();
    const media = connection.getCallMedia();
    const refused = { statusCode: 405, code: '8522' };
    await assert.rejects(media.playToAll([PROMPT]), (err: Error & typeof refused) => {
      assert.equal(err.statusCode, refused.statusCode);
      assert.equal(err.code, refused.code);
      assert.match(err.message, /Cognitive Service Configuration not set during call setup/);
      assert.match(err.message, /--allow-speech-without-cognitive-services/);
      return true;
    });
    await assert.rejects(
      media.startRecognizing(PSTN, { kind: 'callMediaRecognizeChoiceOptions', choices: MENU }),
      refused,
    );
    // DTMF with a file prompt needs no speech services.
    await media.startRecognizing(PSTN, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1,
    });
  });

  it('transcription of two utterances arrives on the app WebSocket, in order', async () => {
    const before = sockets.connections.length;
    const { id, connection } = await call({
      callIntelligenceOptions: SPEECH,
      transcriptionOptions: {
        transportType: 'websocket',
        transportUrl: sockets.url,
        locale: 'en-GB',
        startTranscription: true,
      },
    });
    const started = await listener.waitFor(ofCall(id, 'TranscriptionStarted'));
    assert.deepEqual(started.event.transcriptionUpdate, {
      transcriptionStatus: 'transcriptionStarted',
      transcriptionStatusDetails: 'subscriptionStarted',
    });
    const props = await connection.getCallConnectionProperties();
    assert.equal(props.transcriptionSubscription?.state, 'active');
    await say(id, 'Hello there');
    await say(id, 'I need help with my bill', { confidence: 0.66, durationMs: 60 });
    const messages = (await sockets.waitForMessages(3, before)).map((m) => StreamingData.parse(m));
    const metadata = messages[0] as TranscriptionMetadata;
    assert.equal(metadata.callConnectionId, id);
    assert.equal(metadata.locale, 'en-GB');
    assert.equal(metadata.subscriptionId, props.transcriptionSubscription?.id);
    const [first, second] = messages.slice(1) as TranscriptionData[];
    assert.equal(first?.text, 'Hello there');
    assert.equal(second?.text, 'I need help with my bill');
    assert.equal(second?.confidence, 0.66);
    assert.equal(second?.resultState, 'Final');
    assert.equal(second?.durationInTicks, 600_000);
    assert.deepEqual(
      second?.words.map((w) => w.text),
      ['I', 'need', 'help', 'with', 'my', 'bill'],
    );
    assert.equal((second?.participant as { phoneNumber?: string }).phoneNumber, '+14255550123');
    assert.ok((second?.offsetInTicks ?? 0) >= (first?.offsetInTicks ?? 0));
    assert.equal(sockets.connections[before]?.headers['x-ms-call-connection-id'], id);

    await connection.getCallMedia().stopTranscription({ operationContext: 'stop-t' });
    const stopped = await listener.waitFor(ofCall(id, 'TranscriptionStopped'));
    assert.equal(stopped.event.operationContext, 'stop-t');
  });

  it('intermediate results when asked for; updateTranscription changes the locale', async () => {
    const index = sockets.connections.length;
    const { id, connection } = await call({
      callIntelligenceOptions: SPEECH,
      transcriptionOptions: {
        transportType: 'websocket',
        transportUrl: sockets.url,
        locale: 'en-US',
        startTranscription: true,
        enableIntermediateResults: true,
      },
    });
    await listener.waitFor(ofCall(id, 'TranscriptionStarted'));
    await say(id, 'one two three four', { durationMs: 80 });
    const messages = (await sockets.waitForMessages(3, index))
      .slice(1)
      .map((m) => StreamingData.parse(m) as TranscriptionData);
    assert.deepEqual(
      messages.map((m) => [m.text, m.resultState]),
      [
        ['one two', 'Intermediate'],
        ['one two three four', 'Final'],
      ],
    );
    await connection.getCallMedia().updateTranscription('en-AU', { operationContext: 'upd' });
    const updated = await listener.waitFor(ofCall(id, 'TranscriptionUpdated'));
    assert.equal(updated.event.operationContext, 'upd');
    const props = await connection.getCallConnectionProperties();
    assert.equal(props.transcriptionSubscription?.locale, 'en-AU');
  });

  it('a transport URL that refuses the connection gives TranscriptionFailed 8578', async () => {
    const { id, connection } = await call({
      callIntelligenceOptions: SPEECH,
      transcriptionOptions: {
        transportType: 'websocket',
        transportUrl: 'ws://127.0.0.1:9/refused',
        locale: 'en-US',
      },
    });
    await connection.getCallMedia().startTranscription({ operationContext: 'try' });
    const failed = await listener.waitFor(ofCall(id, 'TranscriptionFailed'));
    assert.equal(failed.event.operationContext, 'try');
    assert.equal(failed.event.resultInformation?.subCode, 8578);
    assert.deepEqual(failed.event.transcriptionUpdate, {
      transcriptionStatus: 'transcriptionFailed',
      transcriptionStatusDetails: 'streamConnectionUnsuccessful',
    });
    const props = await connection.getCallConnectionProperties();
    assert.equal(props.transcriptionSubscription?.state, 'inactive');
  });
});
