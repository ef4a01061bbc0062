/**
 * Scenario 3: startup, from spawn to the first 200 on /health, for the emulator's CLI (built
 * dist/cli.js, default settings) and a bare Express app, alternating, fresh process each time.
 * Besides the wall time, the CPU each process used until then (/proc), which a busy machine
 * disturbs much less.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, cpuMs, freePort } from '../lib/child.js';
import { spread, type Spread } from '../lib/stats.js';

export interface StartupResult {
  runs: number;
  emulatorMs: Spread;
  expressMs: Spread;
  ratio: number;
  /** CPU (user + system) of the process until its first healthy answer. */
  emulatorCpuMs: Spread;
  expressCpuMs: Spread;
  cpuRatio: number;
}

interface Timing {
  ms: number;
  cpuMs: number;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });
}

async function timeToHealthy(args: (port: number) => string[]): Promise<Timing> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args(port), { cwd: ROOT, stdio: 'ignore' });
  try {
    for (;;) {
      if (await healthy(port))
        return { ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: cpuMs(child.pid) };
      if (child.exitCode !== null) throw new Error(`${args(port).join(' ')} exited early`);
      if (Number(process.hrtime.bigint() - started) > 20e9) throw new Error('no health in 20 s');
      await sleep(2);
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) =>
      child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
    );
  }
}

export async function startup(runs: number, log: (line: string) => void): Promise<StartupResult> {
  const emulator: Timing[] = [];
  const express: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['express', 'emulator'] : ['emulator', 'express'];
    for (const which of order) {
      if (which === 'express')
        express.push(
          await timeToHealthy((port) => ['bench/servers/bare-express.mjs', String(port)]),
        );
      else
        emulator.push(
          await timeToHealthy((port) => [
            'dist/cli.js',
            '--port',
            String(port),
            '--log-level',
            'warn',
          ]),
        );
    }
    log(
      `  run ${i + 1} emulator ${emulator.at(-1)?.ms.toFixed(0)} ms (CPU ${emulator.at(-1)?.cpuMs.toFixed(0)}), ` +
        `express ${express.at(-1)?.ms.toFixed(0)} ms (CPU ${express.at(-1)?.cpuMs.toFixed(0)})`,
    );
  }
  const e = spread(emulator.map((t) => t.ms));
  const x = spread(express.map((t) => t.ms));
  const ec = spread(emulator.map((t) => t.cpuMs));
  const xc = spread(express.map((t) => t.cpuMs));
  return {
    runs,
    emulatorMs: e,
    expressMs: x,
    ratio: e.median / x.median,
    emulatorCpuMs: ec,
    expressCpuMs: xc,
    cpuRatio: ec.median / xc.median,
  };
}
