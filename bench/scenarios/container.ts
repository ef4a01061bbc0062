/**
 * Scenario 6 (BENCHMARKS.md numbering; 5 is Prism): the Docker image, with podman. Its size, and
 * the time from `podman run` to the first 200 on /health through the published port (a fresh
 * container each run). Without podman it reports why it skipped; it never fails the bench.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineSkipReason } from '../../scripts/container/engine.js';
import { exec } from '../../scripts/container/exec.js';
import { prepareImage } from '../../scripts/container/prepare.js';
import { freePort } from '../lib/child.js';
import { formatSpread, spread, type Spread } from '../lib/stats.js';

export type ContainerResult =
  | { skipped: string }
  | {
      engine: string;
      image: string;
      base: string;
      imageMB: number;
      baseMB: number;
      startToHealthyMs: Spread;
      /** Of that, until `podman run -d` returned (container created, network and port set up). */
      runReturnedMs: Spread;
    };

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/health', agent: false, timeout: 1_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

async function sizeMB(podman: string, image: string): Promise<number> {
  const out = await exec(podman, ['image', 'inspect', '--format', '{{.Size}}', image], {
    timeoutMs: 30_000,
  });
  return Math.round((Number(out.stdout.trim()) / 1e6) * 10) / 10;
}

interface StartTimes {
  runReturned: number;
  healthy: number;
}

async function startToHealthy(podman: string, image: string, run: number): Promise<StartTimes> {
  const port = await freePort();
  const name = `acs-bench-start-${process.pid}-${run}`;
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  try {
    await exec(podman, ['run', '-d', '--name', name, '-p', `127.0.0.1:${port}:8833`, image], {
      timeoutMs: 60_000,
    });
    const runReturned = elapsed();
    while (!(await healthy(port))) {
      if (elapsed() > 60_000) throw new Error(`${name}: no healthy /health within 60 s`);
      await sleep(10);
    }
    return { runReturned, healthy: elapsed() };
  } finally {
    await exec(podman, ['rm', '-f', '-t', '0', name], { timeoutMs: 60_000, allowFailure: true });
  }
}

export async function container(
  runs: number,
  log: (line: string) => void,
): Promise<ContainerResult> {
  const skip = engineSkipReason();
  if (skip) {
    log(`  skipped: ${skip}`);
    return { skipped: skip };
  }
  const prepared = await prepareImage((line) => log(`  ${line}`));
  if ('skip' in prepared) {
    log(`  skipped: ${prepared.skip}`);
    return { skipped: prepared.skip };
  }
  const { podman } = prepared.engine;
  const times: StartTimes[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await startToHealthy(podman, prepared.image, i);
    times.push(t);
    log(
      `  run ${i + 1}: podman run returned at ${t.runReturned.toFixed(0)} ms, first healthy /health at ${t.healthy.toFixed(0)} ms`,
    );
  }
  return {
    engine: `podman ${prepared.engine.version}`,
    image: prepared.image,
    base: prepared.base,
    imageMB: await sizeMB(podman, prepared.image),
    baseMB: await sizeMB(podman, prepared.base),
    startToHealthyMs: spread(times.map((t) => t.healthy)),
    runReturnedMs: spread(times.map((t) => t.runReturned)),
  };
}

/** The bench table's rows for this scenario. */
export function containerRows(result: ContainerResult): [string, string, string, string][] {
  if ('skipped' in result) return [['container image', 'skipped', result.skipped, '']];
  return [
    [
      'container image size MB',
      result.imageMB.toFixed(1),
      `Node.js base image: ${result.baseMB.toFixed(1)}`,
      `${result.engine}, uncompressed`,
    ],
    [
      'container start to healthy ms',
      formatSpread(result.startToHealthyMs),
      `of which podman run -d: ${formatSpread(result.runReturnedMs)}`,
      'podman run -> first 200 on /health',
    ],
  ];
}
