/**
 * Measures what fault rules cost an API request that no rule touches: requests per second of
 * GET /calling/callConnections/{id} (a 404 through the whole pipeline) with no rules, with one
 * rule for another operation, and with 50 such rules.
 * Usage: node --import tsx bench/fault-overhead.ts [seconds=3]
 */
import autocannon from 'autocannon';
import { createEmulator } from '../src/emulator.js';
import { DEFAULTS } from '../src/config.js';

const seconds = Number(process.argv[2] ?? 3);

const emulator = createEmulator({ ...DEFAULTS, port: 0, logLevel: 'silent', disableAuth: true });
const { url } = await emulator.start();
const target = `${url}calling/callConnections/nope?api-version=2026-03-12`;

async function measure(label: string): Promise<void> {
  const result = await autocannon({ url: target, connections: 10, duration: seconds });
  console.log(
    `${label.padEnd(34)} ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
  );
}

const rule = { match: { operation: 'CallMedia_Play' }, action: { type: 'delay' as const, ms: 1 } };
await measure('warm-up');
await measure('no rules');
emulator.faults.rules.add(rule, Date.now());
await measure('1 rule for another operation');
for (let i = 0; i < 49; i++) emulator.faults.rules.add(rule, Date.now());
await measure('50 rules for another operation');
await emulator.stop(0);
