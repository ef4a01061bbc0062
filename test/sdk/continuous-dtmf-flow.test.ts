/**
 * The mission flow through the official SDK against a real emulator and a real webhook:
 * create -> CallConnected -> get -> start/stop continuous DTMF -> Stopped -> hang up -> Disconnected.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import {
  startCallbackListener,
  type CallbackListener,
  ofCall,
} from '../helpers/callback-listener.js';

const PSTN = { phoneNumber: '+14255550123' };
const ACS_USER = {
  communicationUserId:
    '8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-000000000002',
};

describe('continuous DTMF through the SDK', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let client: CallAutomationClient;

  before(async () => {
    running = await startEmulator();
    listener = await startCallbackListener();
    client = running.client();
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });
  beforeEach(() => {
    listener.received.length = 0;
  });

  async function connectedCall(target: typeof PSTN | typeof ACS_USER, operationContext?: string) {
    const created = await client.createCall({ targetParticipant: target }, listener.url(), {
      operationContext,
    });
    const id = created.callConnectionProperties.callConnectionId as string;
    await listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, created, connection: created.callConnection };
  }

  it('creates a call to a phone number: 201 connecting, then CallConnected with the create context', async () => {
    const created = await client.createCall({ targetParticipant: PSTN }, listener.url(), {
      operationContext: 'create-ctx',
    });
    const props = created.callConnectionProperties;
    assert.match(
      props.callConnectionId ?? '',
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // As the service's recordings show: no serverCallId until the outbound call connects.
    assert.equal(props.serverCallId, undefined);
    assert.equal(props.callConnectionState, 'connecting');
    // The SDK's type says callbackUrl but it passes the wire field `callbackUri` through.
    assert.equal((props as Record<string, unknown>).callbackUri, listener.url());
    assert.deepEqual(props.targetParticipants, [
      { phoneNumber: '+14255550123', rawId: '4:+14255550123' },
    ]);

    const connected = await listener.waitFor(
      ofCall(props.callConnectionId as string, 'CallConnected'),
    );
    assert.equal(connected.event.operationContext, 'create-ctx');
    assert.equal(connected.event.correlationId, props.correlationId);

    const fetched = await created.callConnection.getCallConnectionProperties();
    assert.equal(fetched.callConnectionState, 'connected');
    assert.equal(fetched.callConnectionId, props.callConnectionId);
    // Standard base64 with `=` padding of an https URL, with a `/` in it, like real ones.
    assert.equal(fetched.serverCallId, connected.event.serverCallId);
    assert.match(fetched.serverCallId ?? '', /^[A-Za-z0-9+/]+={1,2}$/);
    assert.ok(fetched.serverCallId?.includes('/'));
    assert.match(Buffer.from(fetched.serverCallId ?? '', 'base64').toString(), /^https:\/\//);
  });

  it('creates a call to an ACS user', async () => {
    const { connection } = await connectedCall(ACS_USER);
    const props = await connection.getCallConnectionProperties();
    assert.deepEqual(props.targetParticipants, [ACS_USER]);
  });

  it('stop after start sends ContinuousDtmfRecognitionStopped with the stop context to the call callback', async () => {
    const { id, connection } = await connectedCall(PSTN);
    const media = connection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN, { operationContext: 'dtmf-start' });
    const admin = await running.admin(`/admin/calls/${id}`);
    assert.equal(admin.participants[0]?.continuousDtmfRecognition.active, true);

    await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'dtmf-stop' });
    const stopped = await listener.waitFor(ofCall(id, 'ContinuousDtmfRecognitionStopped'));
    assert.equal(stopped.path, '/api/callbacks');
    assert.equal(stopped.event.operationContext, 'dtmf-stop');
    // As recorded from the service after an explicit stop (Java live test, 2025-06-15).
    assert.deepEqual(stopped.event.resultInformation, {
      code: 200,
      subCode: 7000,
      message: 'The conversation has ended. DiagCode: 0#7000.@',
    });
    const body = stopped.body as Record<string, unknown>[];
    assert.equal(body.length, 1);
    assert.equal(body[0]?.type, 'Microsoft.Communication.ContinuousDtmfRecognitionStopped');
    assert.equal(body[0]?.source, `calling/callConnections/${id}`);
    assert.equal(body[0]?.subject, `calling/callConnections/${id}`);
    assert.equal(body[0]?.specversion, '1.0');

    const after = await running.admin(`/admin/calls/${id}`);
    assert.equal(after.participants[0]?.continuousDtmfRecognition.active, false);
  });

  it('sends Stopped to the stop request operationCallbackUri when given', async () => {
    const { id, connection } = await connectedCall(PSTN);
    const media = connection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN, { operationContext: 'dtmf-start' });
    await media.stopContinuousDtmfRecognition(PSTN, {
      operationContext: 'dtmf-stop',
      operationCallbackUrl: listener.url('/api/op-callbacks'),
    });
    const stopped = await listener.waitFor(ofCall(id, 'ContinuousDtmfRecognitionStopped'));
    assert.equal(stopped.path, '/api/op-callbacks');
    assert.equal(stopped.event.operationContext, 'dtmf-stop');
  });

  it('stop without start answers 200 and sends no event', async () => {
    const { id, connection } = await connectedCall(PSTN);
    await connection
      .getCallMedia()
      .stopContinuousDtmfRecognition(PSTN, { operationContext: 'lonely-stop' });
    // A later event on the same call proves the queue drained past the point where Stopped would be.
    await connection.hangUp(false);
    await listener.waitFor(ofCall(id, 'CallDisconnected'));
    assert.equal(
      listener.received.filter(ofCall(id, 'ContinuousDtmfRecognitionStopped')).length,
      0,
    );
  });

  it('hangUp(false) stops active recognition first, then CallDisconnected; the call is gone', async () => {
    const { id, connection } = await connectedCall(PSTN, 'create-ctx');
    await connection
      .getCallMedia()
      .startContinuousDtmfRecognition(PSTN, { operationContext: 'dtmf-start' });
    await connection.hangUp(false);
    const [stopped, disconnected] = await listener.waitForCount(
      (c) =>
        ofCall(id)(c) && c.event.kind !== 'CallConnected' && c.event.kind !== 'ParticipantsUpdated',
      2,
    );
    assert.equal(stopped?.event.kind, 'ContinuousDtmfRecognitionStopped');
    assert.equal(stopped?.event.operationContext, 'dtmf-start');
    assert.deepEqual(stopped?.event.resultInformation, {
      code: 200,
      subCode: 7000,
      message: 'The conversation has ended. DiagCode: 0#7000.@',
    });
    assert.equal(disconnected?.event.kind, 'CallDisconnected');
    assert.equal(disconnected?.event.operationContext, 'create-ctx');
    await assert.rejects(
      connection.getCallConnectionProperties(),
      (err: { statusCode: number; code: string; message: string; details?: unknown }) => {
        assert.deepEqual([err.statusCode, err.code, err.message], [404, '8522', 'Call not found.']);
        // The SDK hands our explanation over as details.error.innerError (its name for innererror).
        const inner = (
          err.details as { error?: { innerError?: { code: string; message: string } } }
        ).error?.innerError;
        assert.equal(inner?.code, 'CallNotFound');
        assert.match(inner?.message ?? '', new RegExp(`'${id}' has ended`));
        return true;
      },
    );
  });

  it('hangUp(true) terminates for everyone with the same events', async () => {
    const { id, connection } = await connectedCall(ACS_USER);
    await connection
      .getCallMedia()
      .startContinuousDtmfRecognition(ACS_USER, { operationContext: 'a' });
    await connection.hangUp(true);
    const events = await listener.waitForCount((c) => ofCall(id)(c), 4);
    assert.deepEqual(
      events.map((e) => e.event.kind),
      [
        'CallConnected',
        'ParticipantsUpdated',
        'ContinuousDtmfRecognitionStopped',
        'CallDisconnected',
      ],
    );
    const admin = await running.admin(`/admin/calls/${id}`);
    assert.equal(admin.callConnectionState, 'disconnected');
    assert.equal(admin.endedBy, 'terminate');
  });

  it('refuses a participant that is not in the call with 400 naming it', async () => {
    const { connection } = await connectedCall(PSTN);
    await assert.rejects(
      connection.getCallMedia().startContinuousDtmfRecognition({ phoneNumber: '+19995550000' }, {}),
      (err: { statusCode: number; code: string; message: string }) => {
        assert.equal(err.statusCode, 400);
        assert.equal(err.code, 'ParticipantNotFound');
        assert.match(err.message, /'4:\+19995550000' is not in call connection/);
        assert.match(err.message, /4:\+14255550123/);
        return true;
      },
    );
  });

  it('every callback parses with the SDK and carries the ids of its call', async () => {
    const { id, created, connection } = await connectedCall(PSTN);
    const { serverCallId } = await connection.getCallConnectionProperties();
    assert.ok(serverCallId);
    await connection.getCallMedia().startContinuousDtmfRecognition(PSTN, {});
    await connection.getCallMedia().stopContinuousDtmfRecognition(PSTN, {});
    await connection.hangUp(true);
    const events = await listener.waitForCount(ofCall(id), 3);
    for (const { event, body } of events) {
      assert.equal(event.serverCallId, serverCallId);
      assert.equal(event.correlationId, created.callConnectionProperties.correlationId);
      const data = (body as { data: Record<string, unknown> }[])[0]?.data;
      assert.equal(data?.version, '2026-03-12');
      assert.equal(data?.publicEventType, `Microsoft.Communication.${event.kind}`);
    }
  });
});
