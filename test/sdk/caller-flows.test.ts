/**
 * The simulated caller through the official SDK against a real emulator and a real webhook, one
 * scenario per flow: incoming call -> answer -> play + recognize -> keys; continuous recognition
 * receiving keys; sendDtmfTones; the caller hanging up in the middle of a recognize.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DtmfTone,
  type CallAutomationClient,
  type CallConnection,
  type FileSource,
} from '@azure/communication-call-automation';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import {
  startCallbackListener,
  type CallbackListener,
  type ReceivedCallback,
  ofCall,
} from '../helpers/callback-listener.js';
import { adminGet, adminPost } from '../helpers/admin-client.js';
import { DEFAULTS } from '../../src/config.js';

const CALLER = { phoneNumber: '+14255550123' };
const CALLER_RAW = '4:+14255550123';
const OUR_NUMBER = '4:+18005550100';
const MENU: FileSource = { kind: 'fileSource', url: 'https://example.test/menu.wav' };

interface AdminCallView {
  callConnectionState: string;
  endedBy?: string;
  tonesPressed: string;
  mediaOperations: { kind: string; status: string }[];
  sentDtmf: { keys: string; status: string; operationContext?: string; at: string }[];
}

describe('the simulated caller through the SDK', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let client: CallAutomationClient;

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({
      playSourceDurationMs: 20,
      sendDtmfToneMs: 5,
      incomingCallWebhook: listener.url('/api/incoming-call'),
    });
    client = running.client();
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });
  beforeEach(() => {
    listener.received.length = 0;
  });

  const kinds = (events: ReceivedCallback[]) => events.map((e) => e.event.kind);
  const press = (id: string, tones: string, extra: Record<string, unknown> = {}) =>
    adminPost(running.url, `/admin/calls/${id}/dtmf`, { tones, ...extra });

  /** Places an incoming call, takes its context from the Event Grid delivery, answers it. */
  async function answeredCall(): Promise<{ id: string; connection: CallConnection }> {
    const placed = await adminPost<{ incomingCallContext: string; serverCallId: string }>(
      running.url,
      '/admin/incoming-calls',
      { from: CALLER_RAW, to: OUR_NUMBER, callerDisplayName: 'Test Caller' },
    );
    assert.equal(placed.status, 201);
    const notice = await listener.waitFor(
      (c) =>
        c.event.kind === 'Microsoft.Communication.IncomingCall' &&
        c.event.incomingCallContext === placed.body.incomingCallContext,
    );
    assert.equal(notice.path, '/api/incoming-call');
    const answered = await client.answerCall(
      notice.event.incomingCallContext as string,
      listener.url(),
      { operationContext: 'answer-ctx' },
    );
    const id = answered.callConnectionProperties.callConnectionId as string;
    assert.equal(answered.callConnectionProperties.serverCallId, placed.body.serverCallId);
    const connected = await listener.waitFor(ofCall(id, 'CallConnected'));
    assert.equal(connected.event.operationContext, 'answer-ctx');
    return { id, connection: answered.callConnection };
  }

  it('IncomingCall arrives as an Event Grid event with the swagger IncomingCall data', async () => {
    await adminPost(running.url, '/admin/incoming-calls', {
      from: { phoneNumber: { value: '+14255550123' } },
      to: OUR_NUMBER,
      callerDisplayName: 'Test Caller',
    });
    const notice = await listener.waitFor(
      (c) => c.event.kind === 'Microsoft.Communication.IncomingCall',
    );
    const [event] = notice.body as Record<string, unknown>[];
    assert.equal((notice.body as unknown[]).length, 1);
    assert.equal(event?.eventType, 'Microsoft.Communication.IncomingCall');
    assert.equal(event?.dataVersion, '1.0');
    const data = event?.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(data).sort(), [
      'callerDisplayName',
      'correlationId',
      'from',
      'incomingCallContext',
      'serverCallId',
      'to',
    ]);
    assert.deepEqual(data.from, {
      kind: 'phoneNumber',
      rawId: CALLER_RAW,
      phoneNumber: { value: '+14255550123' },
    });
    assert.equal((data.to as { rawId: string }).rawId, OUR_NUMBER);
  });

  it('answer -> play + recognize -> caller presses "1234#" -> RecognizeCompleted with the stop-tone code', async () => {
    const { id, connection } = await answeredCall();
    const props = await connection.getCallConnectionProperties();
    assert.equal(props.callConnectionState, 'connected');
    assert.deepEqual(props.answeredFor, { phoneNumber: '+18005550100' });

    const media = connection.getCallMedia();
    await media.playToAll([MENU], { operationContext: 'menu' });
    await media.startRecognizing(CALLER, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 10,
      stopDtmfTones: [DtmfTone.Pound],
      interruptPrompt: true,
      playPrompt: MENU,
      initialSilenceTimeoutInSeconds: 30,
      operationContext: 'collect-pin',
    });
    // The recognize waits behind the play; once the play completes it runs (its prompt can be
    // interrupted, so keys count from now on).
    await listener.waitFor(ofCall(id, 'PlayCompleted'));
    const pressed = await press(id, '1234#');
    assert.equal(pressed.status, 202);

    const done = await listener.waitFor(ofCall(id, 'RecognizeCompleted'));
    assert.equal(done.event.operationContext, 'collect-pin');
    assert.equal(done.event.recognitionType, 'dtmf');
    assert.deepEqual(done.event.dtmfResult, { tones: ['one', 'two', 'three', 'four'] });
    assert.deepEqual(done.event.resultInformation, {
      code: 200,
      subCode: 8514,
      message: 'Action completed as stop tone was detected.',
    });
    assert.deepEqual(kinds(listener.received.filter(ofCall(id))), [
      'CallConnected',
      'ParticipantsUpdated',
      'PlayStarted',
      'PlayCompleted',
      'RecognizeCompleted',
    ]);
    const view = (await adminGet<AdminCallView>(running.url, `/admin/calls/${id}`)).body;
    assert.equal(view.tonesPressed, '1234#');
    assert.deepEqual(view.mediaOperations, []);
  });

  it('continuous recognition receives "5*9" as three ToneReceived events, sequenceId 1, 2, 3', async () => {
    const { id, connection } = await answeredCall();
    const media = connection.getCallMedia();
    await media.startContinuousDtmfRecognition(CALLER, { operationContext: 'dtmf-start' });
    await press(id, '5*9');
    const tones = await listener.waitForCount(
      ofCall(id, 'ContinuousDtmfRecognitionToneReceived'),
      3,
    );
    assert.deepEqual(
      tones.map((t) => [t.event.tone, t.event.sequenceId, t.event.operationContext]),
      [
        ['five', 1, 'dtmf-start'],
        ['asterisk', 2, 'dtmf-start'],
        ['nine', 3, 'dtmf-start'],
      ],
    );
    // tone and sequenceId sit at the top level of data, as the SDK types expect.
    const data = (tones[0]?.body as { data: Record<string, unknown> }[])[0]?.data;
    assert.equal(data?.tone, 'five');
    assert.equal(data?.sequenceId, 1);

    // Stopped, keys make no event; restarted, the sequence continues for the call without gaps.
    await media.stopContinuousDtmfRecognition(CALLER, { operationContext: 'dtmf-stop' });
    await press(id, '7');
    await media.startContinuousDtmfRecognition(CALLER, { operationContext: 'again' });
    await press(id, '0', { intervalMs: 10 });
    const fourth = await listener.waitFor(
      (c) => ofCall(id, 'ContinuousDtmfRecognitionToneReceived')(c) && c.event.tone === 'zero',
    );
    assert.equal(fourth.event.sequenceId, 4);
    assert.equal(fourth.event.operationContext, 'again');
    assert.equal(
      listener.received.filter(ofCall(id, 'ContinuousDtmfRecognitionToneReceived')).length,
      4,
    );
  });

  it('a key during a recognize feeds both continuous recognition and the recognize', async () => {
    const { id, connection } = await answeredCall();
    const media = connection.getCallMedia();
    await media.startContinuousDtmfRecognition(CALLER, { operationContext: 'cont' });
    await media.startRecognizing(CALLER, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1,
      initialSilenceTimeoutInSeconds: 30,
      operationContext: 'one-key',
    });
    await press(id, '3');
    const [tone, recognized] = await listener.waitForCount(
      (c) =>
        ofCall(id)(c) &&
        ['ContinuousDtmfRecognitionToneReceived', 'RecognizeCompleted'].includes(c.event.kind),
      2,
    );
    assert.equal(tone?.event.kind, 'ContinuousDtmfRecognitionToneReceived');
    assert.equal(recognized?.event.kind, 'RecognizeCompleted');
    assert.deepEqual(recognized?.event.dtmfResult, { tones: ['three'] });
    assert.equal(recognized?.event.resultInformation?.subCode, 8531);
  });

  it('sendDtmfTones answers with its context, then SendDtmfTonesCompleted; the control API shows the keys', async () => {
    const { id, connection } = await answeredCall();
    const result = await connection
      .getCallMedia()
      .sendDtmfTones([DtmfTone.One, DtmfTone.Two, DtmfTone.Pound], CALLER, {
        operationContext: 'dtmf-send',
      });
    assert.equal(result.operationContext, 'dtmf-send');
    const completed = await listener.waitFor(ofCall(id, 'SendDtmfTonesCompleted'));
    assert.equal(completed.event.operationContext, 'dtmf-send');
    assert.equal(completed.event.resultInformation?.code, 200);
    const view = (await adminGet<AdminCallView>(running.url, `/admin/calls/${id}`)).body;
    assert.deepEqual(view.sentDtmf, [
      {
        targetParticipant: CALLER_RAW,
        tones: ['one', 'two', 'pound'],
        keys: '12#',
        operationContext: 'dtmf-send',
        status: 'completed',
        at: view.sentDtmf[0]?.at,
      },
    ]);
  });

  it('the caller hangs up in the middle of a recognize: its events, then CallDisconnected', async () => {
    const { id, connection } = await answeredCall();
    const media = connection.getCallMedia();
    await media.startContinuousDtmfRecognition(CALLER, { operationContext: 'cont' });
    await media.startRecognizing(CALLER, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 4,
      initialSilenceTimeoutInSeconds: 60,
      operationContext: 'pin',
    });
    await press(id, '12');
    await listener.waitForCount(ofCall(id, 'ContinuousDtmfRecognitionToneReceived'), 2);
    const hungUp = await adminPost(running.url, `/admin/calls/${id}/hang-up`);
    assert.equal(hungUp.status, 202);
    const disconnected = await listener.waitFor(ofCall(id, 'CallDisconnected'));
    assert.equal(disconnected.event.operationContext, 'answer-ctx');
    assert.deepEqual(kinds(listener.received.filter(ofCall(id))).slice(-3), [
      'RecognizeFailed',
      'ContinuousDtmfRecognitionStopped',
      'CallDisconnected',
    ]);
    const failed = listener.received.find(ofCall(id, 'RecognizeFailed'));
    assert.equal(failed?.event.operationContext, 'pin');
    assert.equal(failed?.event.resultInformation?.subCode, 8508);
    const view = (await adminGet<AdminCallView>(running.url, `/admin/calls/${id}`)).body;
    assert.equal(view.callConnectionState, 'disconnected');
    assert.equal(view.endedBy, 'remoteHangUp');
    await assert.rejects(connection.getCallConnectionProperties(), { statusCode: 404 });
  });

  it('cancelAllOperations cancels a looping play and the recognize queued behind it', async () => {
    const { id, connection } = await answeredCall();
    const media = connection.getCallMedia();
    await media.playToAll([MENU], { operationContext: 'hold-music', loop: true });
    await media.startRecognizing(CALLER, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1,
      operationContext: 'queued',
    });
    await media.cancelAllOperations();
    const events = await listener.waitForCount(
      (c) =>
        ofCall(id)(c) && c.event.kind !== 'CallConnected' && c.event.kind !== 'ParticipantsUpdated',
      3,
    );
    assert.deepEqual(
      events.map((e) => `${e.event.kind}(${e.event.operationContext})`),
      ['PlayStarted(hold-music)', 'PlayCanceled(hold-music)', 'RecognizeCanceled(queued)'],
    );
    assert.equal(events[1]?.event.resultInformation?.subCode, 8508);
  });

  it('lists the participants and gets one by identifier', async () => {
    const { connection } = await answeredCall();
    const { values } = await connection.listParticipants();
    // The caller, then the resource's own identity (as an answered PSTN call lists them).
    const resource = `8:acs:${DEFAULTS.acsResourceId}_00000000-0000-0000-0000-000000000000`;
    assert.deepEqual(values, [
      {
        identifier: { phoneNumber: '+14255550123', rawId: CALLER_RAW },
        isMuted: false,
        isOnHold: false,
      },
      {
        identifier: { communicationUserId: resource },
        isMuted: false,
        isOnHold: false,
      },
    ]);
    const one = await connection.getParticipant(CALLER);
    assert.deepEqual(one.identifier, { phoneNumber: '+14255550123', rawId: CALLER_RAW });
    await assert.rejects(connection.getParticipant({ phoneNumber: '+19995550000' }), {
      statusCode: 404,
      code: 'ParticipantNotFound',
    });
  });

  it('a rejected or redirected call cannot be answered afterwards', async () => {
    for (const act of ['reject', 'redirect'] as const) {
      const placed = await adminPost<{ incomingCallContext: string }>(
        running.url,
        '/admin/incoming-calls',
        { from: CALLER_RAW, to: OUR_NUMBER, webhookUrl: listener.url('/api/other') },
      );
      const context = placed.body.incomingCallContext;
      if (act === 'reject') await client.rejectCall(context, { callRejectReason: 'busy' });
      else
        await client.redirectCall(context, { targetParticipant: { phoneNumber: '+14255550199' } });
      await assert.rejects(client.answerCall(context, listener.url()), {
        statusCode: 409,
        code: 'IncomingCallAlreadyHandled',
      });
      const list = await adminGet<{ value: { incomingCallContext: string; status: string }[] }>(
        running.url,
        '/admin/incoming-calls',
      );
      const entry = list.body.value.find((i) => i.incomingCallContext === context);
      assert.equal(entry?.status, act === 'reject' ? 'rejected' : 'redirected');
    }
  });
});
