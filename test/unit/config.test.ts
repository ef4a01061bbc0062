/** Settings: defaults, env twins, flags win, and each bad value names the setting. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigError,
  DEFAULTS,
  DEFAULT_PORT,
  SETTINGS,
  WELL_KNOWN_ACCESS_KEY,
  connectionString,
  loadConfig,
} from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults: 127.0.0.1, the documented port, the well-known key, auth on', () => {
    const config = loadConfig([], {});
    assert.deepEqual(config, DEFAULTS);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, DEFAULT_PORT);
    assert.ok(![3000, 5000, 7071, 8080].includes(DEFAULT_PORT));
    assert.equal(config.accessKey, WELL_KNOWN_ACCESS_KEY);
    assert.equal(config.disableAuth, false);
  });

  it('env twins apply and flags win over them', () => {
    const env = {
      ACS_EMULATOR_PORT: '9100',
      ACS_EMULATOR_HOST: '0.0.0.0',
      ACS_EMULATOR_DISABLE_AUTH: 'true',
    };
    assert.deepEqual(
      (({ port, host, disableAuth }) => ({ port, host, disableAuth }))(loadConfig([], env)),
      { port: 9100, host: '0.0.0.0', disableAuth: true },
    );
    const config = loadConfig(['--port', '0', '--host=::1', '--no-disable-auth'], env);
    assert.equal(config.port, 0);
    assert.equal(config.host, '::1');
    assert.equal(config.disableAuth, false);
  });

  it('accepts a custom base64 access key from flag or env', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    assert.equal(loadConfig(['--access-key', key], {}).accessKey, key);
    assert.equal(loadConfig([], { ACS_EMULATOR_ACCESS_KEY: key }).accessKey, key);
  });

  const BAD: [string[], Record<string, string>, RegExp][] = [
    [['--port', '70000'], {}, /^--port: --port '70000' is out of range 0\.\.65535$/],
    [['--port', 'abc'], {}, /--port: --port 'abc' is not a whole number/],
    [[], { ACS_EMULATOR_PORT: '-1' }, /--port: ACS_EMULATOR_PORT '-1' is not a whole number/],
    [['--access-key', 'not base64!'], {}, /--access-key: --access-key is not a base64 key/],
    [['--clock', 'sundial'], {}, /--clock: --clock 'sundial' is not one of system, manual/],
    [['--frobnicate'], {}, /--frobnicate: unknown option/],
    [['--port'], {}, /--port: needs a value/],
    [
      [],
      { ACS_EMULATOR_DISABLE_AUTH: 'maybe' },
      /--disable-auth: ACS_EMULATOR_DISABLE_AUTH 'maybe' is not a boolean/,
    ],
  ];
  for (const [argv, env, message] of BAD) {
    it(`refuses ${JSON.stringify(argv)} ${JSON.stringify(env)}`, () => {
      assert.throws(
        () => loadConfig(argv, env),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
      );
    });
  }

  it('every setting has a flag, an env twin, a default and help', () => {
    for (const s of SETTINGS) {
      assert.match(s.flag, /^--[a-z-]+$/);
      assert.match(s.env, /^ACS_EMULATOR_[A-Z_]+$/);
      assert.ok(s.key in DEFAULTS, s.key);
      assert.ok(s.help.length > 5, s.key);
    }
  });
});

describe('connectionString', () => {
  it('prints the well-known key in full and masks a custom one', () => {
    assert.equal(
      connectionString('http://127.0.0.1:1/', { accessKey: WELL_KNOWN_ACCESS_KEY }),
      `endpoint=http://127.0.0.1:1/;accesskey=${WELL_KNOWN_ACCESS_KEY}`,
    );
    const secret = Buffer.alloc(32, 7).toString('base64');
    const masked = connectionString('http://127.0.0.1:1/', { accessKey: secret });
    assert.ok(!masked.includes(secret));
    assert.match(masked, /accesskey=BwcH…\(custom key hidden\)$/);
  });
});
