/**
 * The dashboard route over supertest: the page at / and /dashboard with a strict content policy,
 * its assets, what /dashboard/info tells the page (key needed, exposed bind), and a clear 503 when
 * the page was never built.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createEmulator } from '../../src/emulator.js';
import { isLoopback } from '../../src/routes/dashboard.js';
import type { Config } from '../../src/config.js';
import { testConfig } from '../helpers/emulator.js';

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'acs-dashboard-route-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'app.css'), 'body{}');
  return dir;
}

const appWith = (overrides: Partial<Config>, dashboardDir = fakeBuild()) =>
  createEmulator(testConfig(overrides), { dashboardDir }).app;

describe('dashboard route', () => {
  it('serves the page at / and /dashboard without the admin key, with a policy that allows only its own files', async () => {
    const app = appWith({ adminKey: 'page-key-123' });
    for (const path of ['/', '/dashboard']) {
      const res = await request(app).get(path).expect(200);
      assert.match(res.headers['content-type'] ?? '', /^text\/html/);
      assert.match(res.text, /id="app"/);
      assert.match(res.headers['content-security-policy'] ?? '', /default-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
    const script = await request(app).get('/dashboard/app.js').expect(200);
    assert.match(script.headers['content-type'] ?? '', /^text\/javascript/);
    await request(app)
      .get('/dashboard/app.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    // The control API stays guarded.
    await request(app).get('/admin/calls').expect(401);
  });

  it('answers an unknown asset with the JSON 404, not a file from elsewhere', async () => {
    const app = appWith({});
    for (const path of ['/dashboard/secret.txt', '/dashboard/..%2Fpackage.json']) {
      const res = await request(app).get(path).expect(404);
      assert.equal(res.body.error.code, 'NotFound', path);
    }
  });

  it('tells the page whether a key is needed and whether the bind address is exposed without one', async () => {
    const cases: [Partial<Config>, { adminKeyRequired: boolean; exposed: boolean }][] = [
      [{ host: '127.0.0.1' }, { adminKeyRequired: false, exposed: false }],
      [{ host: '0.0.0.0' }, { adminKeyRequired: false, exposed: true }],
      [
        { host: '0.0.0.0', adminKey: 'page-key-123' },
        { adminKeyRequired: true, exposed: false },
      ],
      [{ host: '::' }, { adminKeyRequired: false, exposed: true }],
    ];
    for (const [overrides, expected] of cases) {
      const res = await request(appWith(overrides)).get('/dashboard/info').expect(200);
      assert.deepEqual(res.body, { ...expected, host: overrides.host }, JSON.stringify(overrides));
    }
    assert.deepEqual(
      ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '0.0.0.0', '10.0.0.5', '::'].map(isLoopback),
      [true, true, true, true, false, false, false],
    );
  });

  it('says how to build the page when it was never built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'acs-dashboard-none-'));
    const res = await request(appWith({}, empty)).get('/').expect(503);
    assert.match(res.text, /npm run build/);
  });
});
