/** Hold, Unhold and Mute through the SDK: 200, and the participant's flags as GET shows them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useEmulator } from '../helpers/use-emulator.js';
import { ofCall } from '../helpers/callback-listener.js';

const USER = { communicationUserId: '8:acs:00000000-0000-0000-0000-00000000000a_0000000b' };
const PSTN = { phoneNumber: '+14255550123' };

describe('hold, unhold and mute through the SDK', () => {
  const fx = useEmulator({ connectDelayMs: 0 });

  async function groupCall() {
    const created = await fx.running.client().createGroupCall([USER, PSTN], fx.listener.url());
    const id = created.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, connection: created.callConnection };
  }
  const flags = async (connection: Awaited<ReturnType<typeof groupCall>>['connection']) =>
    Object.fromEntries(
      (await connection.listParticipants()).values?.map((p) => [
        JSON.stringify(p.identifier),
        { onHold: p.isOnHold, muted: p.isMuted },
      ]) ?? [],
    );

  it('hold and unhold change only the target, answer 200 and send ParticipantsUpdated', async () => {
    const { id, connection } = await groupCall();
    await connection.getCallMedia().hold(PSTN, { operationContext: 'hold' });
    let now = await flags(connection);
    assert.deepEqual(
      now[JSON.stringify({ phoneNumber: '+14255550123', rawId: '4:+14255550123' })],
      { onHold: true, muted: false },
    );
    assert.deepEqual(now[JSON.stringify(USER)], { onHold: false, muted: false });
    await connection.getCallMedia().unhold(PSTN);
    now = await flags(connection);
    assert.deepEqual(
      now[JSON.stringify({ phoneNumber: '+14255550123', rawId: '4:+14255550123' })],
      { onHold: false, muted: false },
    );
    // Connect, hold and unhold each report the participants (sequence 1, 2, 3), then hang-up.
    await connection.hangUp(true);
    const events = await fx.listener.waitForCount(ofCall(id), 5);
    assert.deepEqual(
      events.map((e) => e.event.kind),
      [
        'CallConnected',
        'ParticipantsUpdated',
        'ParticipantsUpdated',
        'ParticipantsUpdated',
        'CallDisconnected',
      ],
    );
    const updates = events.filter((e) => e.event.kind === 'ParticipantsUpdated');
    assert.deepEqual(
      updates.map((e) => e.event.sequenceNumber),
      [1, 2, 3],
    );
    const held = (
      updates[1]?.event.participants as { identifier: { rawId?: string }; isOnHold: boolean }[]
    ).find((p) => p.identifier.rawId === '4:+14255550123');
    assert.equal(held?.isOnHold, true);
  });

  it('mute an ACS user: 200 with the operation context, and isMuted', async () => {
    const { connection } = await groupCall();
    const result = await connection.muteParticipant(USER, { operationContext: 'quiet' });
    assert.equal(result.operationContext, 'quiet');
    assert.deepEqual((await flags(connection))[JSON.stringify(USER)], {
      onHold: false,
      muted: true,
    });
  });

  it('mute a phone number is a 400 (only ACS users), hold of a stranger a 400, on an ended call a 404', async () => {
    const { connection } = await groupCall();
    await assert.rejects(connection.muteParticipant(PSTN), {
      statusCode: 400,
      code: 'InvalidTargetParticipant',
    });
    await assert.rejects(connection.getCallMedia().hold({ phoneNumber: '+19995550000' }), {
      statusCode: 400,
      code: 'ParticipantNotFound',
    });
    await connection.hangUp(true);
    await assert.rejects(connection.getCallMedia().hold(PSTN), {
      statusCode: 404,
      code: '8522',
      message: 'Call not found.',
    });
  });
});
