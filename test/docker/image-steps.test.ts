/**
 * What the Docker image runs, proven without a Docker engine: the Dockerfile's stages are replayed
 * in a clean temporary folder (COPY, `npm ci --omit=dev` against the committed lock file, tsc),
 * then the image's ENTRYPOINT/CMD runs with the image's ENV, and the HEALTHCHECK command, /health
 * and an SDK round trip are checked against it. The build stage's full `npm ci` reuses this
 * repository's install of the same lock file, to keep the test near a minute.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { DEFAULT_PORT } from '../../src/config.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { readyLine, watchProcess, type CliRun, type ReadyLine } from '../helpers/cli-process.js';
import { replayImage, type ReplayedStage } from '../helpers/image-replay.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

function ignoredNames(): Set<string> {
  const text = readFileSync(join(REPO, '.dockerignore'), 'utf8');
  return new Set(text.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
}

/** argv as the container would exec it: tini unwrapped (it only forwards signals), node is ours. */
function hostCommand(image: ReplayedStage, argv: string[]): [string, string[]] {
  let words = argv;
  if (words[0]?.endsWith('/tini')) {
    assert.ok(image.apkPackages.includes('tini'), 'the ENTRYPOINT uses tini, so it is installed');
    words = words.slice(words.indexOf('--') + 1);
  }
  const [exe, ...args] = words;
  assert.equal(exe, 'node', `the image runs node, not ${exe}`);
  return [process.execPath, args.map((a) => (a.startsWith('/') ? image.hostPath(a) : a))];
}

/** The image's ENV with container paths moved into the replay, plus `docker run -e` overrides. */
function hostEnv(image: ReplayedStage, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: image.hostPath('/home/node'),
  };
  for (const [name, value] of Object.entries(image.env))
    env[name] = value.startsWith('/') ? image.hostPath(value) : value;
  return { ...env, ...overrides };
}

function runHealthcheck(image: ReplayedStage, env: NodeJS.ProcessEnv): Promise<number | null> {
  const [command, args] = hostCommand(image, image.healthcheck?.command ?? []);
  const run = watchProcess(
    spawn(command, args, { cwd: image.workdir, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  return run.exited;
}

describe('the Docker image, replayed outside Docker', { timeout: 240_000 }, () => {
  let root: string;
  let image: ReplayedStage;
  let run: CliRun | undefined;
  let ready: ReadyLine;
  let listener: CallbackListener;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'acs-image-steps-'));
    const stages = replayImage(readFileSync(join(REPO, 'Dockerfile'), 'utf8'), {
      context: REPO,
      root,
      devNodeModules: join(REPO, 'node_modules'),
      ignored: ignoredNames(),
    });
    image = stages.at(-1) as ReplayedStage;
    mkdirSync(image.hostPath('/home/node'), { recursive: true });
    mkdirSync(image.hostPath('/tmp'), { recursive: true });
    listener = await startCallbackListener();
    // `docker run image --port 0`: arguments after the image name are appended to ENTRYPOINT.
    const [command, args] = hostCommand(image, [...image.entrypoint, ...image.cmd, '--port', '0']);
    run = watchProcess(
      spawn(command, args, {
        cwd: image.workdir,
        env: hostEnv(image),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    ready = await readyLine(run, 30_000);
  });

  after(async () => {
    if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
    await listener?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('builds a small runtime stage: node 22+ alpine, production dependencies, dist only, non-root, port exposed, 0.0.0.0 only here', () => {
    assert.match(image.base, /^node:(2[2-9]|[3-9]\d)(\.\d+)*-alpine/);
    assert.ok(image.user && !['root', '0'].includes(image.user), `USER ${image.user}`);
    assert.ok(image.exposed.includes(String(DEFAULT_PORT)));
    assert.equal(image.env.ACS_EMULATOR_HOST, '0.0.0.0');
    const modules = join(image.workdir, 'node_modules');
    for (const dependency of ['express', 'pino', 'pino-pretty', 'selfsigned', 'jose'])
      assert.ok(existsSync(join(modules, dependency)), `${dependency} is installed`);
    for (const devDependency of [
      'typescript',
      'tsx',
      'eslint',
      '@azure/communication-call-automation',
    ])
      assert.ok(!existsSync(join(modules, devDependency)), `${devDependency} is not installed`);
    assert.ok(existsSync(join(image.workdir, 'dist', 'cli.js')));
    assert.ok(!existsSync(join(image.workdir, 'src')), 'no sources in the runtime stage');
  });

  it('starts with the image command: every log line is JSON, the ready line names the real port', () => {
    assert.ok(ready.port > 0 && ready.port !== DEFAULT_PORT);
    assert.equal(ready.url, `http://127.0.0.1:${ready.port}/`);
    for (const line of (run?.stdout() ?? '').trim().split('\n')) JSON.parse(line);
  });

  it('answers GET /health', async () => {
    const response = await fetch(`${ready.url}health`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'ok');
  });

  it('serves the dashboard page and its bundled script, with nothing loaded from elsewhere', async () => {
    const page = await fetch(ready.url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<script type="module" src="\/dashboard\/app\.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//, 'no URL to another site');
    const script = await fetch(`${ready.url}dashboard/app.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.ok((await script.text()).length > 1000, 'the bundle is in the image');
  });

  it('HEALTHCHECK uses node (no curl) and passes on a port changed by flag, via the ready file', async () => {
    const check = image.healthcheck;
    assert.ok(check, 'the image has a HEALTHCHECK');
    assert.equal(check.command[0], 'node');
    assert.ok(!check.command.join(' ').match(/curl|wget/));
    // The image env still says 8833; only the ready file knows the port given by flag.
    assert.equal(image.env.ACS_EMULATOR_PORT, String(DEFAULT_PORT));
    assert.equal(await runHealthcheck(image, hostEnv(image)), 0);
  });

  it('HEALTHCHECK passes on a port changed by env (docker run -e ACS_EMULATOR_PORT) without a ready file', async () => {
    const env = hostEnv(image, { ACS_EMULATOR_PORT: String(ready.port) });
    delete env.ACS_EMULATOR_READY_FILE;
    assert.equal(await runHealthcheck(image, env), 0);
  });

  it('serves an SDK round trip: createCall, CallConnected callback, hang up', async () => {
    const client = new CallAutomationClient(ready.connectionString, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    const { callConnectionProperties, callConnection } = await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550123' } },
      listener.url(),
    );
    const id = callConnectionProperties.callConnectionId as string;
    await listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    await callConnection.hangUp(true);
    const logs = (run?.stdout() ?? '')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(
      logs.some(
        (l) => l.operation === 'CreateCall' && l.status === 201 && l.callConnectionId === id,
      ),
      'the createCall request is logged with its call id',
    );
  });

  it('stops on SIGTERM with exit code 0, and then HEALTHCHECK fails', async () => {
    run?.child.kill('SIGTERM');
    assert.equal(await run?.exited, 0);
    assert.ok(!existsSync(image.hostPath(image.env.ACS_EMULATOR_READY_FILE as string)));
    assert.notEqual(
      await runHealthcheck(image, hostEnv(image, { ACS_EMULATOR_PORT: String(ready.port) })),
      0,
    );
  });
});
