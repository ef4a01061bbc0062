/**
 * Scenario 2: callback delivery, events/s and production-to-receipt latency, the emulator's own
 * Delivery against a raw node:http sender with a keep-alive agent. Both run the same closed loop
 * (K calls, one event in flight each) into the same kind of receiver, each in fresh processes,
 * interleaved.
 */
import { runChild, startChild } from '../lib/child.js';
import { getJson } from '../lib/acs-requests.js';
import { percentile, spread, type Spread } from '../lib/stats.js';

export interface CallbackDeliveryOptions {
  rounds: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface DeliveryRun {
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  received: number;
  produced: number;
  malformed: number;
  /** The producer's own CPU (user + system) per event answered in the measure phase. */
  cpuUsPerEvent: number;
}

export interface CallbackDeliveryResult {
  options: CallbackDeliveryOptions;
  emulator: DeliveryRun[];
  raw: DeliveryRun[];
  ratio: Spread;
  emulatorEventsPerSec: Spread;
  rawEventsPerSec: Spread;
  emulatorP50Ms: Spread;
  emulatorP99Ms: Spread;
  rawP50Ms: Spread;
  rawP99Ms: Spread;
  emulatorCpuUsPerEvent: Spread;
  rawCpuUsPerEvent: Spread;
}

interface ReceiverStats {
  byType: Record<string, number>;
  malformed: number;
  measured: number;
  spanMs: number;
  latenciesMs: number[];
}

/** One run in fresh processes; `dist` picks another build of the emulator (an A/B baseline). */
export async function runDelivery(
  mode: 'emulator' | 'raw',
  options: Pick<CallbackDeliveryOptions, 'concurrency' | 'warmupMs' | 'durationMs'>,
  dist?: string,
): Promise<DeliveryRun> {
  const receiver = await startChild(['bench/servers/receiver.mjs']);
  try {
    const { produced, cpuUsPerEvent } = await runChild<{
      produced: number;
      cpuUsPerEvent: number;
    }>([
      'bench/servers/delivery-producer.mjs',
      mode,
      `http://127.0.0.1:${receiver.port}`,
      String(options.concurrency),
      String(options.warmupMs),
      String(options.durationMs),
      ...(dist ? [dist] : []),
    ]);
    const stats = await getJson<ReceiverStats>(receiver.port, '/stats');
    const received = Object.values(stats.byType).reduce((a, b) => a + b, 0);
    return {
      eventsPerSec: stats.measured / (stats.spanMs / 1000),
      p50Ms: percentile(stats.latenciesMs, 50),
      p99Ms: percentile(stats.latenciesMs, 99),
      received,
      produced,
      malformed: stats.malformed,
      cpuUsPerEvent,
    };
  } finally {
    await receiver.stop();
  }
}

export async function callbackDelivery(
  options: CallbackDeliveryOptions,
  log: (line: string) => void,
): Promise<CallbackDeliveryResult> {
  const emulator: DeliveryRun[] = [];
  const raw: DeliveryRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? (['raw', 'emulator'] as const) : (['emulator', 'raw'] as const);
    for (const mode of order) {
      const run = await runDelivery(mode, options);
      (mode === 'raw' ? raw : emulator).push(run);
      log(
        `  round ${round + 1} ${mode.padEnd(8)} ${run.eventsPerSec.toFixed(0)} events/s, ` +
          `p99 ${run.p99Ms.toFixed(2)} ms, ${run.cpuUsPerEvent.toFixed(0)} µs CPU/event, ` +
          `${run.received}/${run.produced} received`,
      );
    }
  }
  return {
    options,
    emulator,
    raw,
    ratio: spread(emulator.map((e, i) => e.eventsPerSec / (raw[i] as DeliveryRun).eventsPerSec)),
    emulatorEventsPerSec: spread(emulator.map((r) => r.eventsPerSec)),
    rawEventsPerSec: spread(raw.map((r) => r.eventsPerSec)),
    emulatorP50Ms: spread(emulator.map((r) => r.p50Ms)),
    emulatorP99Ms: spread(emulator.map((r) => r.p99Ms)),
    rawP50Ms: spread(raw.map((r) => r.p50Ms)),
    rawP99Ms: spread(raw.map((r) => r.p99Ms)),
    emulatorCpuUsPerEvent: spread(emulator.map((r) => r.cpuUsPerEvent)),
    rawCpuUsPerEvent: spread(raw.map((r) => r.cpuUsPerEvent)),
  };
}
