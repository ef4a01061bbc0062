/** Starts a real emulator on 127.0.0.1 port 0 for a test, with fast simulated timings. */
import { CallAutomationClient } from '@azure/communication-call-automation';
import { createEmulator, type Emulator } from '../../src/emulator.js';
import { DEFAULTS, type Config } from '../../src/config.js';
import { adminGet } from './admin-client.js';

export interface RunningEmulator {
  emulator: Emulator;
  url: string;
  port: number;
  connectionString: string;
  /** An SDK client with the connection string, insecure http allowed and retries off. */
  client(options?: { maxRetries?: number }): CallAutomationClient;
  /** GET a control-API path (relative to the emulator's root) and return its JSON. */
  admin<T = AdminCall>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/** The fields of GET /admin/calls/{id} the tests read. */
export interface AdminCall {
  callConnectionId: string;
  callConnectionState: string;
  endedBy?: string;
  participants: {
    identifier: { rawId: string };
    continuousDtmfRecognition: { active: boolean; operationContext?: string };
  }[];
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...DEFAULTS,
    port: 0,
    logLevel: 'silent',
    connectDelayMs: 5,
    deliveryBackoffMs: 10,
    // Tests of failures stay quick; the default policy lasts tens of seconds.
    deliveryMaxAttempts: 5,
    deliveryTimeoutMs: 2_000,
    ...overrides,
  };
}

export async function startEmulator(overrides: Partial<Config> = {}): Promise<RunningEmulator> {
  const emulator = createEmulator(testConfig(overrides));
  const { url, port, connectionString } = await emulator.start();
  return {
    emulator,
    url,
    port,
    connectionString,
    client: (options = {}) =>
      new CallAutomationClient(connectionString, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: options.maxRetries ?? 0 },
      }),
    admin: async <T>(path: string) => (await adminGet<T>(url, path)).body,
    stop: async () => {
      await emulator.stop(1_000);
    },
  };
}
