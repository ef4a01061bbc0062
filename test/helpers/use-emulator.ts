/** Registers a running emulator and a callback listener for the enclosing describe block. */
import { after, before, beforeEach } from 'node:test';
import { EmulatorClient } from '../../src/index.js';
import type { Config } from '../../src/config.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { startCallbackListener, type CallbackListener } from './callback-listener.js';

export interface EmulatorFixture {
  running: RunningEmulator;
  listener: CallbackListener;
  /** The typed control client for this emulator. */
  control: EmulatorClient;
}

export interface FixtureOptions {
  /** Before each test: POST /admin/reset and forget the callbacks received so far. */
  resetEach?: boolean;
}

/** Call inside `describe`: the returned object is filled in `before` and torn down in `after`. */
export function useEmulator(
  overrides: Partial<Config> = {},
  options: FixtureOptions = {},
): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  before(async () => {
    fixture.running = await startEmulator(overrides);
    fixture.listener = await startCallbackListener();
    fixture.control = new EmulatorClient(fixture.running.url);
  });
  if (options.resetEach) {
    beforeEach(async () => {
      await fixture.control.reset();
      fixture.listener.received.length = 0;
    });
  }
  after(async () => {
    await fixture.running.stop();
    await fixture.listener.close();
  });
  return fixture;
}
