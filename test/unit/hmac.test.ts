/** The HMAC verifier against the worked example in sdk-behaviour.md §3 (the SDK's own output). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Request } from 'express';
import { checkAuth } from '../../src/http/auth.js';
import { contentHash, parseHmacHeader, sign, stringToSign } from '../../src/http/hmac.js';
import { signedHeaders } from '../helpers/sign.js';

const KEY =
  'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==';
const DATE = 'Thu, 12 Mar 2026 10:00:00 GMT';
const CALL = '421f0b00-aaaa-bbbb-cccc-000000000001';
const STOP_PATH = `/calling/callConnections/${CALL}:stopContinuousDtmfRecognition?api-version=2026-03-12`;
const STOP_BODY =
  '{"targetParticipant":{"rawId":"4:+14255550123","phoneNumber":{"value":"+14255550123","isAnonymous":false}},"operationContext":"dtmf-stop"}';
const EMPTY_HASH = '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

const VECTORS = [
  {
    method: 'POST',
    path: STOP_PATH,
    host: '127.0.0.1:8080',
    body: STOP_BODY,
    hash: 'o+pIoHlV/JoyUvApyyOUlYNJBrr6zeMANgt7aruO5h4=',
    signature: '9/XqLtvdOgnFYB5OAPSfJEAEZQ5+3vEh/e4AIeN0EE4=',
  },
  {
    method: 'GET',
    path: `/calling/callConnections/${CALL}?api-version=2026-03-12`,
    host: '127.0.0.1:8080',
    body: '',
    hash: EMPTY_HASH,
    signature: 'f7HMI5OCJrc0LfgFHqOika5LFukazBXMjOYoabWCwmM=',
  },
  {
    method: 'DELETE',
    path: `/calling/callConnections/${CALL}?api-version=2026-03-12`,
    host: 'localhost',
    body: '',
    hash: EMPTY_HASH,
    signature: 'Onag6pLsISQDLdae85oFJbMxFEgG331YflsSI4W+EQ0=',
  },
];

function fakeRequest(v: (typeof VECTORS)[number], authorization: string, hash = v.hash): Request {
  return {
    method: v.method,
    originalUrl: v.path,
    body: v.body ? Buffer.from(v.body) : undefined,
    headers: { authorization, 'x-ms-date': DATE, 'x-ms-content-sha256': hash, host: v.host },
  } as unknown as Request;
}

const AT_DATE = { accessKey: KEY, dateWindowSeconds: 900, now: () => Date.parse(DATE) };

describe('HMAC-SHA256 as the SDK signs', () => {
  for (const v of VECTORS) {
    it(`${v.method} ${v.host}: content hash, string to sign and signature match the SDK`, () => {
      assert.equal(contentHash(Buffer.from(v.body)), v.hash);
      const message = stringToSign(v.method, v.path, DATE, v.host, v.hash);
      assert.equal(message, `${v.method}\n${v.path}\n${DATE};${v.host};${v.hash}`);
      assert.equal(sign(KEY, message), v.signature);
    });

    it(`${v.method} ${v.host}: the verifier accepts the SDK's header and refuses a changed one`, () => {
      const header = `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${v.signature}`;
      assert.equal(checkAuth(fakeRequest(v, header), AT_DATE), undefined);
      const flipped = v.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      assert.equal(
        checkAuth(fakeRequest(v, header.replace(v.signature, flipped)), AT_DATE)?.code,
        '7509',
      );
      assert.equal(
        checkAuth(fakeRequest({ ...v, host: `${v.host}0` }, header), AT_DATE)?.code,
        '7509',
      );
    });
  }

  it('the test signer (written separately) reproduces the worked example', () => {
    const headers = signedHeaders({
      method: 'POST',
      target: STOP_PATH,
      host: '127.0.0.1:8080',
      body: STOP_BODY,
      accessKey: KEY,
      date: new Date(DATE),
    });
    assert.equal(
      headers.authorization,
      `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${VECTORS[0]?.signature}`,
    );
  });

  it('the date window is measured from the wall clock, both ways', () => {
    const v = VECTORS[0] as (typeof VECTORS)[number];
    const header = `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${v.signature}`;
    const at = (offsetSeconds: number) => ({
      ...AT_DATE,
      now: () => Date.parse(DATE) + offsetSeconds * 1000,
    });
    assert.equal(checkAuth(fakeRequest(v, header), at(900)), undefined);
    assert.equal(checkAuth(fakeRequest(v, header), at(-900)), undefined);
    assert.match(checkAuth(fakeRequest(v, header), at(901))?.message ?? '', /901 s in the past/);
    assert.match(checkAuth(fakeRequest(v, header), at(-901))?.message ?? '', /901 s in the future/);
  });

  it('parses the Authorization header strictly', () => {
    assert.deepEqual(
      parseHmacHeader('HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256'),
      { ok: false, why: 'Signature is missing' },
    );
    assert.equal(parseHmacHeader('HMAC-SHA256 garbage').ok, false);
    assert.equal(
      parseHmacHeader(
        `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${'!'.repeat(44)}`,
      ).ok,
      false,
    );
    const ok = parseHmacHeader(
      `HMAC-SHA256 signedheaders=X-MS-DATE;HOST;X-MS-CONTENT-SHA256&signature=${VECTORS[0]?.signature}`,
    );
    assert.equal(ok.ok, true, 'names and header list are case-insensitive');
  });
});
