/** The delivery and signing settings: flags, env twins, defaults and refusals. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, DEFAULT_ACS_RESOURCE_ID, DEFAULTS, loadConfig } from '../../src/config.js';

describe('delivery and signing settings', () => {
  it('have documented defaults', () => {
    assert.equal(DEFAULTS.deliveryRetryWindowMs, 60_000);
    assert.equal(DEFAULTS.deliveryMaxBackoffMs, 30_000);
    assert.equal(DEFAULTS.shutdownGraceMs, 5_000);
    assert.equal(DEFAULTS.acsResourceId, DEFAULT_ACS_RESOURCE_ID);
    assert.match(
      DEFAULT_ACS_RESOURCE_ID,
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    assert.equal(DEFAULTS.publicUrl, '');
  });

  it('read flags and env twins, flags winning', () => {
    const config = loadConfig(
      ['--delivery-retry-window-ms', '1000', '--public-url=http://localhost:18833/'],
      {
        ACS_EMULATOR_DELIVERY_RETRY_WINDOW_MS: '5',
        ACS_EMULATOR_SHUTDOWN_GRACE_MS: '250',
        ACS_EMULATOR_ACS_RESOURCE_ID: 'my-resource',
        ACS_EMULATOR_DELIVERY_MAX_BACKOFF_MS: '77',
      },
    );
    assert.equal(config.deliveryRetryWindowMs, 1000);
    assert.equal(config.shutdownGraceMs, 250);
    assert.equal(config.acsResourceId, 'my-resource');
    assert.equal(config.deliveryMaxBackoffMs, 77);
    assert.equal(config.publicUrl, 'http://localhost:18833', 'trailing slash dropped');
  });

  it('refuse a public URL that is not http(s) or carries a query', () => {
    for (const bad of ['localhost:8833', 'ftp://host', 'http://host/?x=1', 'not a url'])
      assert.throws(() => loadConfig(['--public-url', bad], {}), ConfigError, bad);
  });
});
