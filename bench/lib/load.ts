/**
 * Closed-loop HTTP load with autocannon: one autocannon instance of one keep-alive connection per
 * request cycle, all running at once. Latency is taken per response from autocannon's
 * process.hrtime() timing (a float in ms) rather than its 1 ms-resolution histogram.
 */
import autocannon from 'autocannon';
import type { SignedRequest } from './acs-requests.js';
import { percentile } from './stats.js';

export interface LoadResult {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * A request whose bytes depend on an earlier answer on the same connection (stop the recording
 * that start created) or must differ each time (a fresh Repeatability-Request-ID): `prepare`
 * builds it just before it is sent, `capture` reads its answer (the cycle keeps what it needs).
 */
export interface DynamicRequest extends SignedRequest {
  prepare?: () => SignedRequest;
  capture?: (status: number, body: string) => void;
}

export interface LoadCounters {
  /** Called for every response, with the request it answers. */
  onResponse?: (request: SignedRequest, status: number) => void;
}

function runOne(
  port: number,
  cycle: readonly DynamicRequest[],
  durationSec: number,
  latencies: number[],
  counters: LoadCounters,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: 1,
        pipelining: 1,
        duration: durationSec,
        requests: cycle.map((request) => ({
          method: request.method,
          path: request.path,
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          ...(request.prepare ? { setupRequest: setupOf(request.prepare) } : {}),
          ...(counters.onResponse || request.capture
            ? {
                onResponse: (status: number, body: string) => {
                  request.capture?.(status, body);
                  counters.onResponse?.(request, status);
                },
              }
            : {}),
        })),
      },
      (err, result) => (err ? reject(err as Error) : resolve(result)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

function setupOf(prepare: NonNullable<DynamicRequest['prepare']>) {
  return (defaults: autocannon.Request) => {
    const next = prepare();
    return {
      ...defaults,
      method: next.method,
      path: next.path,
      headers: next.headers,
      ...(next.body !== undefined ? { body: next.body } : {}),
    } as autocannon.Request;
  };
}

/** Runs every cycle on its own connection for `durationSec` and merges the results. */
export async function runLoad(
  port: number,
  cycles: readonly (readonly DynamicRequest[])[],
  durationSec: number,
  counters: LoadCounters = {},
): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    cycles.map((cycle) => runOne(port, cycle, durationSec, latencies, counters)),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const non2xx = results.reduce((sum, r) => sum + r.non2xx, 0);
  const errors = results.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
  return {
    seconds,
    ok: latencies.length,
    non2xx,
    errors,
    reqPerSec: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
  };
}
