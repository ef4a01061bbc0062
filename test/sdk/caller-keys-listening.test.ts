/**
 * EmulatorClient.pressKeys against the SDK's recognize with a prompt that cannot be interrupted:
 * keys pressed during the prompt come back `ignored` (and would otherwise end in
 * RecognizeFailed on silence); with `when: 'listening'` they wait for the prompt to end and the
 * app gets RecognizeCompleted, parsed by the SDK on a real listener.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallAutomationClient, FileSource } from '@azure/communication-call-automation';
import { EmulatorClient } from '../../src/index.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { placeConnectedCall, PSTN } from '../helpers/call-driver.js';
import {
  startCallbackListener,
  type CallbackListener,
  ofCall,
} from '../helpers/callback-listener.js';

const MENU: FileSource = { kind: 'fileSource', url: 'https://example.test/menu.wav' };

describe('EmulatorClient.pressKeys and a prompt that cannot be interrupted', () => {
  let running: RunningEmulator;
  let listener: CallbackListener;
  let client: CallAutomationClient;
  let control: EmulatorClient;

  before(async () => {
    listener = await startCallbackListener();
    running = await startEmulator({ playSourceDurationMs: 400 });
    client = running.client();
    control = new EmulatorClient(running.url);
  });
  after(async () => {
    await running.stop();
    await listener.close();
  });

  it('reports keys pressed during the prompt as ignored, and presses once listening when asked', async () => {
    const call = await placeConnectedCall(client, control, listener.url());
    await call.connection.getCallMedia().startRecognizing(PSTN, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 2,
      interruptPrompt: false,
      playPrompt: MENU,
      initialSilenceTimeoutInSeconds: 10,
      operationContext: 'menu',
    });

    const early = await control.pressKeys(call.id, '7', { intervalMs: 0 });
    assert.equal(early.when, 'now');
    assert.equal(early.keys[0]?.outcome, 'ignored');
    assert.match(
      early.keys[0]?.outcome === 'ignored' ? early.keys[0].reason : '',
      /interruptPrompt is false/,
    );

    const waiting = await control.pressKeys(call.id, '12', { intervalMs: 0, when: 'listening' });
    assert.deepEqual(
      waiting.keys.map((k) => k.outcome),
      ['waiting', 'waiting'],
    );
    const done = await listener.waitFor(ofCall(call.id, 'RecognizeCompleted'));
    assert.deepEqual(done.event.dtmfResult, { tones: ['one', 'two'] });

    const actions = await running.admin<{ value: { action: string }[] }>(
      `/admin/caller-actions?callConnectionId=${call.id}`,
    );
    assert.deepEqual(
      actions.value.map((a) => a.action),
      ['dtmf', 'dtmfIgnored', 'dtmf'],
    );
  });
});
