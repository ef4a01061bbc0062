/**
 * HTTPS: with a certificate the client trusts, the official SDK works without
 * allowInsecureConnection, with the access key and with a TokenCredential (Bearer JWT).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallAutomationClient } from '@azure/communication-call-automation';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { SignJWT } from 'jose';
import { generate } from 'selfsigned';
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';

/** A token credential like DefaultAzureCredential's, handing out a JWT that expires at `exp`. */
function jwtCredential(expiresInSeconds: number, scopes: string[][] = []): TokenCredential {
  return {
    async getToken(scope): Promise<AccessToken> {
      scopes.push(Array.isArray(scope) ? scope : [scope]);
      const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
      const token = await new SignJWT({ oid: 'test-user' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode('a test secret the emulator never sees'));
      return { token, expiresOnTimestamp: exp * 1000 };
    },
  };
}

describe('HTTPS with --cert/--key and the official SDK', () => {
  let dir: string;
  let cert: string;
  let running: RunningEmulator;
  let listener: CallbackListener;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'acs-https-'));
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    cert = pems.cert;
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    running = await startEmulator({
      certFile: join(dir, 'cert.pem'),
      keyFile: join(dir, 'key.pem'),
    });
    listener = await startCallbackListener();
  });

  after(async () => {
    await running.stop();
    await listener.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves https:// and puts it in the connection string', () => {
    assert.match(running.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
    assert.match(running.connectionString, /^endpoint=https:\/\/127\.0\.0\.1:\d+\/;accesskey=/);
  });

  it('the SDK with the connection string works without allowInsecureConnection', async () => {
    const client = new CallAutomationClient(running.connectionString, {
      tlsOptions: { ca: cert },
      retryOptions: { maxRetries: 0 },
    });
    const { callConnectionProperties } = await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550123' } },
      listener.url(),
    );
    const id = callConnectionProperties.callConnectionId as string;
    await listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    const properties = await client.getCallConnection(id).getCallConnectionProperties();
    assert.equal(properties.callConnectionState, 'connected');
  });

  it('the SDK with a TokenCredential sends a Bearer token and works', async () => {
    const scopes: string[][] = [];
    const client = new CallAutomationClient(running.url, jwtCredential(3600, scopes), {
      tlsOptions: { ca: cert },
      retryOptions: { maxRetries: 0 },
    });
    const { callConnectionProperties, callConnection } = await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550124' } },
      listener.url(),
    );
    assert.deepEqual(scopes[0], ['https://communication.azure.com//.default']);
    const id = callConnectionProperties.callConnectionId as string;
    await listener.waitFor(
      (c) => c.event.kind === 'CallConnected' && c.event.callConnectionId === id,
    );
    await callConnection.hangUp(true);
    const [request] = running.emulator.requests.list({ operation: 'CreateCall' }).slice(-1);
    assert.equal(request?.headers.authorization, '(redacted)');
  });

  it('an expired token is refused with 401 Denied', async () => {
    const client = new CallAutomationClient(running.url, jwtCredential(-3600), {
      tlsOptions: { ca: cert },
      retryOptions: { maxRetries: 0 },
    });
    await assert.rejects(client.getCallConnection('nope').getCallConnectionProperties(), {
      statusCode: 401,
      code: 'Denied',
    });
  });

  it('a client that does not trust the certificate is refused by TLS, so the test above proves trust', async () => {
    const client = new CallAutomationClient(
      `endpoint=${running.url};accesskey=${WELL_KNOWN_ACCESS_KEY}`,
      { retryOptions: { maxRetries: 0 } },
    );
    await assert.rejects(client.getCallConnection('nope').getCallConnectionProperties(), (err) =>
      /self[- ]signed|certificate/i.test(String((err as Error).message)),
    );
  });
});
