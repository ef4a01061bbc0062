/** Bounded polling for the benchmarks: a condition, and a call's connection on the emulator. */
import { setTimeout as sleep } from 'node:timers/promises';
import { getJson } from './acs-requests.js';

/** Polls `check` every 10 ms; resolves with the time it took, throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

/** Waits until the emulator's control API shows the call `connected`. */
export function waitConnected(port: number, callConnectionId: string): Promise<number> {
  return waitFor(async () => {
    const call = await getJson<{ callConnectionState: string }>(
      port,
      `/admin/calls/${callConnectionId}`,
    );
    return call.callConnectionState === 'connected';
  }, 5_000);
}
