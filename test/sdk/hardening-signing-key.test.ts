/**
 * Issue 19, defect 11: with --signing-key-file the JWKS survives a restart (the key is made once
 * and written there), so an app that cached it keeps accepting callbacks; without it, every start
 * has a new key. A file that is not a key stops the start, naming the setting.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { startEmulator } from '../helpers/emulator.js';

async function jwksOf(url: string): Promise<JSONWebKeySet> {
  const res = await fetch(new URL('calling/keys', url));
  return (await res.json()) as JSONWebKeySet;
}

describe('--signing-key-file', () => {
  it('keeps the JWKS across restarts: a token of the second run verifies with the first JWKS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acs-key-'));
    const keyFile = join(dir, 'nested', 'signing-key.pem');
    try {
      const first = await startEmulator({ signingKeyFile: keyFile });
      const cached = await jwksOf(first.url);
      await first.stop();
      assert.match(readFileSync(keyFile, 'utf8'), /BEGIN PRIVATE KEY/);
      assert.equal(statSync(keyFile).mode & 0o077, 0, 'only the owner may read the key');

      const second = await startEmulator({ signingKeyFile: keyFile });
      try {
        assert.deepEqual(await jwksOf(second.url), cached);
        const token = await second.emulator.signer.sign();
        const { payload } = await jwtVerify(token, createLocalJWKSet(cached), {
          audience: second.emulator.config.acsResourceId,
        });
        assert.equal(payload.aud, second.emulator.config.acsResourceId);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without it, each start has a new key (the documented default)', async () => {
    const a = await startEmulator();
    const b = await startEmulator();
    try {
      assert.notDeepEqual((await jwksOf(a.url)).keys[0]?.kid, (await jwksOf(b.url)).keys[0]?.kid);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a file that is not a key stops the start, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acs-key-'));
    const keyFile = join(dir, 'bad.pem');
    writeFileSync(keyFile, 'not a key');
    try {
      await assert.rejects(
        startEmulator({ signingKeyFile: keyFile }),
        /--signing-key-file: .*bad\.pem is not a PEM \(PKCS#8\) RSA private key/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
