// The necessary-work floor of the participants scenario (issue 20): what addParticipant and
// removeParticipant cannot skip. HMAC check, JSON parse, the per-call participant list, the
// swagger's 202 bodies, and the events the service sends: AddParticipantSucceeded once the party
// answers (on the next timer turn, as the emulator's --connect-delay-ms 0 does) or
// RemoveParticipantSucceeded, each followed by ParticipantsUpdated with the full list.
// Usage: node bench/servers/participants-floor.mjs <port> <base64 access key>   (prints {"port":N})
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers';
import { cloudEvent, floorApp, listen, ok, post } from './floor-kit.mjs';

const { app, signed } = floorApp(process.argv[3]);
/** callConnectionId -> { callbackUri, participants: Map rawId -> identifier, ringing: Set, sequence }. */
const calls = new Map();

app.post(
  '/calling/callConnections',
  signed((_req, res, body) => {
    const callConnectionId = randomUUID();
    const participants = new Map(body.targets.map((t) => [t.rawId, t]));
    calls.set(callConnectionId, {
      callbackUri: new URL(body.callbackUri),
      participants,
      ringing: new Set(),
      sequence: 0,
    });
    res.status(201).json({ callConnectionId, callConnectionState: 'connecting' });
  }),
);

function updated(call, callConnectionId) {
  call.sequence++;
  const participants = [...call.participants.values()].map((identifier) => ({
    identifier,
    isMuted: false,
    isOnHold: false,
  }));
  post(
    call.callbackUri,
    cloudEvent('ParticipantsUpdated', callConnectionId, {
      sequenceNumber: call.sequence,
      participants,
    }),
  );
}

app.post(
  '/calling/callConnections/:id/:action',
  signed((req, res, body) => {
    const id = req.params.id;
    const call = calls.get(id);
    if (!call) return res.status(404).json({ error: { code: '8522', message: 'Call not found' } });
    const operationContext = body.operationContext;
    if (req.params.action === 'participants:add') {
      const party = body.participantToAdd;
      if (call.participants.has(party.rawId) || call.ringing.has(party.rawId))
        return res.status(400).json({ error: { code: 'BadRequest', message: 'already in' } });
      call.ringing.add(party.rawId);
      const invitationId = randomUUID();
      setTimeout(() => {
        call.ringing.delete(party.rawId);
        call.participants.set(party.rawId, party);
        post(
          call.callbackUri,
          cloudEvent('AddParticipantSucceeded', id, {
            operationContext,
            participant: party,
            resultInformation: ok('The participant joined the call.'),
          }),
        );
        updated(call, id);
      }, 0);
      return res.status(202).json({
        participant: { identifier: party, isMuted: false, isOnHold: false },
        operationContext,
        invitationId,
      });
    }
    if (req.params.action === 'participants:remove') {
      const party = body.participantToRemove;
      if (!call.participants.delete(party.rawId))
        return res.status(400).json({ error: { code: 'BadRequest', message: 'not in the call' } });
      post(
        call.callbackUri,
        cloudEvent('RemoveParticipantSucceeded', id, {
          operationContext,
          participant: party,
          resultInformation: ok('The participant was removed.'),
        }),
      );
      updated(call, id);
      return res.status(202).json({ operationContext });
    }
    res.status(404).json({ error: { code: 'NotFound', message: 'unknown action' } });
  }),
);

listen(app);
