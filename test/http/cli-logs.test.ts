/**
 * Logs from the real CLI: off a terminal every line is JSON (the ready line too); one line per
 * request and per callback attempt; no access key, signature, token or webhook secret ever.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallAutomationClient } from '@azure/communication-call-automation';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { SignJWT } from 'jose';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { readyLine, runCli, type CliRun, type ReadyLine } from '../helpers/cli-process.js';
import { waitUntil } from '../helpers/wait-until.js';

type LogLine = Record<string, unknown>;

/** Records every Authorization header the SDK sends (after signing). */
function authorizationSpy(seen: string[]): PipelinePolicy {
  return {
    name: 'authorization-spy',
    sendRequest: (request, next) => {
      const value = request.headers.get('authorization');
      if (value) seen.push(value);
      return next(request);
    },
  };
}

describe('acs-call-emulator logs', () => {
  const accessKey = Buffer.alloc(48, 9).toString('base64');
  const webhookSecret = 'hush-webhook-code-1234';
  const authorizations: string[] = [];
  let run: CliRun;
  let ready: ReadyLine;
  let listener: CallbackListener;
  let token: string;
  let callConnectionId: string;

  const lines = (): LogLine[] =>
    run
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as LogLine);

  before(async () => {
    listener = await startCallbackListener();
    run = runCli(['--port', '0', '--log-level', 'debug', '--access-key', accessKey]);
    ready = await readyLine(run);
    const connection = ready.url;
    const client = new CallAutomationClient(`endpoint=${connection};accesskey=${accessKey}`, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [{ policy: authorizationSpy(authorizations), position: 'perRetry' }],
    });
    const callback = listener
      .url(`/api/callbacks?code=${webhookSecret}`)
      .replace('http://', 'http://app:pass-word@');
    const created = await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550123' } },
      callback,
    );
    callConnectionId = created.callConnectionProperties.callConnectionId as string;
    await listener.waitFor((c) => c.event.kind === 'CallConnected');
    await created.callConnection.hangUp(true);
    await listener.waitFor((c) => c.event.kind === 'CallDisconnected');
    token = await new SignJWT({ oid: 'u' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('secret'));
    // The SDK sends Bearer only over https; a raw client can send it over http.
    const bearer = await fetch(
      `${connection}calling/callConnections/${callConnectionId}?api-version=2026-03-12`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    assert.equal(bearer.status, 404);
    await waitUntil(
      () =>
        lines().filter((l) => l.msg === 'callback').length >= 2 &&
        lines().some((l) => l.status === 404),
      'the callback and bearer log lines',
    );
  });

  after(async () => {
    run.child.kill('SIGTERM');
    await run.exited;
    await listener.close();
  });

  it('every line on a non-terminal stdout is JSON, the ready line included', () => {
    const all = lines();
    assert.ok(all.length >= 5);
    assert.ok(all[0]?.connectionString, 'the first line is the ready line');
  });

  it('logs one line per request: method, path, operation, status, duration, call id', () => {
    const create = lines().find((l) => l.msg === 'request' && l.operation === 'CreateCall');
    assert.ok(create);
    assert.equal(create.method, 'POST');
    assert.equal(create.path, '/calling/callConnections');
    assert.equal(create.status, 201);
    assert.equal(typeof create.durationMs, 'number');
    assert.equal(create.callConnectionId, callConnectionId);
    const refused = lines().find((l) => l.msg === 'request' && l.status === 404);
    assert.ok(refused, 'the refused request has its line');
    assert.equal(typeof refused.errorCode, 'string', 'a refusal names its error code');
    assert.notEqual(refused.errorCode, '');
    assert.equal(create.errorCode, undefined, 'an accepted request has none');
    const terminate = lines().find((l) => l.operation === 'CallConnection_TerminateCall');
    assert.equal(terminate?.status, 204);
    assert.equal(terminate?.callConnectionId, callConnectionId);
  });

  it('logs one line per callback attempt, with the webhook URL stripped of its secrets', () => {
    const callbacks = lines().filter((l) => l.msg === 'callback');
    const connected = callbacks.find((l) => l.type === 'Microsoft.Communication.CallConnected');
    assert.ok(connected, JSON.stringify(callbacks));
    assert.equal(connected.attempt, 1);
    assert.equal(connected.status, 200);
    assert.equal(connected.callConnectionId, callConnectionId);
    assert.match(String(connected.url), /^http:\/\/127\.0\.0\.1:\d+\/api\/callbacks\?code=\*\*\*$/);
  });

  it('no secret appears: access key, HMAC signatures, Bearer token, webhook credentials', () => {
    const output = run.stdout() + run.stderr();
    assert.ok(authorizations.length >= 2, 'the spy saw the signed requests');
    const secrets = [
      accessKey,
      accessKey.slice(0, 20),
      token,
      token.split('.')[2] as string,
      webhookSecret,
      'pass-word',
      ...authorizations.map((a) => a.split('Signature=')[1] as string),
    ];
    for (const secret of secrets) assert.ok(!output.includes(secret), `leaked: ${secret}`);
    assert.ok(!/Signature=|Bearer |HMAC-SHA256/i.test(output));
  });
});

describe('acs-call-emulator --log-format pretty', () => {
  it('prints readable lines instead of JSON', async () => {
    const run = runCli(['--port', '0', '--log-format', 'pretty']);
    try {
      await waitUntil(() => run.stdout().includes('listening on'), 'the ready line', {
        timeoutMs: 15_000,
      });
      const first = run.stdout().split('\n')[0] ?? '';
      assert.throws(() => JSON.parse(first));
      assert.match(first, /INFO.*ACS Call Emulator listening on http:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });
});
