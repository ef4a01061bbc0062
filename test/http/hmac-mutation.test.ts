/**
 * Mutation tests for HMAC: a correctly signed request passes; changing any single byte of its
 * method, path, query, body, x-ms-date or Host makes it fail.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { acsRequest, type RawRequest } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { signedHeaders } from '../helpers/sign.js';
import { WELL_KNOWN_ACCESS_KEY } from '../../src/config.js';

const PSTN = {
  rawId: '4:+14255550123',
  phoneNumber: { value: '+14255550123', isAnonymous: false },
};

/** Every single-byte change of `value`: each position replaced by a different printable character. */
function mutations(value: string): string[] {
  return [...value].map((ch, i) => {
    const replacement = ch === 'x' ? 'y' : ch === '0' ? '1' : 'x';
    return `${value.slice(0, i)}${replacement}${value.slice(i + 1)}`;
  });
}

describe('HMAC mutations', () => {
  const fx = useEmulator();
  let original: RawRequest & { body: string; headers: Record<string, string> };

  before(async () => {
    const created = await fx.running
      .client()
      .createCall({ targetParticipant: { phoneNumber: '+14255550123' } }, fx.listener.url());
    const id = created.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor((c) => c.event.kind === 'CallConnected');
    const path = `/calling/callConnections/${id}:startContinuousDtmfRecognition?api-version=2026-03-12`;
    const body = JSON.stringify({ targetParticipant: PSTN, operationContext: 'mutation' });
    const host = new URL(fx.running.url).host;
    const date = new Date();
    original = {
      method: 'POST',
      path,
      body,
      sign: false,
      headers: {
        host,
        'content-type': 'application/json',
        ...signedHeaders({
          method: 'POST',
          target: path,
          host,
          body,
          accessKey: WELL_KNOWN_ACCESS_KEY,
          date,
        }),
      },
    };
  });

  const send = (change: Partial<RawRequest>) =>
    acsRequest(fx.running.url, {
      ...original,
      ...change,
      headers: { ...original.headers, ...change.headers },
    });

  it('the unmutated request passes', async () => {
    assert.equal((await send({})).status, 200);
  });

  it('any changed byte of the body fails (content hash)', async () => {
    for (const body of mutations(original.body)) {
      const res = await send({ body });
      assert.equal(res.status, 401, body);
    }
  });

  it('any changed byte of the path or query fails', async () => {
    for (const path of mutations(original.path)) {
      const res = await send({ path });
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} for ${path}`);
    }
  });

  it('any changed byte of x-ms-date or Host fails with 401', async () => {
    for (const date of mutations(original.headers['x-ms-date'] as string)) {
      assert.equal((await send({ headers: { 'x-ms-date': date } })).status, 401, date);
    }
    for (const host of mutations(original.headers.host as string)) {
      assert.equal((await send({ headers: { host } })).status, 401, host);
    }
  });

  it('another method fails', async () => {
    for (const method of ['PUT', 'PATCH', 'GET', 'DELETE']) {
      const res = await send({ method });
      assert.ok(res.status >= 400 && res.status < 500, `${method} -> ${res.status}`);
    }
    // Same path under a method that does route: the signature covers the verb.
    const res = await send({
      method: 'POST',
      path: original.path.replace(
        ':startContinuousDtmfRecognition',
        ':stopContinuousDtmfRecognition',
      ),
    });
    assert.equal(res.status, 401);
  });

  it('any changed byte of the signature fails with 7509 or a malformed-header 401', async () => {
    const header = original.headers.authorization as string;
    const at = header.indexOf('Signature=') + 'Signature='.length;
    // Flip the top bit of each base64 digit: always a data bit (the low bits of the last digit
    // before the padding are unused, so 'A' -> 'B' there changes nothing).
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (let i = at; i < header.length - 1; i++) {
      const digit = B64.indexOf(header[i] as string);
      const ch = B64[digit ^ 32] as string;
      const res = await send({
        headers: { authorization: `${header.slice(0, i)}${ch}${header.slice(i + 1)}` },
      });
      assert.equal(res.status, 401);
    }
  });
});
