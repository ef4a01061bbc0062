/**
 * The README's Testcontainers recipe, run for real: examples/testcontainers/start-emulator.ts
 * (shown verbatim in the README) drives podman through its Docker-compatible API
 * (`podman system service`), and the official SDK does a round trip whose callbacks reach a
 * listener on the host.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { REPO_ROOT } from '../../scripts/container/app-image.js';
import type { Engine } from '../../scripts/container/engine.js';
import type { EmulatorContainer } from '../../examples/testcontainers/start-emulator.js';
import {
  startCallbackListener,
  ofCall,
  type CallbackListener,
} from '../helpers/callback-listener.js';
import {
  podman,
  prepared,
  skipContainers,
  startPodmanService,
  type PodmanService,
} from './podman.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'testcontainers', 'start-emulator.ts');
const PSTN = { phoneNumber: '+14255550123' };

describe(
  'the README Testcontainers recipe, against podman system service',
  { skip: skipContainers, timeout: 1_200_000 },
  () => {
    let engine: Engine;
    let service: PodmanService | undefined;
    let listener: CallbackListener;
    let emulator: EmulatorContainer | undefined;
    let containerId: string | undefined;

    before(async () => {
      const ready = await prepared();
      engine = ready.engine;
      service = await startPodmanService(engine);
      // Testcontainers reads these when it first looks for an engine. Ryuk (its reaper) is an
      // image from a registry this machine cannot reach; this file removes what it starts.
      // This machine is itself a container (/.dockerenv), where Testcontainers would otherwise
      // aim at the bridge gateway instead of the published port on loopback.
      process.env.DOCKER_HOST = service.dockerHost;
      process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
      process.env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
      listener = await startCallbackListener();
      const { startEmulator } = await import('../../examples/testcontainers/start-emulator.js');
      emulator = await startEmulator(ready.image);
      containerId = emulator.container.getId();
    });

    after(async () => {
      await emulator?.container.stop({ timeout: 10_000 }).catch(() => undefined);
      if (containerId && engine)
        await podman(engine, ['rm', '-f', '-t', '0', containerId], { allowFailure: true });
      await listener?.close();
      await service?.stop();
    });

    it('the README shows examples/testcontainers/start-emulator.ts as it is', () => {
      const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
      assert.ok(
        readme.includes(readFileSync(EXAMPLE, 'utf8').trim()),
        'README.md must quote examples/testcontainers/start-emulator.ts verbatim',
      );
    });

    it('starts the image, waits for /health, and maps the port on loopback', async () => {
      assert.ok(emulator);
      assert.match(emulator.connectionString, /^endpoint=http:\/\/127\.0\.0\.1:\d+\/;accesskey=/);
      const endpoint = /endpoint=([^;]+)/.exec(emulator.connectionString)?.[1] as string;
      const response = await fetch(new URL('health', endpoint));
      assert.equal(response.status, 200);
    });

    it('serves the SDK continuous-DTMF round trip, callbacks reaching the host listener', async () => {
      assert.ok(emulator);
      const client = new CallAutomationClient(emulator.connectionString, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      const port = Number(new URL(listener.url()).port);
      const created = await client.createCall(
        { targetParticipant: PSTN },
        emulator.callbackUrl(port),
      );
      const id = created.callConnectionProperties.callConnectionId as string;
      await listener.waitFor(ofCall(id, 'CallConnected'), 15_000);
      const media = created.callConnection.getCallMedia();
      await media.startContinuousDtmfRecognition(PSTN, { operationContext: 'tc-start' });
      await media.stopContinuousDtmfRecognition(PSTN, { operationContext: 'tc-stop' });
      const stopped = await listener.waitFor(
        ofCall(id, 'ContinuousDtmfRecognitionStopped'),
        15_000,
      );
      assert.equal(stopped.event.operationContext, 'tc-stop');
      await created.callConnection.hangUp(true);
      await listener.waitFor(ofCall(id, 'CallDisconnected'), 15_000);
    });

    it('stops and removes the container', async () => {
      assert.ok(emulator && containerId);
      await emulator.container.stop({ timeout: 10_000 });
      emulator = undefined;
      const left = await podman(engine, ['container', 'exists', containerId], {
        allowFailure: true,
      });
      assert.equal(left.code, 1, 'the container is gone');
    });
  },
);
