/**
 * Issue 20: the callback signer reuses one JWT per audience for --callback-token-reuse-seconds,
 * signs a new one once that time has passed (well before the old one expires), and with 0 signs
 * every callback as before. Time is passed in as `nowMs`, so nothing here waits or measures.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import { TOKEN_LIFETIME_SECONDS, WebhookSigner } from '../../src/events/webhook-signer.js';

const AUDIENCE = 'ac5e0000-0000-4000-8000-000000000001';
const OTHER = 'ac5e0000-0000-4000-8000-000000000002';
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const signer = (reuseSeconds: number) =>
  new WebhookSigner(AUDIENCE, 'http://127.0.0.1:1', undefined, reuseSeconds);

describe('callback token reuse', () => {
  it('returns the same token within the reuse time', async () => {
    const s = signer(240);
    const first = await s.sign(T0);
    assert.equal(await s.sign(T0 + 1_000), first);
    assert.equal(await s.sign(T0 + 239_999), first);
  });

  it('signs a new token once the reuse time has passed, before the old one expires', async () => {
    const s = signer(240);
    const first = await s.sign(T0);
    const next = await s.sign(T0 + 240_000);
    assert.notEqual(next, first);
    const old = decodeJwt(first);
    const fresh = decodeJwt(next);
    assert.ok((old.exp as number) > Math.floor((T0 + 240_000) / 1000), 'old one still valid');
    assert.equal(fresh.iat, Math.floor((T0 + 240_000) / 1000));
    assert.equal(fresh.exp, (fresh.iat as number) + TOKEN_LIFETIME_SECONDS);
    assert.notEqual(fresh.jti, old.jti);
  });

  it('keeps one token per audience', async () => {
    const s = signer(240);
    const a = await s.sign(T0);
    const b = await s.sign(T0, OTHER);
    assert.notEqual(a, b);
    assert.equal(decodeJwt(a).aud, AUDIENCE);
    assert.equal(decodeJwt(b).aud, OTHER);
    assert.equal(await s.sign(T0 + 5_000), a);
    assert.equal(await s.sign(T0 + 5_000, OTHER), b);
  });

  it('signs one token for concurrent callbacks', async () => {
    const s = signer(240);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => s.sign(T0)));
    assert.equal(new Set(tokens).size, 1);
  });

  it('signs anew when the wall clock goes back past the token', async () => {
    const s = signer(240);
    const first = await s.sign(T0);
    const earlier = await s.sign(T0 - 10_000);
    assert.notEqual(earlier, first);
    assert.equal(decodeJwt(earlier).iat, Math.floor((T0 - 10_000) / 1000));
  });

  it('signs anew after the issuer changes', async () => {
    const s = signer(240);
    const first = await s.sign(T0);
    s.setIssuer('http://127.0.0.1:2/');
    const next = await s.sign(T0 + 1_000);
    assert.notEqual(next, first);
    assert.equal(decodeJwt(next).iss, 'http://127.0.0.1:2');
  });

  it('with a reuse time of 0 signs every callback', async () => {
    const s = signer(0);
    const a = await s.sign(T0);
    const b = await s.sign(T0);
    assert.notEqual(a, b);
    assert.notEqual(decodeJwt(a).jti, decodeJwt(b).jti);
  });

  it('refuses a reuse time that would send expired tokens', () => {
    assert.throws(() => signer(TOKEN_LIFETIME_SECONDS), RangeError);
  });
});
