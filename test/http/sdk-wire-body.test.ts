/**
 * The exact bytes the SDK sends for stopContinuousDtmfRecognition (sdk-behaviour.md §2.2), signed
 * as the SDK signs them, sent raw: 200 with an empty body, and the Stopped event follows.
 */
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acsRequest } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { assertMatchesGolden, fixture } from '../helpers/fixture-files.js';

const V = 'api-version=2026-03-12';

describe('raw SDK bytes on the mission route', () => {
  const fx = useEmulator();

  it('the stop fixture is the SDK body of sdk-behaviour.md §3, byte for byte', () => {
    const hash = createHash('sha256')
      .update(fixture('requests/stop-continuous-dtmf-recognition.sdk.json'))
      .digest('base64');
    assert.equal(hash, 'o+pIoHlV/JoyUvApyyOUlYNJBrr6zeMANgt7aruO5h4=');
  });

  it('create (SDK bytes) -> start -> stop with the SDK body -> 200 and one Stopped event', async () => {
    const create = fixture('requests/create-call.sdk.json').replace(
      '{{callbackUri}}',
      fx.listener.url(),
    );
    const created = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: create,
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json.callConnectionId as string;
    await fx.listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );

    const start = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections/${id}:startContinuousDtmfRecognition?${V}`,
      body: fixture('requests/start-continuous-dtmf-recognition.sdk.json'),
    });
    assert.equal(start.status, 200, start.text);
    assert.equal(start.text, '');

    const stop = await acsRequest(fx.running.url, {
      method: 'POST',
      path: `/calling/callConnections/${id}:stopContinuousDtmfRecognition?${V}`,
      body: fixture('requests/stop-continuous-dtmf-recognition.sdk.json'),
    });
    assert.equal(stop.status, 200, stop.text);
    assert.equal(stop.text, '');
    assert.equal(stop.headers['content-length'], '0');

    const stopped = await fx.listener.waitFor(
      (c) => c.event.kind === 'ContinuousDtmfRecognitionStopped' && c.event.callConnectionId === id,
    );
    assert.equal(stopped.event.operationContext, 'dtmf-stop');
    assert.equal(stopped.headers['content-type'], 'application/json');
    const golden: unknown = JSON.parse(
      fixture('events/continuous-dtmf-recognition-stopped.golden.json'),
    );
    assertMatchesGolden(JSON.parse(stopped.rawBody), golden);
    assert.equal(
      (JSON.parse(stopped.rawBody) as { data: { callConnectionId: string } }[])[0]?.data
        .callConnectionId,
      id,
    );
  });

  it('the request journal records the operation id and hides the signature', async () => {
    const journal = await fx.running.admin<{
      value: { operation?: string; status: number; headers: Record<string, string> }[];
    }>('/admin/requests?operation=CallMedia_StopContinuousDtmfRecognition');
    assert.equal(journal.value.length, 1);
    assert.equal(journal.value[0]?.status, 200);
    assert.equal(journal.value[0]?.headers.authorization, '(redacted)');
  });
});
