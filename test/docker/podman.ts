/**
 * What the container tests do with podman: prepare the image (or say why they skip), run
 * containers with a published 127.0.0.1 port, read their logs, and always remove what they start.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineSkipReason, inCi, onPath, type Engine } from '../../scripts/container/engine.js';
import { exec, type ExecResult } from '../../scripts/container/exec.js';
import { prepareImage } from '../../scripts/container/prepare.js';

/** Decided at load time, so node:test can show the skip and its reason. */
export const skipContainers: string | false = engineSkipReason() ?? false;

/** The same for a tool besides podman (podman-compose): CI installs it, elsewhere it may skip. */
export function toolSkip(tool: string, install: string): string | false {
  if (skipContainers) return skipContainers;
  return inCi() || onPath(tool) ? false : `${tool} is not on PATH (${install})`;
}

/**
 * Lets the container reach the host's 127.0.0.1 (slirp4netns maps it to 10.0.2.2) under the
 * usual name: callbacks reach a listener that binds loopback only.
 */
export const HOST_LOOPBACK = [
  '--network',
  'slirp4netns:allow_host_loopback=true',
  '--add-host',
  'host.containers.internal:10.0.2.2',
];

export interface Prepared {
  engine: Engine;
  image: string;
  base: string;
}

/** Engine and image for a test file; a skip reason found only now (not in CI) is an error. */
export async function prepared(): Promise<Prepared> {
  const result = await prepareImage((line) => process.stderr.write(`${line}\n`));
  if ('skip' in result) throw new Error(result.skip);
  return result;
}

export function podman(
  engine: Engine,
  args: readonly string[],
  options: { timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<ExecResult> {
  return exec(engine.podman, args, {
    timeoutMs: options.timeoutMs ?? 60_000,
    allowFailure: options.allowFailure,
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** A container name no other run uses, so parallel runs and leftovers never collide. */
export function containerName(purpose: string): string {
  return `acs-test-${purpose}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Polls `check` every 200 ms until it returns a value, at most `timeoutMs`. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await sleep(200);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
}

/** GET /health on a published port until it answers 200, bounded. */
export function healthy(url: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  return until(`${url}health answers 200`, timeoutMs, async () => {
    const response = await fetch(new URL('health', url), { signal: AbortSignal.timeout(2_000) });
    return response.status === 200
      ? ((await response.json()) as Record<string, unknown>)
      : undefined;
  });
}

/** The container's log lines (stdout), parsed as JSON. */
export async function jsonLogs(engine: Engine, name: string): Promise<Record<string, unknown>[]> {
  const logs = await podman(engine, ['logs', name]);
  return logs.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Removes containers by name, whatever state they are in; never throws. */
export async function removeContainers(engine: Engine | undefined, names: string[]): Promise<void> {
  if (!engine || names.length === 0) return;
  await podman(engine, ['rm', '-f', '-t', '0', ...names], { allowFailure: true });
}

export interface PodmanService {
  /** `unix:///…` for DOCKER_HOST. */
  dockerHost: string;
  stop(): Promise<void>;
}

/** `podman system service` on a socket of its own: the Docker API that Testcontainers speaks. */
export async function startPodmanService(engine: Engine): Promise<PodmanService> {
  const socket = join(tmpdir(), `acs-podman-${process.pid}.sock`);
  rmSync(socket, { force: true });
  const child = spawn(engine.podman, ['system', 'service', '--time=0', `unix://${socket}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    }
    rmSync(socket, { force: true });
  };
  try {
    await until('podman system service answers /_ping', 30_000, async () => {
      if (child.exitCode !== null) throw new Error(`podman system service exited: ${stderr}`);
      return (await ping(socket)) ? true : undefined;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { dockerHost: `unix://${socket}`, stop };
}

function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath: socket, path: '/_ping', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
