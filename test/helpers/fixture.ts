/** Registers a running emulator and a callback listener for the enclosing describe block. */
import { after, before } from 'node:test';
import type { Config } from '../../src/config.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { startCallbackListener, type CallbackListener } from './callback-listener.js';

export interface EmulatorFixture {
  running: RunningEmulator;
  listener: CallbackListener;
}

/** Call inside `describe`: the returned object is filled in `before` and torn down in `after`. */
export function useEmulator(overrides: Partial<Config> = {}): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  before(async () => {
    fixture.running = await startEmulator(overrides);
    fixture.listener = await startCallbackListener();
  });
  after(async () => {
    await fixture.running.stop();
    await fixture.listener.close();
  });
  return fixture;
}
