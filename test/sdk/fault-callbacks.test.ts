/**
 * Callback fault rules and operation outcomes through the official SDK and a real webhook:
 * drop, duplicate, reorder, delayEvent; failOperation on sendDtmfTones, play and recognize;
 * failTone under continuous recognition. Absence is proven by order: events of one call are
 * delivered in order, so once a later event arrived, an earlier one would have too.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DtmfTone,
  type CallAutomationClient,
  type FileSource,
} from '@azure/communication-call-automation';
import { EmulatorClientError } from '../../src/index.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { type ReceivedCallback, ofCall } from '../helpers/callback-listener.js';
import { PSTN, placeConnectedCall, type PlacedCall } from '../helpers/call-driver.js';
import { adminPost } from '../helpers/admin-client.js';

const MENU: FileSource = { kind: 'fileSource', url: 'https://example.test/menu.wav' };
const TONE_RECEIVED = 'ContinuousDtmfRecognitionToneReceived';

describe('callback fault rules through the SDK', () => {
  const fx = useEmulator({ playSourceDurationMs: 10, sendDtmfToneMs: 5 }, { resetEach: true });
  let client: CallAutomationClient;
  before(() => {
    client = fx.running.client();
  });

  const press = (id: string, tones: string) =>
    adminPost(fx.running.url, `/admin/calls/${id}/dtmf`, { tones });
  const call = () => placeConnectedCall(client, fx.control, fx.listener.url());

  /** Hangs up and waits for CallDisconnected: every earlier event of the call has been sent. */
  async function finish(placed: PlacedCall): Promise<ReceivedCallback[]> {
    await placed.connection.hangUp(false);
    await fx.listener.waitFor(ofCall(placed.id, 'CallDisconnected'));
    return fx.listener.received.filter(ofCall(placed.id));
  }

  it('drop: the event never arrives, waiting for its delivery times out, the journal says dropped', async () => {
    const placed = await call();
    const rule = await fx.control.addFault({
      match: { eventType: 'ContinuousDtmfRecognitionStopped', callConnectionId: placed.id },
      action: { type: 'drop' },
      times: 1,
    });
    const media = placed.connection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN);
    await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'dropped' });

    await assert.rejects(
      fx.control.waitForEvent({
        callConnectionId: placed.id,
        type: 'ContinuousDtmfRecognitionStopped',
        status: 'delivered',
        timeoutMs: 200,
      }),
      (err) => err instanceof EmulatorClientError && err.status === 408,
    );
    const [dropped] = await fx.control.listEvents({
      callConnectionId: placed.id,
      status: 'dropped',
    });
    assert.equal(dropped?.type, 'Microsoft.Communication.ContinuousDtmfRecognitionStopped');
    assert.equal(dropped?.event.data.operationContext, 'dropped');
    assert.deepEqual(dropped?.attempts, []);
    assert.deepEqual(dropped?.faults, [{ ruleId: rule.id, action: 'drop' }]);

    const received = await finish(placed);
    assert.deepEqual(
      received.map((c) => c.event.kind),
      ['CallConnected', 'ParticipantsUpdated', 'CallDisconnected'],
    );
  });

  it('duplicate: the webhook receives the same event id twice (copies: 2 -> three times)', async () => {
    const placed = await call();
    await fx.control.addFault({
      match: { eventType: 'ContinuousDtmfRecognitionStopped' },
      action: { type: 'duplicate' },
      times: 1,
    });
    const media = placed.connection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN);
    await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'twice' });
    const twice = await fx.listener.waitForCount(
      ofCall(placed.id, 'ContinuousDtmfRecognitionStopped'),
      2,
    );
    const ids = twice.map((c) => (c.body as { id: string }[])[0]?.id);
    assert.equal(ids[0], ids[1]);
    const records = await fx.control.listEvents({
      callConnectionId: placed.id,
      type: 'ContinuousDtmfRecognitionStopped',
    });
    assert.deepEqual(
      records.map((r) => r.faults?.[0]?.copy),
      [undefined, 1],
    );

    await fx.control.addFault({
      match: { eventType: 'ContinuousDtmfRecognitionStopped' },
      action: { type: 'duplicate', copies: 2 },
      times: 1,
    });
    await media.startContinuousDtmfRecognition(PSTN);
    await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'thrice' });
    const received = await finish(placed);
    assert.equal(
      received.filter((c) => c.event.operationContext === 'thrice').length,
      3,
      'the original and two copies',
    );
  });

  it('reorder: the held event arrives after the next event of the same call', async () => {
    const placed = await call();
    await placed.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    const rule = await fx.control.addFault({
      match: { eventType: TONE_RECEIVED, callConnectionId: placed.id },
      action: { type: 'reorder' },
      times: 1,
    });
    await press(placed.id, '12');
    const tones = await fx.listener.waitForCount(ofCall(placed.id, TONE_RECEIVED), 2);
    assert.deepEqual(
      tones.map((c) => [c.event.tone, c.event.sequenceId]),
      [
        ['two', 2],
        ['one', 1],
      ],
    );
    const records = await fx.control.listEvents({
      callConnectionId: placed.id,
      type: TONE_RECEIVED,
    });
    assert.deepEqual(
      records.map((r) => [r.event.data.sequenceId, r.faults]),
      [
        [2, undefined],
        [1, [{ ruleId: rule.id, action: 'reorder' }]],
      ],
      'journaled in the order sent',
    );
    assert.equal(fx.running.emulator.faults.timers.size, 0, 'the hold timer was cleared');
  });

  it('reorder with no next event: it goes out on its own after maxHoldMs', async () => {
    const placed = await call();
    await placed.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    await fx.control.addFault({
      match: { eventType: TONE_RECEIVED },
      action: { type: 'reorder', maxHoldMs: 20 },
      times: 1,
    });
    await press(placed.id, '5');
    const tone = await fx.listener.waitFor(ofCall(placed.id, TONE_RECEIVED));
    assert.equal(tone.event.tone, 'five');
  });

  it('delayEvent: the event is sent late and later events of the call go on time', async () => {
    const placed = await call();
    await placed.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    const rule = await fx.control.addFault({
      match: { eventType: TONE_RECEIVED },
      action: { type: 'delayEvent', ms: 100 },
      times: 1,
    });
    // Both keys in one press: the second tone is produced in the same tick as the delayed first.
    await press(placed.id, '12');
    const tones = await fx.listener.waitForCount(ofCall(placed.id, TONE_RECEIVED), 2);
    assert.deepEqual(
      tones.map((c) => c.event.sequenceId),
      [2, 1],
    );
    const delayed = (
      await fx.control.listEvents({ callConnectionId: placed.id, type: TONE_RECEIVED })
    ).find((r) => r.event.data.sequenceId === 1);
    assert.deepEqual(delayed?.faults, [{ ruleId: rule.id, action: 'delayEvent', ms: 100 }]);
  });

  it('a held event is forgotten on POST /admin/reset and its timer cleared', async () => {
    const placed = await call();
    await placed.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    await fx.control.addFault({
      match: { eventType: TONE_RECEIVED },
      action: { type: 'delayEvent', ms: 300_000 },
    });
    await press(placed.id, '1');
    assert.equal(fx.running.emulator.faults.timers.size, 1);
    await fx.control.reset();
    assert.equal(fx.running.emulator.faults.timers.size, 0);
    assert.deepEqual(await fx.control.listEvents(), []);
  });

  it('failOperation on sendDtmfTones: 202, then SendDtmfTonesFailed with the given result', async () => {
    const placed = await call();
    const rule = await fx.control.addFault({
      match: { operation: 'CallMedia_SendDtmfTones', callConnectionId: placed.id },
      action: {
        type: 'failOperation',
        resultInformation: { code: 400, subCode: 8539, message: 'Tone not sent.' },
      },
      times: 1,
    });
    const result = await placed.connection
      .getCallMedia()
      .sendDtmfTones([DtmfTone.One], PSTN, { operationContext: 'send-1' });
    assert.equal(result.operationContext, 'send-1');
    const failed = await fx.listener.waitFor(ofCall(placed.id, 'SendDtmfTonesFailed'));
    assert.deepEqual(failed.event.resultInformation, {
      code: 400,
      subCode: 8539,
      message: 'Tone not sent.',
    });
    assert.equal(failed.event.operationContext, 'send-1');
    const [request] = await fx.control.listRequests({
      callConnectionId: placed.id,
      operation: 'CallMedia_SendDtmfTones',
    });
    assert.equal(request?.status, 202);
    assert.deepEqual(request?.faults, [{ ruleId: rule.id, action: 'failOperation' }]);
    const [record] = await fx.control.listEvents({
      callConnectionId: placed.id,
      type: 'SendDtmfTonesFailed',
    });
    assert.deepEqual(record?.faults, [{ ruleId: rule.id, action: 'failOperation' }]);

    // times 1: the next send completes.
    await placed.connection
      .getCallMedia()
      .sendDtmfTones([DtmfTone.Two], PSTN, { operationContext: 'send-2' });
    const completed = await fx.listener.waitFor(ofCall(placed.id, 'SendDtmfTonesCompleted'));
    assert.equal(completed.event.operationContext, 'send-2');
  });

  it('failOperation is not used up by a request the emulator refuses', async () => {
    const placed = await call();
    await fx.control.addFault({
      match: { operation: 'CallMedia_SendDtmfTones' },
      action: { type: 'failOperation', resultInformation: { code: 400, subCode: 1 } },
      times: 1,
    });
    await assert.rejects(
      placed.connection
        .getCallMedia()
        .sendDtmfTones([DtmfTone.One], { communicationUserId: '8:acs:x' }),
      { statusCode: 400 },
    );
    assert.equal((await fx.control.listFaults())[0]?.times, 1);
  });

  it('failOperation on play: PlayFailed (no PlayStarted); on recognize: RecognizeFailed', async () => {
    const placed = await call();
    await fx.control.addFault({
      match: { operation: 'CallMedia_Play' },
      action: {
        type: 'failOperation',
        resultInformation: { code: 400, subCode: 8535, message: 'File format invalid.' },
      },
      times: 1,
    });
    await fx.control.addFault({
      match: { operation: 'CallMedia_Recognize', participant: '4:+14255550123' },
      action: { type: 'failOperation', resultInformation: { code: 500, subCode: 8511 } },
      times: 1,
    });
    const media = placed.connection.getCallMedia();
    await media.playToAll([MENU], { operationContext: 'menu' });
    await media.startRecognizing(PSTN, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1,
      operationContext: 'pin',
    });
    const received = await finish(placed);
    assert.deepEqual(
      received.map((c) => [
        c.event.kind,
        c.event.operationContext,
        c.event.resultInformation?.subCode,
      ]),
      [
        ['CallConnected', undefined, 0],
        ['ParticipantsUpdated', undefined, 0],
        ['PlayFailed', 'menu', 8535],
        ['RecognizeFailed', 'pin', 8511],
        ['CallDisconnected', undefined, 7000],
      ],
    );
    const recognizeFailed = received[3]?.event.resultInformation;
    assert.equal(
      recognizeFailed?.message,
      'Action failed, initial silence timeout reached.',
      'the default message of the event',
    );
  });

  it('failTone: ToneFailed in place of ToneReceived; later tones keep their sequence ids', async () => {
    const placed = await call();
    await placed.connection
      .getCallMedia()
      .startContinuousDtmfRecognition(PSTN, { operationContext: 'cont' });
    const rule = await fx.control.addFault({
      match: { eventType: TONE_RECEIVED, participant: '4:+14255550123' },
      action: { type: 'failTone' },
      times: 1,
    });
    await press(placed.id, '1');
    await press(placed.id, '23');
    const events = await fx.listener.waitForCount(
      (c) => ofCall(placed.id)(c) && c.event.kind.startsWith('ContinuousDtmfRecognitionTone'),
      3,
    );
    assert.deepEqual(
      events.map((c) => [c.event.kind, c.event.tone, c.event.sequenceId]),
      [
        ['ContinuousDtmfRecognitionToneFailed', undefined, undefined],
        [TONE_RECEIVED, 'two', 2],
        [TONE_RECEIVED, 'three', 3],
      ],
    );
    assert.equal(events[0]?.event.operationContext, 'cont');
    assert.equal(events[0]?.event.resultInformation?.subCode, 12323);
    const [record] = await fx.control.listEvents({
      callConnectionId: placed.id,
      type: 'ContinuousDtmfRecognitionToneFailed',
    });
    assert.deepEqual(record?.faults, [{ ruleId: rule.id, action: 'failTone' }]);
    assert.equal((await fx.control.getCall(placed.id)).lastToneSequenceId, 3);
  });

  it('failTone only counts tones continuous recognition would report', async () => {
    const placed = await call();
    await fx.control.addFault({
      match: { eventType: TONE_RECEIVED },
      action: { type: 'failTone', resultInformation: { code: 500, subCode: 9 } },
      times: 1,
    });
    await press(placed.id, '1'); // recognition not started: nothing to fail
    assert.equal((await fx.control.listFaults())[0]?.times, 1);
    await placed.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    await press(placed.id, '2');
    const failed = await fx.listener.waitFor(
      ofCall(placed.id, 'ContinuousDtmfRecognitionToneFailed'),
    );
    assert.deepEqual(failed.event.resultInformation, {
      code: 500,
      subCode: 9,
      message: "Continuous DTMF tone Couldn't be received successfully.",
    });
  });
});
