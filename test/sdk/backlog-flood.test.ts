/**
 * A backlog does not freeze the emulator (issue 19): 50,000 callbacks queued at once, far past
 * the journal's bound, drain while /health keeps answering. The figures go to the test's
 * diagnostics (the machine is shared, so nothing here asserts a duration); what is asserted is
 * that every event went out once and the journal came back to its bound.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCloudEvent } from '../../src/events/cloud-event.js';
import { startEmulator } from '../helpers/emulator.js';

const EVENTS = 50_000;
const CALLS = 100;
const LIMIT = 1_000;

describe('a backlog of 50,000 callbacks', () => {
  it('drains while /health keeps answering, and the journal returns to its bound', async (t) => {
    let received = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;
    const running = await startEmulator({
      eventJournalLimit: LIMIT,
      signCallbacks: false,
      maxPendingCallbacks: 1_000_000,
      // The webhook shares this process and the machine: room for a slow answer, so a retry
      // (which would send an event twice) never muddies the count.
      deliveryTimeoutMs: 30_000,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const { delivery } = running.emulator;
      let failedAttempts = 0;
      delivery.journal.subscribe((r) => {
        if (r.attempts.at(-1)?.error !== undefined) failedAttempts++;
      });
      const enqueueStarted = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        const call = `call-${i % CALLS}`;
        delivery.enqueue(call, url, buildCloudEvent('CallConnected', call, {}, Date.now()));
      }
      const enqueueMs = performance.now() - enqueueStarted;
      assert.equal(delivery.pending, EVENTS);
      assert.equal(delivery.journal.size, EVENTS, 'pending records are all kept');

      const probes: number[] = [];
      while (delivery.pending > 0) {
        const started = performance.now();
        const status = await new Promise<number | undefined>((resolve, reject) => {
          http
            .get(new URL('health', running.url), { agent }, (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode));
            })
            .on('error', reject);
        });
        assert.equal(status, 200);
        probes.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await delivery.flush(60_000);
      assert.equal(failedAttempts, 0, 'no attempt failed');
      assert.equal(received, EVENTS, 'every event once');
      assert.equal(delivery.journal.size, LIMIT, 'back to the bound once all went out');
      assert.ok(probes.length > 0);
      const sorted = [...probes].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      t.diagnostic(
        `enqueue ${EVENTS} events: ${enqueueMs.toFixed(0)} ms; /health during the drain: ` +
          `${probes.length} probes, p50 ${at(0.5)?.toFixed(1)} ms, p99 ${at(0.99)?.toFixed(1)} ms, ` +
          `max ${sorted.at(-1)?.toFixed(1)} ms`,
      );
    } finally {
      agent.destroy();
      await running.stop();
      server.closeAllConnections();
      server.close();
    }
  });
});
