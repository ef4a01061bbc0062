/**
 * HTTP layer for the caller's voice: every error path of POST /admin/calls/{id}/speech, the
 * cognitive-services rule (405 / 8522) and the setting that relaxes it, media streaming and
 * transcription operations refused for the reason the service gives, bad transport URLs, and the
 * subscriptions in the call properties. Supertest on the app, manual clock.
 */
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createEmulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';

const API = '?api-version=2026-03-12';
const CALLBACK = 'http://127.0.0.1:9/callbacks';
const CALLER = '4:+14255550123';
const PSTN = { phoneNumber: { value: '+14255550123' } };
const SPEECH = {
  callIntelligenceOptions: { cognitiveServicesEndpoint: 'https://s.example.test/' },
};
const TTS = { kind: 'text', text: { text: 'Hello' } };
const STREAM = {
  mediaStreamingOptions: {
    transportType: 'websocket',
    transportUrl: 'ws://127.0.0.1:9/media',
    audioChannelType: 'mixed',
  },
};
const TRANSCRIBE = {
  transcriptionOptions: { transportType: 'websocket', transportUrl: 'ws://127.0.0.1:9/t' },
};

function appWith(relaxed: boolean): Express {
  return createEmulator(
    testConfig({
      clock: 'manual',
      disableAuth: true,
      deliveryMaxAttempts: 1,
      allowSpeechWithoutCognitiveServices: relaxed,
    }),
  ).app;
}

