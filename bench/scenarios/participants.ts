/**
 * Participants under load (issue 20): every connection adds a phone participant and removes
 * another, over and over, on one call (participantCycle: A joins, B leaves, B joins, A leaves).
 * Each add owes AddParticipantSucceeded and each removal RemoveParticipantSucceeded, each with a
 * ParticipantsUpdated; all are counted at the receiver. Against participants-floor.mjs, the
 * necessary work of the same operations. The party answers at once (`--connect-delay-ms 0`, the
 * floor answers on the next timer turn too), so a removal never finds its party still ringing.
 * The call has one party per connection, and at most two per connection while the loop runs.
 */
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';
import { createCallRequest, send } from '../lib/acs-requests.js';
import { participantCycle } from '../lib/family-requests.js';
import type { DynamicRequest } from '../lib/load.js';
import { opLoop, type OpLoopOptions, type OpLoopResult } from '../lib/op-loop.js';
import { waitConnected } from '../lib/wait-for.js';

export const participantsScenario = {
  floorScript: 'bench/servers/participants-floor.mjs',
  floorArgs: [WELL_KNOWN_ACCESS_KEY],
  emulatorArgs: ['--connect-delay-ms', '0'],
  async setup(
    server: { kind: 'emulator' | 'floor'; port: number },
    receiverPort: number,
    connections: number,
  ) {
    const host = `127.0.0.1:${server.port}`;
    // A fresh call for the measured load, so a cycle cut off by the end of the warm-up (a party
    // left in or out of the call) costs no 400s there.
    const cycles: DynamicRequest[][][] = [];
    for (let load = 0; load < 2; load++) {
      const created = await send<{ callConnectionId: string }>(
        server.port,
        createCallRequest(host, connections, `http://127.0.0.1:${receiverPort}/api/callbacks`),
      );
      if (created.status !== 201) throw new Error(`createCall answered ${created.status}`);
      const id = created.body.callConnectionId;
      if (server.kind === 'emulator') {
        await waitConnected(server.port, id);
      }
      cycles.push(
        Array.from({ length: connections }, (_, i) => participantCycle(host, id, i, connections)),
      );
    }
    return { warmup: cycles[0] as DynamicRequest[][], measured: cycles[1] as DynamicRequest[][] };
  },
  operationOf: (request: { path: string }) =>
    request.path.includes('participants:add') ? 'add' : 'remove',
  expectedEvents: (answered: Readonly<Record<string, number>>) => ({
    AddParticipantSucceeded: answered.add ?? 0,
    RemoveParticipantSucceeded: answered.remove ?? 0,
    ParticipantsUpdated: (answered.add ?? 0) + (answered.remove ?? 0),
  }),
};

export const participants = (
  options: OpLoopOptions,
  log: (line: string) => void,
): Promise<OpLoopResult> => opLoop('participants', participantsScenario, options, log);
