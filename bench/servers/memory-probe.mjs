// Memory per tracked call: builds the emulator (dist/) in this process, creates N calls through
// the real CreateCall handler (each body parsed from its own JSON text, as a request would be),
// lets every call connect and its CallConnected callback reach the receiver, then measures heap
// and RSS after full GCs. Needs --expose-gc.
// Usage: node --expose-gc bench/servers/memory-probe.mjs <N> <receiverUrl>   (prints one JSON line)
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULTS } from '../../dist/config.js';
import { createEmulator, HANDLERS } from '../../dist/emulator.js';

const [n, receiverUrl] = process.argv.slice(2);
const total = Number(n);
const BATCH = 2_000;

// --max-calls is raised so the probe can hold 100k idle calls.
const emulator = createEmulator({
  ...DEFAULTS,
  port: 0,
  logLevel: 'silent',
  connectDelayMs: 0,
  maxCalls: 1_000_000,
});
const services = { calls: emulator.calls, clock: emulator.clock, config: emulator.config };

function createCall(i) {
  const phone = `+1425${String(i).padStart(7, '0')}`;
  const body = JSON.parse(
    JSON.stringify({
      targets: [
        {
          kind: 'phoneNumber',
          rawId: `4:${phone}`,
          phoneNumber: { value: phone, isAnonymous: false },
        },
      ],
      callbackUri: `${receiverUrl}/api/callbacks`,
      operationContext: `create-${i}`,
    }),
  );
  HANDLERS.CreateCall({ params: {}, body, apiVersion: '2026-03-12', services });
}

async function settle() {
  // Connect timers fire on the next turns; then every CallConnected must be delivered.
  await sleep(5);
  while (emulator.delivery.pending > 0) await emulator.delivery.flush(10_000);
}

async function measure() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await sleep(20);
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers };
}

async function createMany(from, count) {
  for (let done = 0; done < count; done += BATCH) {
    const size = Math.min(BATCH, count - done);
    for (let i = 0; i < size; i++) createCall(from + done + i);
    await settle();
  }
}

// Warm every code path (JIT, agent sockets), then forget those calls and measure the baseline.
await createMany(0, 2_000);
emulator.calls.reset();
emulator.delivery.reset();
const base = await measure();

const startedAt = Date.now();
await createMany(1_000_000, total);
const seconds = (Date.now() - startedAt) / 1000;
const connected = emulator.calls.list().filter((c) => c.state === 'connected').length;
const withJournal = await measure();
const journalRecords = emulator.delivery.journal.size;
// The event journal is bounded (eventJournalLimit) and shared by all calls: measure without it too.
emulator.delivery.journal.clear();
const callsOnly = await measure();

process.stdout.write(
  `${JSON.stringify({ calls: emulator.calls.size, connected, journalRecords, seconds, base, withJournal, callsOnly })}\n`,
);
process.exit(0);
