/**
 * The Docker image, built from the Dockerfile and run by a real engine (podman): published port,
 * HEALTHCHECK, an SDK continuous-DTMF round trip whose callbacks reach a listener on the host,
 * non-root user, clean stop, and a port changed by env. CI installs podman (scripts/container/);
 * elsewhere the file skips, saying why, when there is no podman.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { REPO_ROOT } from '../../scripts/container/app-image.js';
import type { Engine } from '../../scripts/container/engine.js';
import { argDefault } from '../helpers/dockerfile.js';
import {
  startCallbackListener,
  ofCall,
  type CallbackListener,
} from '../helpers/callback-listener.js';
import {
  HOST_LOOPBACK,
  containerName,
  freePort,
  healthy,
  jsonLogs,
  podman,
  prepared,
  removeContainers,
  skipContainers,
  until,
} from './podman.js';

const PSTN = { phoneNumber: '+14255550123' };

interface ImageInspect {
  User: string;
  Healthcheck?: { Test: string[] };
  Config: { ExposedPorts?: Record<string, unknown>; Entrypoint?: string[]; Env?: string[] };
}

interface Running {
  name: string;
  url: string;
}

describe('the Docker image, run by podman', { skip: skipContainers, timeout: 1_200_000 }, () => {
  let engine: Engine;
  let image: string;
  let listener: CallbackListener;
  let main: Running;
  const started: string[] = [];

  /** `podman run -d` with a published 127.0.0.1 port; returns once /health answers. */
  async function start(
    purpose: string,
    containerPort: number,
    extra: string[] = [],
  ): Promise<Running> {
    const name = containerName(purpose);
    const hostPort = await freePort();
    started.push(name);
    await podman(engine, [
      'run',
      '-d',
      '--name',
      name,
      ...HOST_LOOPBACK,
      '-p',
      `127.0.0.1:${hostPort}:${containerPort}`,
      ...extra,
      image,
    ]);
    const url = `http://127.0.0.1:${hostPort}/`;
    await healthy(url);
    return { name, url };
  }

  const healthcheckRun = async (name: string) =>
    (await podman(engine, ['healthcheck', 'run', name], { allowFailure: true })).code;

  before(async () => {
    ({ engine, image } = await prepared());
    listener = await startCallbackListener();
    main = await start('main', 8833);
  });

  after(async () => {
    await removeContainers(engine, started);
    await listener?.close();
  });

  it('is built from an official Node.js image by default, and declares user, port and health check', async () => {
    const dockerfile = readFileSync(`${REPO_ROOT}/Dockerfile`, 'utf8');
    assert.match(
      argDefault(dockerfile, 'NODE_IMAGE') ?? '',
      /^node:(2[2-9]|[3-9]\d)-bookworm-slim$/,
    );
    const [inspect] = JSON.parse(
      (await podman(engine, ['image', 'inspect', image])).stdout,
    ) as ImageInspect[];
    assert.ok(inspect);
    assert.equal(inspect.User, 'node');
    assert.ok(Object.keys(inspect.Config.ExposedPorts ?? {}).includes('8833/tcp'));
    assert.deepEqual(inspect.Healthcheck?.Test, ['CMD', 'node', '/app/dist/cli.js', 'healthcheck']);
    assert.deepEqual(inspect.Config.Entrypoint?.slice(0, 2), ['/usr/bin/tini', '--']);
  });

  it('holds production dependencies and dist/ only: no dev dependencies, sources or build tools', async () => {
    const probe = [
      'const fs = require("node:fs");',
      'const has = (p) => fs.existsSync(p);',
      'const mods = ["express", "pino", "selfsigned", "jose", "typescript", "tsx", "eslint",',
      '  "@azure/communication-call-automation"];',
      'console.log(JSON.stringify({ node: process.versions.node, dist: has("/app/dist/cli.js"),',
      '  src: has("/app/src"), modules: Object.fromEntries(mods.map((m) =>',
      '  [m, has("/app/node_modules/" + m)])) }));',
    ].join('\n');
    const out = await podman(engine, ['run', '--rm', '--entrypoint', 'node', image, '-e', probe]);
    const found = JSON.parse(out.stdout) as {
      node: string;
      dist: boolean;
      src: boolean;
      modules: Record<string, boolean>;
    };
    assert.ok(Number(found.node.split('.')[0]) >= 20, `node ${found.node}`);
    assert.equal(found.dist, true);
    assert.equal(found.src, false);
    for (const m of ['express', 'pino', 'selfsigned', 'jose'])
      assert.equal(found.modules[m], true, m);
    for (const m of ['typescript', 'tsx', 'eslint', '@azure/communication-call-automation'])
      assert.equal(found.modules[m], false, `${m} is not in the image`);
  });

  it('answers /health on the published 127.0.0.1 port, and every log line is JSON', async () => {
    const health = await healthy(main.url);
    assert.equal(health.status, 'ok');
    const logs = await jsonLogs(engine, main.name);
    assert.ok(
      logs.some((l) => typeof l.connectionString === 'string'),
      'the ready line is logged',
    );
  });

  it('HEALTHCHECK reports healthy (podman healthcheck run), and the state says so', async () => {
    assert.equal(await healthcheckRun(main.name), 0);
    const status = await podman(engine, [
      'inspect',
      main.name,
      '--format',
      '{{.State.Health.Status}}',
    ]);
    assert.equal(status.stdout.trim(), 'healthy');
  });

  it('the health command fails when the emulator does not answer at the address it is given', async () => {
    // Without the ready file and pointed at a closed port, the same command must say unhealthy.
    const probe = await podman(
      engine,
      [
        'exec',
        '-e',
        'ACS_EMULATOR_PORT=1',
        '-e',
        'ACS_EMULATOR_READY_FILE=',
        main.name,
        'node',
        '/app/dist/cli.js',
        'healthcheck',
      ],
      { allowFailure: true },
    );
    assert.equal(probe.code, 1, probe.stderr);
    assert.match(probe.stderr, /unhealthy: http:\/\/127\.0\.0\.1:1\/health/);
  });

  it('runs as the non-root node user under tini', async () => {
    const id = await podman(engine, ['exec', main.name, 'id', '-u']);
    assert.equal(id.stdout.trim(), '1000');
    const top = await podman(engine, ['top', main.name, 'user', 'pid', 'args']);
    const rows = top.stdout.trim().split('\n').slice(1);
    assert.ok(rows.length >= 2, top.stdout);
    for (const row of rows) assert.match(row, /^node\s/, `every process runs as node: ${row}`);
    assert.ok(
      rows.some((r) => /\s1\s+\/usr\/bin\/tini\b/.test(r)),
      'PID 1 is tini',
    );
  });

  it('serves the SDK continuous-DTMF round trip, with callbacks reaching a listener on the host', async () => {
    const ready = (await jsonLogs(engine, main.name)).find(
      (l) => typeof l.connectionString === 'string',
    );
    // The container announces its own address; the host reaches it through the published port.
    const key = /accesskey=([^;]+)/.exec(String(ready?.connectionString))?.[1];
    assert.ok(key, 'the ready line carries the access key');
    const client = new CallAutomationClient(`endpoint=${main.url};accesskey=${key}`, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const callbackUrl = listener.url().replace('127.0.0.1', 'host.containers.internal');
    const created = await client.createCall({ targetParticipant: PSTN }, callbackUrl);
    const id = created.callConnectionProperties.callConnectionId as string;
    await listener.waitFor(ofCall(id, 'CallConnected'), 15_000);

    const media = created.callConnection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN, { operationContext: 'in-container-start' });
    await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'in-container-stop' });
    const stopped = await listener.waitFor(ofCall(id, 'ContinuousDtmfRecognitionStopped'), 15_000);
    assert.equal(stopped.event.operationContext, 'in-container-stop');
    assert.equal(stopped.event.resultInformation?.code, 200);

    await created.callConnection.hangUp(true);
    await listener.waitFor(ofCall(id, 'CallDisconnected'), 15_000);
    const logs = await jsonLogs(engine, main.name);
    assert.ok(
      logs.some(
        (l) => l.operation === 'CreateCall' && l.status === 201 && l.callConnectionId === id,
      ),
      'the createCall request is logged with its call id',
    );
  });

  it('passes the health check on a port changed by env (-e ACS_EMULATOR_PORT)', async () => {
    const moved = await start('port', 9000, ['-e', 'ACS_EMULATOR_PORT=9000']);
    assert.equal((await healthy(moved.url)).status, 'ok');
    assert.equal(await healthcheckRun(moved.name), 0);
  });

  it('podman stop: SIGTERM reaches the emulator, which exits 0 within the grace period', async () => {
    // A stop that needed SIGKILL after the grace period would exit 137.
    await podman(engine, ['stop', '-t', '20', main.name], { timeoutMs: 60_000 });
    const state = await until('the container has exited', 10_000, async () => {
      const out = await podman(engine, [
        'inspect',
        main.name,
        '--format',
        '{{.State.Status}} {{.State.ExitCode}}',
      ]);
      const [status, code] = out.stdout.trim().split(' ');
      return status === 'exited' ? code : undefined;
    });
    assert.equal(state, '0');
    const logs = await jsonLogs(engine, main.name);
    assert.ok(
      logs.some((l) => l.msg === 'stopping' && l.signal === 'SIGTERM'),
      'logged the signal',
    );
  });
});
