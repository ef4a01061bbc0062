/** The health check's target: the ready file's URL when there is one, else the settings'. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULTS } from '../../src/config.js';
import { probeHealth, probeUrl, readyFileText } from '../../src/health-probe.js';

describe('probeUrl', () => {
  it('prefers the ready file, which knows a port changed by flag', () => {
    const text = readyFileText({ url: 'http://127.0.0.1:4321/', port: 4321, pid: 1 });
    assert.equal(probeUrl({ ...DEFAULTS, port: 8833 }, text), 'http://127.0.0.1:4321/');
  });

  it('falls back to host and port from the settings; a wildcard bind is probed on loopback', () => {
    assert.equal(
      probeUrl({ ...DEFAULTS, host: '0.0.0.0', port: 9000 }, undefined),
      'http://127.0.0.1:9000/',
    );
    assert.equal(
      probeUrl({ ...DEFAULTS, host: '::1', port: 9000 }, 'garbage'),
      'http://[::1]:9000/',
    );
  });

  it('uses https when TLS is on', () => {
    assert.equal(
      probeUrl({ ...DEFAULTS, tls: 'self-signed', port: 1 }, undefined),
      'https://127.0.0.1:1/',
    );
    assert.equal(
      probeUrl({ ...DEFAULTS, certFile: 'c.pem', port: 1 }, undefined),
      'https://127.0.0.1:1/',
    );
  });
});

describe('probeHealth', () => {
  it('is healthy only on 200 with status ok', async () => {
    let answer = { code: 200, body: '{"status":"ok"}' };
    const server = http.createServer((_req, res) => res.writeHead(answer.code).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      assert.equal((await probeHealth(url, 2_000)).ok, true);
      answer = { code: 503, body: '{"status":"ok"}' };
      assert.equal((await probeHealth(url, 2_000)).ok, false);
      answer = { code: 200, body: 'hello' };
      assert.equal((await probeHealth(url, 2_000)).ok, false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const down = await probeHealth(url, 2_000);
    assert.equal(down.ok, false);
    assert.match(down.detail, /ECONNREFUSED/);
  });
});
