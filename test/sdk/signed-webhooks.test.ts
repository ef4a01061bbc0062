/**
 * Signed callbacks: an app's own OIDC validation (here jose's remote JWKS) verifies the JWT on
 * every callback against the emulator's discovery document, exactly as against the cloud.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { EmulatorClient } from '../../src/client/emulator-client.js';
import { DEFAULT_ACS_RESOURCE_ID } from '../../src/config.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { placeConnectedCall, stoppedEvent } from '../helpers/call-driver.js';
import { startScriptedWebhook, type ScriptedWebhook } from '../helpers/scripted-webhook.js';

const bearer = (headers: { authorization?: string }): string => {
  const match = /^Bearer (\S+)$/.exec(headers.authorization ?? '');
  assert.ok(match, `expected a Bearer token, got ${headers.authorization}`);
  return match[1] as string;
};

describe('signed webhooks', () => {
  let running: RunningEmulator;
  let control: EmulatorClient;
  let webhook: ScriptedWebhook;

  before(async () => {
    // Reuse 0: a token per POST, the behaviour before issue 20 (the default reuse is below).
    running = await startEmulator({ deliveryBackoffMs: 5, callbackTokenReuseSeconds: 0 });
    control = new EmulatorClient(running.connectionString);
    webhook = await startScriptedWebhook((hit) =>
      hit.type === 'CallConnected' && hit.attempt === 1 ? { status: 503 } : { status: 200 },
    );
  });
  after(async () => {
    await running.stop();
    await webhook.close();
  });

  it('serves the OpenID configuration and JWKS without api-version or auth', async () => {
    const response = await fetch(
      new URL('calling/.well-known/acsopenidconfiguration', running.url),
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const config = (await response.json()) as { issuer: string; jwks_uri: string };
    const origin = running.url.replace(/\/$/, '');
    assert.equal(config.issuer, origin);
    assert.equal(config.jwks_uri, `${origin}/calling/keys`);
    const jwks = (await (await fetch(config.jwks_uri)).json()) as {
      keys: { kty: string; alg: string; use: string; kid: string; n: string; d?: string }[];
    };
    assert.equal(jwks.keys.length, 1);
    const [key] = jwks.keys;
    assert.equal(key?.kty, 'RSA');
    assert.equal(key?.alg, 'RS256');
    assert.equal(key?.use, 'sig');
    assert.equal(key?.d, undefined, 'no private part');
    assert.deepEqual(await control.openIdConfiguration(), config);
  });

  it('every callback carries a JWT that verifies against the JWKS with the right claims', async () => {
    const { issuer, jwks_uri } = await control.openIdConfiguration();
    const jwks = createRemoteJWKSet(new URL(jwks_uri));
    const call = await placeConnectedCall(running.client(), control, webhook.url());
    await stoppedEvent(call, 'signed');
    await call.connection.hangUp(false);
    await control.waitForEvent({
      callConnectionId: call.id,
      type: 'CallDisconnected',
      status: 'delivered',
    });
    const hits = webhook.hits.filter((h) => h.callConnectionId === call.id);
    // CallConnected twice (503, then 200), ParticipantsUpdated, Stopped, Disconnected.
    assert.equal(hits.length, 5);
    const tokens = hits.map((h) => bearer(h.headers));
    assert.equal(new Set(tokens).size, tokens.length, 'a new token for every POST');

    for (const token of tokens) {
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer,
        audience: DEFAULT_ACS_RESOURCE_ID,
        algorithms: ['RS256'],
      });
      assert.equal(protectedHeader.alg, 'RS256');
      assert.equal(protectedHeader.typ, 'JWT');
      assert.equal(payload.iss, running.url.replace(/\/$/, ''));
      assert.equal(payload.aud, DEFAULT_ACS_RESOURCE_ID);
      assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 300, 'five-minute lifetime');
      assert.ok(typeof payload.jti === 'string' && payload.jti.length > 0);
    }
  });

  it('a tampered token does not verify', async () => {
    const { issuer, jwks_uri } = await control.openIdConfiguration();
    const jwks = createRemoteJWKSet(new URL(jwks_uri));
    const call = await placeConnectedCall(running.client(), control, webhook.url());
    await control.waitForEvent({ callConnectionId: call.id, status: 'delivered' });
    const last = webhook.hits.filter((h) => h.callConnectionId === call.id).at(-1);
    assert.ok(last);
    const token = bearer(last.headers);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;

    // The genuine token verifies, so the failures below are the tampering's doing.
    await jwtVerify(token, jwks, { issuer, audience: DEFAULT_ACS_RESOURCE_ID });
    const forged = Buffer.from(JSON.stringify({ ...claims, aud: 'someone-else' })).toString(
      'base64url',
    );
    await assert.rejects(
      jwtVerify(`${header}.${forged}.${signature}`, jwks, { issuer }),
      joseErrors.JWSSignatureVerificationFailed,
    );
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await assert.rejects(
      jwtVerify(`${header}.${payload}.${flipped}`, jwks, { issuer }),
      joseErrors.JWSSignatureVerificationFailed,
    );
    // Right signature, wrong expectations: another resource's audience is refused too.
    await assert.rejects(
      jwtVerify(token, jwks, { issuer, audience: 'another-resource' }),
      joseErrors.JWTClaimValidationFailed,
    );
    const published = (await (await fetch(jwks_uri)).json()) as { keys: { kid: string }[] };
    assert.equal(decodeProtectedHeader(token).kid, published.keys[0]?.kid);
  });
});

describe('signed webhooks behind a public URL and with a configured resource id', () => {
  it('uses --public-url for issuer and jwks_uri, and --acs-resource-id as audience', async () => {
    const running = await startEmulator({
      publicUrl: 'http://localhost:18833',
      acsResourceId: '11111111-2222-3333-4444-555555555555',
    });
    const webhook = await startScriptedWebhook();
    try {
      const control = new EmulatorClient(running.url);
      const config = await control.openIdConfiguration();
      assert.equal(config.issuer, 'http://localhost:18833');
      assert.equal(config.jwks_uri, 'http://localhost:18833/calling/keys');
      const call = await placeConnectedCall(running.client(), control, webhook.url());
      await control.waitForEvent({ callConnectionId: call.id, status: 'delivered' });
      const token = bearer(webhook.hits[0]?.headers ?? {});
      // The JWKS is fetched from where this test reaches the emulator, not the public URL.
      const jwks = createRemoteJWKSet(new URL('calling/keys', running.url));
      const { payload } = await jwtVerify(token, jwks, {
        issuer: 'http://localhost:18833',
        audience: '11111111-2222-3333-4444-555555555555',
      });
      assert.equal(payload.aud, '11111111-2222-3333-4444-555555555555');
    } finally {
      await running.stop();
      await webhook.close();
    }
  });
});

describe('signed webhooks with the default token reuse (issue 20)', () => {
  it('sends one token on every callback of the reuse time, and it verifies', async () => {
    const running = await startEmulator({ deliveryBackoffMs: 5 });
    const control = new EmulatorClient(running.connectionString);
    const webhook = await startScriptedWebhook(() => ({ status: 200 }));
    try {
      const { issuer, jwks_uri } = await control.openIdConfiguration();
      const call = await placeConnectedCall(running.client(), control, webhook.url());
      await stoppedEvent(call, 'reused');
      await call.connection.hangUp(false);
      await control.waitForEvent({
        callConnectionId: call.id,
        type: 'CallDisconnected',
        status: 'delivered',
      });
      const tokens = webhook.hits
        .filter((h) => h.callConnectionId === call.id)
        .map((h) => bearer(h.headers));
      assert.ok(tokens.length >= 3, `expected several callbacks, got ${tokens.length}`);
      // The test's callbacks all fall in one 240 s window (unless one straddles its end).
      assert.ok(new Set(tokens).size <= 2, 'the token is reused within its window');
      const { payload } = await jwtVerify(
        tokens.at(-1) as string,
        createRemoteJWKSet(new URL(jwks_uri)),
        {
          issuer,
          audience: DEFAULT_ACS_RESOURCE_ID,
          algorithms: ['RS256'],
        },
      );
      assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 300, 'five-minute lifetime');
    } finally {
      await running.stop();
      await webhook.close();
    }
  });
});
