/**
 * Scenario 4: memory per tracked (idle, connected) call at 10k and 100k calls, each count in a
 * fresh process, heap and RSS after full GCs, net of the baseline of an emulator with no calls.
 */
import { runChild, startChild } from '../lib/child.js';

interface Usage {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

interface ProbeOutput {
  calls: number;
  connected: number;
  journalRecords: number;
  seconds: number;
  base: Usage;
  withJournal: Usage;
  callsOnly: Usage;
}

export interface MemoryPoint {
  calls: number;
  connected: number;
  /** Bytes per call of the call state alone (store, call objects, participants). */
  heapPerCall: number;
  rssPerCall: number;
  /** Bytes per call including the bounded event journal's records at that moment. */
  heapPerCallWithJournal: number;
  rssPerCallWithJournal: number;
  journalRecords: number;
  seconds: number;
}

export async function memory(
  counts: readonly number[],
  log: (line: string) => void,
): Promise<MemoryPoint[]> {
  const points: MemoryPoint[] = [];
  for (const calls of counts) {
    const receiver = await startChild(['bench/servers/receiver.mjs']);
    try {
      const out = await runChild<ProbeOutput>([
        '--expose-gc',
        'bench/servers/memory-probe.mjs',
        String(calls),
        `http://127.0.0.1:${receiver.port}`,
      ]);
      const point: MemoryPoint = {
        calls: out.calls,
        connected: out.connected,
        heapPerCall: (out.callsOnly.heapUsed - out.base.heapUsed) / out.calls,
        rssPerCall: (out.callsOnly.rss - out.base.rss) / out.calls,
        heapPerCallWithJournal: (out.withJournal.heapUsed - out.base.heapUsed) / out.calls,
        rssPerCallWithJournal: (out.withJournal.rss - out.base.rss) / out.calls,
        journalRecords: out.journalRecords,
        seconds: out.seconds,
      };
      points.push(point);
      log(
        `  ${calls} calls: heap ${point.heapPerCall.toFixed(0)} B/call, rss ${point.rssPerCall.toFixed(0)} B/call`,
      );
    } finally {
      await receiver.stop();
    }
  }
  return points;
}
