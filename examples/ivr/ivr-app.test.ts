/**
 * The README's example, run: the IVR app (which knows nothing of the emulator) against an
 * emulator started in this test process, with the test playing the caller. This is also the
 * in-process use of the package: `createEmulator` + `EmulatorClient`, no child process.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, EmulatorClient, loadConfig, type Emulator } from '../../src/index.js';
import { startIvrApp, type IvrApp } from './ivr-app.js';

describe('example: an IVR app against the in-process emulator', () => {
  let emulator: Emulator;
  let caller: EmulatorClient;
  let app: IvrApp;

  before(async () => {
    // Any settings a user would pass on the command line; port 0 picks a free port.
    emulator = createEmulator(loadConfig(['--port', '0', '--log-level', 'silent'], {}));
    const { connectionString } = await emulator.start();
    caller = new EmulatorClient(connectionString);
    app = await startIvrApp({
      connectionString,
      allowInsecureConnection: true,
      silenceTimeoutSeconds: 1,
    });
  });

  after(async () => {
    await app.close();
    await emulator.stop();
  });

  it('the caller presses 2 and is sent to support, then the app hangs up', async () => {
    const { callConnectionId, done } = await app.call('+14255550123');
    // Wait until the menu is listening for keys, then press as a caller would.
    await caller.waitForEvent({ callConnectionId, type: 'CallConnected', timeoutMs: 10_000 });
    await waitUntilRecognizing(caller, callConnectionId);
    await caller.pressKeys(callConnectionId, '2');

    const outcome = await done;
    assert.equal(outcome.choice, 'support');
    assert.deepEqual(outcome.tones, ['two']);
    assert.deepEqual(outcome.events, [
      'CallConnected',
      'ParticipantsUpdated',
      'RecognizeCompleted',
      'PlayStarted',
      'PlayCompleted',
      'CallDisconnected',
    ]);
    const requests = await caller.listRequests({ callConnectionId });
    assert.deepEqual(
      requests.map((r) => `${r.operation} ${r.status}`),
      [
        'CreateCall 201',
        'CallMedia_Recognize 202',
        'CallMedia_Play 202',
        'CallConnection_TerminateCall 204',
      ],
    );
  });

  it('a caller who presses nothing gets no department and the app hangs up', async () => {
    const { callConnectionId, done } = await app.call('+14255550124');
    await waitUntilRecognizing(caller, callConnectionId);
    // No key: the menu's initial silence timeout (1 s here) ends it.
    const outcome = await done;
    assert.equal(outcome.choice, 'no-choice');
    assert.deepEqual(outcome.events, [
      'CallConnected',
      'ParticipantsUpdated',
      'RecognizeFailed',
      'CallDisconnected',
    ]);
  });
});

/** The app's recognize has reached the emulator (it follows CallConnected). */
async function waitUntilRecognizing(
  caller: EmulatorClient,
  callConnectionId: string,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const requests = await caller.listRequests({
      callConnectionId,
      operation: 'CallMedia_Recognize',
    });
    if (requests.some((r) => r.status === 202)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the app never started recognizing');
}
