/**
 * Recording under load (issue 20): every connection has its own call and starts a recording,
 * then stops the recording that start answered with, over and over. Each start owes a
 * RecordingStateChanged (active), each stop a RecordingStateChanged (inactive) to the call's
 * callback and, once its WAV and metadata are written, a RecordingFileStatusUpdated Event Grid
 * event to the one subscription; all are counted at the receiver. Against recording-floor.mjs,
 * the necessary work of the same operations.
 */
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';
import { createCallRequest, send } from '../lib/acs-requests.js';
import { recordingCycle } from '../lib/family-requests.js';
import { opLoop, type OpLoopOptions, type OpLoopResult } from '../lib/op-loop.js';
import { waitConnected } from '../lib/wait-for.js';

async function subscribe(port: number, receiverPort: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/admin/event-subscriptions/bench`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/api/eventgrid` }),
  });
  if (response.status !== 201) throw new Error(`subscription answered ${response.status}`);
}

export const recordingScenario = {
  floorScript: 'bench/servers/recording-floor.mjs',
  floorArgs: [WELL_KNOWN_ACCESS_KEY],
  emulatorArgs: [],
  async setup(
    server: { kind: 'emulator' | 'floor'; port: number },
    receiverPort: number,
    connections: number,
  ) {
    const host = `127.0.0.1:${server.port}`;
    await subscribe(server.port, receiverPort);
    // Fresh calls for the measured load: a start cut off by the end of the warm-up leaves a
    // recording running whose id the client never learnt (every later start gets 409).
    const ids: string[] = [];
    for (let i = 0; i < 2 * connections; i++) {
      const created = await send<{ callConnectionId: string }>(
        server.port,
        createCallRequest(host, 1, `http://127.0.0.1:${receiverPort}/api/callbacks`),
      );
      if (created.status !== 201) throw new Error(`createCall answered ${created.status}`);
      ids.push(created.body.callConnectionId);
    }
    if (server.kind === 'emulator') {
      for (const id of ids) await waitConnected(server.port, id);
    }
    const cycles = ids.map((id) => recordingCycle(host, id));
    return { warmup: cycles.slice(0, connections), measured: cycles.slice(connections) };
  },
  operationOf: (request: { method: string }) => (request.method === 'DELETE' ? 'stop' : 'start'),
  expectedEvents: (answered: Readonly<Record<string, number>>) => ({
    RecordingStateChanged: (answered.start ?? 0) + (answered.stop ?? 0),
    RecordingFileStatusUpdated: answered.stop ?? 0,
  }),
};

export const recording = (
  options: OpLoopOptions,
  log: (line: string) => void,
): Promise<OpLoopResult> => opLoop('recording', recordingScenario, options, log);
