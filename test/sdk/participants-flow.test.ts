/**
 * Calls with more than two parties through the official SDK, each callback parsed with
 * parseCallAutomationEvent on a real listener and checked against its swagger definition:
 * transfer (accepted, declined), add then remove, an invitation nobody answers, cancel, move from a
 * lobby, and a createCall to a number the app owns answered by a second app.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallAutomationClient } from '@azure/communication-call-automation';
import { EmulatorClient } from '../../src/index.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import {
  ofCall,
  startCallbackListener,
  type CallbackListener,
  type ReceivedCallback,
} from '../helpers/callback-listener.js';
import { assertSwaggerShaped } from '../helpers/event-schema.js';

const CALLER = { phoneNumber: '+14255550123' };
const AGENT = { phoneNumber: '+14255550199' };
const AGENT_RAW = '4:+14255550199';
const SUPERVISOR = { communicationUserId: '8:acs:0000aaaa-0000-0000-0000-000000000001_supervisor' };

const data = (c: ReceivedCallback | undefined) =>
  (c?.body as { data: Record<string, unknown> }[] | undefined)?.[0]?.data ?? {};

async function connectedCall(
  client: CallAutomationClient,
  listener: CallbackListener,
  target: typeof CALLER | typeof SUPERVISOR,
  path = '/api/callbacks',
) {
  const created = await client.createCall({ targetParticipant: target }, listener.url(path));
  const id = created.callConnectionProperties.callConnectionId as string;
  await listener.waitFor(ofCall(id, 'ParticipantsUpdated'));
  return { id, connection: created.callConnection };
}

describe('participants through the SDK', () => {
  const fx = useEmulator({ connectDelayMs: 5 }, { resetEach: true });

  it('IVR transfers the caller to an agent who accepts: CallTransferAccepted, then the leg ends 7000', async () => {
    await fx.control.setParty(AGENT_RAW, { answer: 'accept', afterMs: 20 });
    const { id, connection } = await connectedCall(fx.running.client(), fx.listener, CALLER);
    const result = await connection.transferCallToParticipant(AGENT, {
      operationContext: 'to-agent',
    });
    assert.equal(result.operationContext, 'to-agent');
    const accepted = await fx.listener.waitFor(ofCall(id, 'CallTransferAccepted'));
    assert.equal(accepted.event.operationContext, 'to-agent');
    assert.deepEqual(data(accepted).transferee, {
      kind: 'phoneNumber',
      rawId: '4:+14255550123',
      phoneNumber: { value: '+14255550123', isAnonymous: false },
    });
    assert.equal((data(accepted).transferTarget as { rawId: string }).rawId, AGENT_RAW);
    const gone = await fx.listener.waitFor(ofCall(id, 'CallDisconnected'));
    assert.deepEqual(gone.event.resultInformation, {
      code: 200,
      subCode: 7000,
      message:
        'Call was ended by Azure Communication Service Call Automation API or a server bot. DiagCode: 0#7000.@',
    });
    await assert.rejects(connection.getCallConnectionProperties(), { statusCode: 404 });
    const kinds = fx.listener.received.filter(ofCall(id)).map((c) => c.event.kind);
    assert.deepEqual(kinds, [
      'CallConnected',
      'ParticipantsUpdated',
      'CallTransferAccepted',
      'CallDisconnected',
    ]);
    for (const c of fx.listener.received.filter(ofCall(id))) assertSwaggerShaped(c);
  });

  it('a transfer to an agent who declines: CallTransferFailed 603/8538 and the call stays', async () => {
    await fx.control.setParty(AGENT_RAW, { answer: 'decline' });
    const { id, connection } = await connectedCall(fx.running.client(), fx.listener, CALLER);
    await connection.transferCallToParticipant(AGENT, { operationContext: 'try-agent' });
    const failed = await fx.listener.waitFor(ofCall(id, 'CallTransferFailed'));
    assert.equal(failed.event.operationContext, 'try-agent');
    assert.equal(failed.event.resultInformation?.code, 603);
    assert.equal(failed.event.resultInformation?.subCode, 8538);
    assertSwaggerShaped(failed);
    const props = await connection.getCallConnectionProperties();
    assert.equal(props.callConnectionState, 'connected');
    const { values } = await connection.listParticipants();
    assert.ok(values?.some((p) => JSON.stringify(p.identifier).includes('+14255550123')));
    assert.ok(!values?.some((p) => JSON.stringify(p.identifier).includes('+14255550199')));
  });

  it('add a supervisor who accepts, then remove them: events in order, sequence numbers gapless', async () => {
    const { id, connection } = await connectedCall(fx.running.client(), fx.listener, CALLER);
    const added = await connection.addParticipant(
      { targetParticipant: SUPERVISOR },
      { operationContext: 'add-sup' },
    );
    assert.equal(typeof added.invitationId, 'string');
    assert.equal(added.operationContext, 'add-sup');
    assert.deepEqual(added.participant?.identifier, SUPERVISOR);
    const succeeded = await fx.listener.waitFor(ofCall(id, 'AddParticipantSucceeded'));
    assert.deepEqual(succeeded.event.participant, SUPERVISOR);
    assert.equal(succeeded.event.operationContext, 'add-sup');
    const removed = await connection.removeParticipant(SUPERVISOR, { operationContext: 'rm-sup' });
    assert.equal(removed.operationContext, 'rm-sup');
    await fx.listener.waitForCount(ofCall(id, 'ParticipantsUpdated'), 3);
    const mine = fx.listener.received.filter(ofCall(id));
    assert.deepEqual(
      mine.map((c) => c.event.kind),
      [
        'CallConnected',
        'ParticipantsUpdated',
        'AddParticipantSucceeded',
        'ParticipantsUpdated',
        'RemoveParticipantSucceeded',
        'ParticipantsUpdated',
      ],
    );
    const updates = mine.filter((c) => c.event.kind === 'ParticipantsUpdated');
    assert.deepEqual(
      updates.map((c) => c.event.sequenceNumber),
      [1, 2, 3],
    );
    const count = (c: ReceivedCallback) => (c.event.participants as unknown[]).length;
    // The caller and the app; then the supervisor too; then without them again.
    assert.deepEqual(updates.map(count), [2, 3, 2]);
    for (const c of mine) assertSwaggerShaped(c);
  });

  it('cancel a ringing invitation: CancelAddParticipantSucceeded; again: CancelAddParticipantFailed', async () => {
    await fx.control.setParty(SUPERVISOR.communicationUserId, {
      answer: 'accept',
      afterMs: 60_000,
    });
    const { id, connection } = await connectedCall(fx.running.client(), fx.listener, CALLER);
    const { invitationId } = await connection.addParticipant({ targetParticipant: SUPERVISOR });
    const view = await fx.control.getCall(id);
    assert.equal((view.invitations as { state: string }[])[0]?.state, 'ringing');
    const canceled = await connection.cancelAddParticipantOperation(invitationId as string, {
      operationContext: 'never-mind',
    });
    assert.equal(canceled.invitationId, invitationId);
    const ok = await fx.listener.waitFor(ofCall(id, 'CancelAddParticipantSucceeded'));
    assert.equal(ok.event.invitationId, invitationId);
    assert.equal(ok.event.operationContext, 'never-mind');
    assertSwaggerShaped(ok);
    await connection.cancelAddParticipantOperation(invitationId as string);
    const late = await fx.listener.waitFor(ofCall(id, 'CancelAddParticipantFailed'));
    assert.equal(late.event.invitationId, invitationId);
    assertSwaggerShaped(late);
    const after = await fx.control.getCall(id);
    assert.equal((after.invitations as { state: string }[])[0]?.state, 'canceled');
    assert.ok(!fx.listener.received.some(ofCall(id, 'AddParticipantSucceeded')));
  });

  it('move a caller from a lobby call into the agent call', async () => {
    const client = fx.running.client();
    const lobby = await connectedCall(client, fx.listener, CALLER, '/lobby');
    const agentCall = await connectedCall(client, fx.listener, SUPERVISOR, '/agent');
    const moved = await agentCall.connection.moveParticipants([CALLER], lobby.id, {
      operationContext: 'from-lobby',
    });
    assert.equal(moved.fromCall, lobby.id);
    assert.equal(moved.operationContext, 'from-lobby');
    assert.equal(moved.participants?.length, 1);
    const succeeded = await fx.listener.waitFor(ofCall(agentCall.id, 'MoveParticipantSucceeded'));
    assert.equal(succeeded.event.fromCall, lobby.id);
    assert.deepEqual(succeeded.event.participant, { ...CALLER, rawId: '4:+14255550123' });
    assertSwaggerShaped(succeeded);
    const [, agentUpdate] = await fx.listener.waitForCount(
      ofCall(agentCall.id, 'ParticipantsUpdated'),
      2,
    );
    assert.equal((agentUpdate?.event.participants as unknown[]).length, 3);
    // Nobody is left in the lobby call: it reports the change and ends.
    const lobbyEnd = await fx.listener.waitFor(ofCall(lobby.id, 'CallDisconnected'));
    assert.equal(lobbyEnd.event.resultInformation?.subCode, 7000);
    const lobbyUpdates = fx.listener.received.filter(ofCall(lobby.id, 'ParticipantsUpdated'));
    assert.deepEqual(
      lobbyUpdates.map((c) => c.event.sequenceNumber),
      [1, 2],
    );
    // The lobby has ended: moving from it again fails on the agent call.
    await agentCall.connection.moveParticipants([CALLER], lobby.id);
    const failed = await fx.listener.waitFor(ofCall(agentCall.id, 'MoveParticipantFailed'));
    assert.equal(failed.event.fromCall, lobby.id);
    assertSwaggerShaped(failed);
  });

  it('a failOperation rule fails an add and a transfer with its result; nobody joins', async () => {
    const { id, connection } = await connectedCall(fx.running.client(), fx.listener, CALLER);
    for (const operation of [
      'CallConnection_AddParticipant',
      'CallConnection_TransferToParticipant',
    ])
      await fx.control.addFault({
        match: { operation },
        action: { type: 'failOperation', resultInformation: { code: 403, subCode: 7504 } },
        times: 1,
      });
    await connection.addParticipant({ targetParticipant: SUPERVISOR }, { operationContext: 'f1' });
    const addFailed = await fx.listener.waitFor(ofCall(id, 'AddParticipantFailed'));
    assert.equal(addFailed.event.resultInformation?.code, 403);
    assert.equal(addFailed.event.resultInformation?.subCode, 7504);
    assertSwaggerShaped(addFailed);
    await connection.transferCallToParticipant(AGENT, { operationContext: 'f2' });
    const transferFailed = await fx.listener.waitFor(ofCall(id, 'CallTransferFailed'));
    assert.equal(transferFailed.event.resultInformation?.subCode, 7504);
    assert.equal((await connection.getCallConnectionProperties()).callConnectionState, 'connected');
    const { values } = await connection.listParticipants();
    assert.equal(values?.length, 2, 'the caller and the app, nobody added');
  });

  it('a participant hangs up: ParticipantsUpdated; the last one: CallDisconnected 5001', async () => {
    const { id, connection } = await connectedCall(fx.running.client(), fx.listener, CALLER);
    await connection.addParticipant({ targetParticipant: SUPERVISOR });
    await fx.listener.waitFor(ofCall(id, 'AddParticipantSucceeded'));
    const first = await fx.control.hangUpParticipant(id, SUPERVISOR.communicationUserId);
    assert.equal(first.callConnectionState, 'connected');
    const last = await fx.control.hangUpParticipant(id, '4:+14255550123');
    assert.equal(last.callConnectionState, 'disconnected');
    const gone = await fx.listener.waitFor(ofCall(id, 'CallDisconnected'));
    assert.deepEqual(gone.event.resultInformation, {
      code: 200,
      subCode: 5001,
      message: 'This conversation has ended.. DiagCode: 0#5001.@',
    });
  });
});

describe('an invitation nobody answers (manual clock)', () => {
  const fx = useEmulator({ clock: 'manual', connectDelayMs: 0 });

  it('AddParticipantFailed 408/8541 exactly when invitationTimeoutInSeconds passes', async () => {
    await fx.control.setParty(AGENT_RAW, { answer: 'noAnswer' });
    const created = await fx.running
      .client()
      .createCall({ targetParticipant: CALLER }, fx.listener.url());
    const id = created.callConnectionProperties.callConnectionId as string;
    await fx.control.advanceClock(0);
    await fx.listener.waitFor(ofCall(id, 'ParticipantsUpdated'));
    await created.callConnection.addParticipant(
      { targetParticipant: AGENT, sourceCallIdNumber: { phoneNumber: '+18005550100' } },
      { invitationTimeoutInSeconds: 10, operationContext: 'ring-agent' },
    );
    await fx.control.advanceClock(9_999);
    const view = await fx.control.getCall(id);
    assert.equal((view.invitations as { state: string }[])[0]?.state, 'ringing');
    assert.equal(
      (view.invitations as { sourceCallerIdNumber?: string }[])[0]?.sourceCallerIdNumber,
      '+18005550100',
    );
    await fx.control.advanceClock(1);
    const failed = await fx.listener.waitFor(ofCall(id, 'AddParticipantFailed'));
    assert.equal(failed.event.operationContext, 'ring-agent');
    assert.equal(failed.event.resultInformation?.code, 408);
    assert.equal(failed.event.resultInformation?.subCode, 8541);
    assert.deepEqual(failed.event.participant, { ...AGENT, rawId: AGENT_RAW });
    assertSwaggerShaped(failed);
  });
});

describe('a createCall to a number the app owns, answered by a second app', () => {
  const OWNED = '+18005550100';
  let running: RunningEmulator;
  let listener: CallbackListener;
  let control: EmulatorClient;

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({
      ownedNumbers: [OWNED],
      incomingCallWebhook: listener.url('/incoming'),
    });
    control = new EmulatorClient(running.url);
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });

  it('both legs connect with their own callbacks; app B hanging up ends app A with 5001', async () => {
    const appA = running.client();
    const appB = running.client();
    const created = await appA.createCall(
      {
        targetParticipant: { phoneNumber: OWNED },
        sourceCallIdNumber: { phoneNumber: '+14255550123' },
      },
      listener.url('/a'),
    );
    const idA = created.callConnectionProperties.callConnectionId as string;
    const incoming = await listener.waitFor((c) => c.path === '/incoming');
    assert.equal(incoming.event.kind, 'Microsoft.Communication.IncomingCall');
    assert.equal((incoming.event.to as { rawId: string }).rawId, `4:${OWNED}`);
    assert.equal((incoming.event.from as { rawId: string }).rawId, '4:+14255550123');
    // Until app B answers, app A's call rings.
    assert.equal((await control.getCall(idA)).callConnectionState, 'connecting');
    const answered = await appB.answerCall(
      incoming.event.incomingCallContext as string,
      listener.url('/b'),
    );
    const idB = answered.callConnectionProperties.callConnectionId as string;
    assert.notEqual(idA, idB);
    const connectedA = await listener.waitFor(ofCall(idA, 'CallConnected'));
    const connectedB = await listener.waitFor(ofCall(idB, 'CallConnected'));
    assert.equal(connectedA.path, '/a');
    assert.equal(connectedB.path, '/b');

    await answered.callConnection.hangUp(false);
    const endA = await listener.waitFor(ofCall(idA, 'CallDisconnected'));
    assert.equal(endA.event.resultInformation?.subCode, 5001);
    const endB = await listener.waitFor(ofCall(idB, 'CallDisconnected'));
    assert.equal(endB.event.resultInformation?.subCode, 7000);
    for (const c of listener.received.filter((r) => r.path !== '/incoming')) assertSwaggerShaped(c);
  });

  it('add an owned number answered by app B, then remove it: the leg of app B ends 5300', async () => {
    const appA = running.client();
    const created = await appA.createCall({ targetParticipant: CALLER }, listener.url('/a2'));
    const idA = created.callConnectionProperties.callConnectionId as string;
    await listener.waitFor(ofCall(idA, 'CallConnected'));
    const before = listener.received.filter((c) => c.path === '/incoming').length;
    await created.callConnection.addParticipant(
      { targetParticipant: { phoneNumber: OWNED } },
      { operationContext: 'dial-agent' },
    );
    const [, incoming] = await listener.waitForCount((c) => c.path === '/incoming', before + 1);
    const answered = await running
      .client()
      .answerCall(incoming?.event.incomingCallContext as string, listener.url('/b2'));
    const idB = answered.callConnectionProperties.callConnectionId as string;
    const added = await listener.waitFor(ofCall(idA, 'AddParticipantSucceeded'));
    assert.equal(added.event.operationContext, 'dial-agent');
    await listener.waitFor(ofCall(idB, 'CallConnected'));
    await created.callConnection.removeParticipant({ phoneNumber: OWNED });
    const endB = await listener.waitFor(ofCall(idB, 'CallDisconnected'));
    assert.deepEqual(endB.event.resultInformation, {
      code: 200,
      subCode: 5300,
      message:
        'Call ended for this participant as it was removed from the conversation by another participant. DiagCode: 0#5300.@',
    });
    assert.equal((await control.getCall(idA)).callConnectionState, 'connected');
  });

  it('transfer the caller to an owned agent number: app B gets the caller, the leg of app A ends', async () => {
    const appA = running.client();
    const created = await appA.createCall({ targetParticipant: CALLER }, listener.url('/a3'));
    const idA = created.callConnectionProperties.callConnectionId as string;
    await listener.waitFor(ofCall(idA, 'CallConnected'));
    const before = listener.received.filter((c) => c.path === '/incoming').length;
    await created.callConnection.transferCallToParticipant({ phoneNumber: OWNED });
    const incomings = await listener.waitForCount((c) => c.path === '/incoming', before + 1);
    const incoming = incomings[before];
    assert.equal((incoming?.event.from as { rawId: string }).rawId, '4:+14255550123');
    const answered = await running
      .client()
      .answerCall(incoming?.event.incomingCallContext as string, listener.url('/b3'));
    const accepted = await listener.waitFor(ofCall(idA, 'CallTransferAccepted'));
    assertSwaggerShaped(accepted);
    const endA = await listener.waitFor(ofCall(idA, 'CallDisconnected'));
    assert.equal(endA.event.resultInformation?.subCode, 7000);
    const { values } = await answered.callConnection.listParticipants();
    assert.ok(values?.some((p) => JSON.stringify(p.identifier).includes('+14255550123')));
  });

  it('nobody answers and the owned number has a busy rule: CreateCallFailed 486 when the ringing times out', async () => {
    await control.setParty(`4:${OWNED}`, { answer: 'busy' });
    const fast = await startEmulator({
      ownedNumbers: [OWNED],
      incomingCallTimeoutMs: 50,
    });
    try {
      await new EmulatorClient(fast.url).setParty(`4:${OWNED}`, { answer: 'busy' });
      const created = await fast
        .client()
        .createCall({ targetParticipant: { phoneNumber: OWNED } }, listener.url('/c'));
      const id = created.callConnectionProperties.callConnectionId as string;
      const failed = await listener.waitFor(ofCall(id, 'CreateCallFailed'));
      assert.equal(failed.event.resultInformation?.code, 486);
      assert.equal(failed.event.resultInformation?.subCode, 8539);
      assertSwaggerShaped(failed);
      const incoming = (await new EmulatorClient(fast.url).getCall(id)).callConnectionState;
      assert.equal(incoming, 'disconnected');
    } finally {
      await fast.stop();
      await control.removeParty(`4:${OWNED}`);
    }
  });
});
