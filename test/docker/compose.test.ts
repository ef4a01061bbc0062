/**
 * The README's compose recipe, run for real: examples/compose/compose.yaml with podman-compose
 * (Debian's; in CI, scripts/container/engine.ts installs it with podman). Its app service places one call through the official SDK with
 * callbacks to its own service name and exits 0 when the round trip worked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/container/app-image.js';
import type { Engine } from '../../scripts/container/engine.js';
import { exec, which, type ExecResult } from '../../scripts/container/exec.js';
import { freePort, healthy, podman, prepared, toolSkip, until } from './podman.js';

const FOLDER = join(REPO_ROOT, 'examples', 'compose');
const PROJECT = `acs-compose-test-${process.pid}`;
const EMULATOR = `${PROJECT}_acs-emulator_1`;
const APP = `${PROJECT}_app_1`;
// Tags of this run only: compose builds into them, and the run removes them (layers stay cached).
const EMULATOR_IMAGE = `localhost/acs-call-emulator:${PROJECT}`;
const APP_IMAGE = `localhost/acs-call-emulator-sample-app:${PROJECT}`;

describe(
  'the README compose recipe, run by podman-compose',
  { skip: toolSkip('podman-compose', 'apt-get install podman-compose'), timeout: 1_200_000 },
  () => {
    let engine: Engine;
    let compose: string;
    let env: NodeJS.ProcessEnv;
    let hostPort: number;

    const run = (args: string[], timeoutMs: number): Promise<ExecResult> =>
      exec(compose, ['-p', PROJECT, '-f', 'compose.yaml', ...args], {
        cwd: FOLDER,
        env,
        timeoutMs,
      });

    before(async () => {
      const ready = await prepared();
      engine = ready.engine;
      compose = (await which('podman-compose')) ?? assert.fail('podman-compose is not on PATH');
      hostPort = await freePort();
      env = {
        ...process.env,
        NODE_IMAGE: ready.base,
        ACS_EMULATOR_IMAGE: EMULATOR_IMAGE,
        SAMPLE_APP_IMAGE: APP_IMAGE,
        ACS_EMULATOR_HOST_PORT: String(hostPort),
        // podman builds OCI images by default, and OCI images drop HEALTHCHECK.
        BUILDAH_FORMAT: 'docker',
      };
      // Both services' build sections, as `docker compose build` would (layer-cached).
      await run(['build'], 600_000);
      await run(['up', '-d'], 180_000);
    });

    after(async () => {
      if (!compose) return;
      await run(['down', '-t', '10'], 120_000).catch(() => undefined);
      await podman(engine, ['rm', '-f', '-t', '0', EMULATOR, APP], { allowFailure: true });
      await podman(engine, ['network', 'rm', '-f', `${PROJECT}_default`], { allowFailure: true });
      await podman(engine, ['rmi', EMULATOR_IMAGE, APP_IMAGE], { allowFailure: true });
    });

    it('is the file the README shows, and the app waits on the emulator health check', () => {
      const text = readFileSync(join(FOLDER, 'compose.yaml'), 'utf8');
      const services = text.slice(text.indexOf('services:')).trim();
      const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
      assert.ok(readme.includes(services), 'README.md quotes compose.yaml from `services:` on');
      assert.match(text, /depends_on:\s+acs-emulator:\s+condition: service_healthy/);
    });

    it('the app does its SDK round trip with callbacks to its service name, and exits 0', async () => {
      const waited = await podman(engine, ['wait', APP], { timeoutMs: 120_000 });
      const logs = await podman(engine, ['logs', APP]);
      assert.equal(waited.stdout.trim(), '0', `app logs:\n${logs.stdout}${logs.stderr}`);
      const result = logs.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { result?: string; callbacks?: string[] })
        .find((l) => l.result !== undefined);
      assert.equal(result?.result, 'ok');
      assert.deepEqual(result?.callbacks, [
        'CallConnected',
        'ParticipantsUpdated',
        'ContinuousDtmfRecognitionStopped',
        'CallDisconnected',
      ]);
    });

    it('the emulator service built by compose keeps the image HEALTHCHECK, and its port is published', async () => {
      await until('the compose emulator reports healthy', 30_000, async () => {
        const check = await podman(engine, ['healthcheck', 'run', EMULATOR], {
          allowFailure: true,
        });
        return check.code === 0 ? true : undefined;
      });
      const health = await healthy(`http://127.0.0.1:${hostPort}/`);
      assert.equal(health.status, 'ok');
    });
  },
);