describe('the caller voice over HTTP (manual clock)', () => {
  let app: Express;
  before(() => {
    app = appWith(false);
  });

  const post = (path: string, body: unknown = {}) =>
    request(app)
      .post(`${path}${API}`)
      .send(body as object);
  const admin = (path: string, body: unknown = {}) =>
    request(app)
      .post(`/admin${path}`)
      .send(body as object);
  async function call(extra: object = {}, on: Express = app): Promise<string> {
    const res = await request(on)
      .post(`/calling/callConnections${API}`)
      .send({ targets: [PSTN], callbackUri: CALLBACK, ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal((await request(on).post('/admin/clock/advance').send({ ms: 1_000 })).status, 200);
    return res.body.callConnectionId as string;
  }
  const expectError = (res: request.Response, status: number, code: string, message?: RegExp) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.headers['content-type'] ?? '', /application\/json/);
    assert.equal(res.body.error.code, code);
    if (message) assert.match(res.body.error.message, message);
  };

  describe('POST /admin/calls/{id}/speech', () => {
    it('answers 202 with the utterance, its default duration from the word count', async () => {
      const id = await call();
      const res = await admin(`/calls/${id}/speech`, { text: 'I want to pay my bill' });
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, {
        callConnectionId: id,
        participant: CALLER,
        text: 'I want to pay my bill',
        confidence: 0.9,
        durationMs: 2_400,
      });
      const view = await request(app).get(`/admin/calls/${id}`);
      assert.deepEqual(
        (view.body.utterances as { text: string }[]).map((u) => u.text),
        ['I want to pay my bill'],
      );
    });

    it('refuses an unknown call (404), an ended one (409) and each bad field (400)', async () => {
      expectError(await admin('/calls/nope/speech', { text: 'hi' }), 404, 'CallNotFound');
      const ended = await call();
      assert.equal(
        (await request(app).delete(`/calling/callConnections/${ended}${API}`)).status,
        204,
      );
      expectError(await admin(`/calls/${ended}/speech`, { text: 'hi' }), 409, 'CallEnded');
      const id = await call();
      expectError(await admin(`/calls/${id}/speech`, {}), 400, 'BadRequest', /text is required/);
      expectError(await admin(`/calls/${id}/speech`, { text: '  ' }), 400, 'BadRequest', /text/);
      expectError(
        await admin(`/calls/${id}/speech`, { text: 'hi', confidence: 1.5 }),
        400,
        'BadRequest',
        /confidence must be a number from 0 to 1/,
      );
      expectError(
        await admin(`/calls/${id}/speech`, { text: 'hi', durationMs: 0 }),
        400,
        'BadRequest',
        /durationMs must be a whole number/,
      );
      expectError(
        await admin(`/calls/${id}/speech`, { text: 'hi', participant: 7 }),
        400,
        'BadRequest',
        /participant must be a raw id/,
      );
      expectError(
        await admin(`/calls/${id}/speech`, { text: 'hi', volume: 3 }),
        400,
        'BadRequest',
        /unknown property 'volume'/,
      );
      expectError(
        await admin(`/calls/${id}/speech`, { text: 'hi', participant: '4:+10000000000' }),
        400,
        'ParticipantNotFound',
      );
      const bad = await request(app)
        .post(`/admin/calls/${id}/speech`)
        .set('content-type', 'application/json')
        .send('{"text":');
      expectError(bad, 400, 'BadRequest', /not valid JSON/);
    });
  });

  describe('the cognitive-services rule', () => {
    it('refuses TTS plays, TTS prompts, speech recognize and transcription with 405 / 8522', async () => {
      const id = await call({ ...TRANSCRIBE });
      const refused =
        /Cognitive Service Configuration not set during call setup.*--allow-speech-without-cognitive-services/;
      expectError(
        await post(`/calling/callConnections/${id}:play`, { playSources: [TTS] }),
        405,
        '8522',
        refused,
      );
      for (const type of ['speech', 'speechOrDtmf', 'choices']) {
        expectError(
          await post(`/calling/callConnections/${id}:recognize`, {
            recognizeInputType: type,
            recognizeOptions: {
              targetParticipant: { rawId: CALLER },
              choices: [{ label: 'a', phrases: ['a'] }],
            },
          }),
          405,
          '8522',
          new RegExp(`Recognize of type '${type}'`),
        );
      }
      expectError(
        await post(`/calling/callConnections/${id}:recognize`, {
          recognizeInputType: 'dtmf',
          playPrompt: TTS,
          recognizeOptions: { targetParticipant: { rawId: CALLER } },
        }),
        405,
        '8522',
        /text-to-speech recognize prompt/,
      );
      expectError(
        await post(`/calling/callConnections/${id}:startTranscription`),
        405,
        '8522',
        /Transcription needs/,
      );
      expectError(await post(`/calling/callConnections/${id}:summarizeCall`), 405, '8522');
      // Nothing was queued by the refused requests.
      const view = await request(app).get(`/admin/calls/${id}`);
      assert.deepEqual(view.body.mediaOperations, []);
    });

    it('an unknown call is still a 404, not the rule', async () => {
      expectError(
        await post(`/calling/callConnections/nope:play`, { playSources: [TTS] }),
        404,
        '8522',
      );
    });

    it('--allow-speech-without-cognitive-services lets them through', async () => {
      const relaxed = appWith(true);
      const id = await call({}, relaxed);
      const res = await request(relaxed)
        .post(`/calling/callConnections/${id}:play${API}`)
        .send({ playSources: [TTS] });
      assert.equal(res.status, 202);
    });
  });

  describe('media streaming and transcription', () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    before(() => new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve)));
    after(async () => {
      await request(app).post('/admin/reset');
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    it('a call set up without the options reports them disabled and refuses their operations', async () => {
      const id = await call(SPEECH);
      const props = await request(app).get(`/calling/callConnections/${id}${API}`);
      // Recorded answers carry an id even while disabled (test/unit/service-shapes.test.ts).
      const { id: subscriptionId, ...media } = props.body.mediaStreamingSubscription;
      assert.match(String(subscriptionId), /^[0-9a-f]{8}-[0-9a-f]{4}-/);
      assert.deepEqual(media, { state: 'disabled', subscribedContentTypes: ['audio'] });
      assert.deepEqual(props.body.transcriptionSubscription, {
        state: 'disabled',
        subscribedResultTypes: [],
      });
      for (const action of ['startMediaStreaming', 'stopMediaStreaming']) {
        expectError(
          await post(`/calling/callConnections/${id}:${action}`),
          405,
          '8522',
          /Media Streaming url not set during call setup/,
        );
      }
      for (const action of ['startTranscription', 'stopTranscription']) {
        expectError(
          await post(`/calling/callConnections/${id}:${action}`),
          405,
          '8522',
          /Transcription url not set during call setup/,
        );
      }
      expectError(
        await post(`/calling/callConnections/${id}:updateTranscription`, { locale: 'en-GB' }),
        400,
        'TranscriptionNotStarted',
      );
    });

    it('a transport URL without ws or wss, or an endpoint that is not a URL, is a 400', async () => {
      const res = await post('/calling/callConnections', {
        targets: [PSTN],
        callbackUri: CALLBACK,
        mediaStreamingOptions: { ...STREAM.mediaStreamingOptions, transportUrl: 'http://x.test/m' },
        transcriptionOptions: { transportType: 'websocket', transportUrl: 'not a url' },
        callIntelligenceOptions: { cognitiveServicesEndpoint: 'nope' },
      });
      expectError(res, 400, 'BadRequest', /mediaStreamingOptions.transportUrl must use ws or wss/);
      assert.match(res.body.error.message, /transcriptionOptions.transportUrl must be an absolute/);
      assert.match(res.body.error.message, /cognitiveServicesEndpoint must be an absolute URL/);
    });

    it('answerCall checks the same options before it takes the incoming call', async () => {
      const placed = await admin('/incoming-calls', { from: CALLER, to: '4:+18005550100' });
      assert.equal(placed.status, 201);
      const context = placed.body.incomingCallContext as string;
      const answer = (extra: object) =>
        post('/calling/callConnections:answer', {
          incomingCallContext: context,
          callbackUri: CALLBACK,
          ...extra,
        });
      expectError(
        await answer({
          mediaStreamingOptions: { ...STREAM.mediaStreamingOptions, transportUrl: 'ftp://x.test' },
        }),
        400,
        'BadRequest',
        /mediaStreamingOptions.transportUrl must use ws or wss/,
      );
      const answered = await answer({ ...SPEECH, ...STREAM });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.equal(answered.body.mediaStreamingSubscription.state, 'inactive');
    });

    it('start twice is a 400; a stop of what is not running is accepted without an event', async () => {
      // A server that accepts the TCP connection and never answers the upgrade keeps both
      // subscriptions dialling (`starting`) for the whole test.
      const url = `ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
      const id = await call({
        ...SPEECH,
        mediaStreamingOptions: { ...STREAM.mediaStreamingOptions, transportUrl: `${url}/m` },
        transcriptionOptions: { transportType: 'websocket', transportUrl: `${url}/t` },
      });
      const media = await request(app).get(`/calling/callConnections/${id}${API}`);
      assert.equal(media.body.mediaStreamingSubscription.state, 'inactive');
      assert.equal(media.body.transcriptionSubscription.locale, 'en-US');
      assert.equal((await post(`/calling/callConnections/${id}:stopMediaStreaming`)).status, 202);
      assert.equal((await post(`/calling/callConnections/${id}:startMediaStreaming`)).status, 202);
      expectError(
        await post(`/calling/callConnections/${id}:startMediaStreaming`),
        400,
        'MediaStreamingAlreadyStarted',
      );
      assert.equal((await post(`/calling/callConnections/${id}:startTranscription`)).status, 202);
      expectError(
        await post(`/calling/callConnections/${id}:startTranscription`),
        400,
        'TranscriptionAlreadyStarted',
      );
      const events = await request(app).get(`/admin/events?callConnectionId=${id}`);
      const names = (events.body.value as { type: string }[]).map((e) => e.type);
      assert.ok(!names.includes('Microsoft.Communication.MediaStreamingStopped'));
    });

    it('summarizeCall answers 202 and sends the synthetic summary of what was said', async () => {
      const id = await call(SPEECH);
      await admin(`/calls/${id}/speech`, { text: 'My card was charged twice' });
      const res = await post(`/calling/callConnections/${id}:summarizeCall`, {
        operationContext: 'sum',
      });
      assert.equal(res.status, 202);
      const events = await request(app).get(
        `/admin/events?callConnectionId=${id}&type=TranscriptionCallSummaryUpdated`,
      );
      const [summary] = events.body.value as { event: { data: Record<string, unknown> } }[];
      assert.equal(summary?.event.data.operationContext, 'sum');
      const update = summary?.event.data.transcriptionUpdate as Record<string, string>;
      assert.equal(update.transcriptionStatus, 'callSummaryUpdated');
      assert.match(
        update.transcriptionMessage ?? '',
        /Synthetic summary.*"My card was charged twice"/,
      );
    });
  });
});
