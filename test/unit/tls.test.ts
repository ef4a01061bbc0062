/** TLS material: self-signed pairs are written, reused while valid, and remade for new names. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULTS } from '../../src/config.js';
import { certificateNames, loadTlsMaterial } from '../../src/tls.js';

describe('loadTlsMaterial', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-tls-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is undefined for plain http', async () => {
    assert.equal(await loadTlsMaterial(DEFAULTS), undefined);
  });

  it('self-signed: writes cert.pem and a private key.pem covering loopback and extra names, then reuses them', async () => {
    const config = {
      ...DEFAULTS,
      tls: 'self-signed' as const,
      tlsDir: dir,
      tlsNames: ['acs-emulator'],
    };
    const first = await loadTlsMaterial(config);
    assert.equal(first?.certFile, join(dir, 'cert.pem'));
    assert.equal(first?.reused, undefined);
    assert.equal(statSync(join(dir, 'key.pem')).mode & 0o077, 0, 'the key is private to its owner');
    const cert = new X509Certificate(first?.cert ?? '');
    for (const name of ['localhost', 'acs-emulator']) assert.ok(cert.checkHost(name), name);
    for (const ip of ['127.0.0.1', '::1']) assert.ok(cert.checkIP(ip), ip);

    const second = await loadTlsMaterial(config);
    assert.equal(second?.reused, true);
    assert.equal(second?.cert, first?.cert);

    const third = await loadTlsMaterial({ ...config, tlsNames: ['another-name'] });
    assert.equal(third?.reused, undefined, 'a new name needs a new certificate');
    assert.notEqual(third?.cert, first?.cert);
  });

  it('--cert/--key that do not fit together are a configuration error naming --key', async () => {
    const other = mkdtempSync(join(tmpdir(), 'acs-tls-other-'));
    try {
      await loadTlsMaterial({ ...DEFAULTS, tls: 'self-signed', tlsDir: other });
      await assert.rejects(
        loadTlsMaterial({
          ...DEFAULTS,
          certFile: join(dir, 'cert.pem'),
          keyFile: join(other, 'key.pem'),
        }),
        (err: unknown) =>
          err instanceof ConfigError && /^--key: does not fit --cert/.test(err.message),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('names the bind address too unless it is a wildcard', () => {
    assert.ok(certificateNames({ host: '10.1.2.3', tlsNames: [] }).includes('10.1.2.3'));
    assert.ok(!certificateNames({ host: '0.0.0.0', tlsNames: [] }).includes('0.0.0.0'));
  });
});
