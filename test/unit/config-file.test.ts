/** The JSON config file: precedence flag > env > file > default, and every bad file names its problem. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import {
  ConfigError,
  DEFAULTS,
  SETTINGS,
  loadConfig,
  type ReadConfigFile,
} from '../../src/config.js';

/** An in-memory file system: loadConfig only reads through the function it is given. */
function files(contents: Record<string, string>): ReadConfigFile {
  return (path) => {
    const text = contents[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
}

const FILE = files({
  '/etc/acs/emulator.json': JSON.stringify({
    port: 9001,
    host: '0.0.0.0',
    logLevel: 'debug',
    connectDelayMs: 7,
    disableAuth: true,
    tlsNames: ['acs-emulator', 'emulator.local'],
    readyFile: 'ready.json',
  }),
});

describe('loadConfig with a config file', () => {
  it('the file overrides defaults; paths in it are relative to the file', () => {
    const config = loadConfig(['--config', '/etc/acs/emulator.json'], {}, FILE);
    assert.equal(config.port, 9001);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.connectDelayMs, 7);
    assert.equal(config.disableAuth, true);
    assert.deepEqual(config.tlsNames, ['acs-emulator', 'emulator.local']);
    assert.equal(config.readyFile, resolve('/etc/acs/ready.json'));
    assert.equal(
      config.bodyLimitBytes,
      DEFAULTS.bodyLimitBytes,
      'keys it does not set keep the default',
    );
  });

  it('precedence is flag > env > file > default, per setting', () => {
    const env = { ACS_EMULATOR_PORT: '9002', ACS_EMULATOR_LOG_LEVEL: 'warn' };
    const config = loadConfig(['--config', '/etc/acs/emulator.json', '--port', '9003'], env, FILE);
    assert.equal(config.port, 9003, 'flag beats env and file');
    assert.equal(config.logLevel, 'warn', 'env beats file');
    assert.equal(config.connectDelayMs, 7, 'file beats default');
    assert.equal(config.clock, DEFAULTS.clock, 'default when nobody sets it');
  });

  it('the file can be named by env (ACS_EMULATOR_CONFIG) and the flag wins over it', () => {
    const two = files({
      'a.json': '{"port": 1111}',
      'b.json': '{"port": 2222}',
    });
    assert.equal(loadConfig([], { ACS_EMULATOR_CONFIG: 'a.json' }, two).port, 1111);
    assert.equal(
      loadConfig(['--config', 'b.json'], { ACS_EMULATOR_CONFIG: 'a.json' }, two).port,
      2222,
    );
  });

  it('accepts numbers and booleans as strings too, and ignores $schema', () => {
    const config = loadConfig(
      ['--config', 'c.json'],
      {},
      files({ 'c.json': '{"$schema": "./x.json", "port": "9004", "disableAuth": "yes"}' }),
    );
    assert.equal(config.port, 9004);
    assert.equal(config.disableAuth, true);
  });

  const BAD: [string, RegExp][] = [
    ['{"port": 70000}', /^--port: 'port' in bad\.json '70000' is out of range 0\.\.65535$/],
    ['{"port": 1.5}', /^--port: 'port' in bad\.json '1\.5' is not a whole number$/],
    ['{"accessKey": "not base64!"}', /^--access-key: 'accessKey' in bad\.json is not a base64 key/],
    ['{"prot": 9000}', /^--config: bad\.json has unknown key 'prot'/],
    ['{"configFile": "other.json"}', /^--config: bad\.json has unknown key 'configFile'/],
    [
      '{"host": {"name": "x"}}',
      /^--host: 'host' in bad\.json must be a string, number or boolean$/,
    ],
    ['[1, 2]', /^--config: bad\.json must hold a JSON object of settings/],
    ['{"port": 9000,}', /^--config: bad\.json is not valid JSON: /],
    ['{"certFile": "c.pem"}', /^--key: is required with --cert/],
  ];
  for (const [text, message] of BAD) {
    it(`refuses ${text}`, () => {
      assert.throws(
        () => loadConfig(['--config', 'bad.json'], {}, files({ 'bad.json': text })),
        (err: unknown) =>
          err instanceof ConfigError && message.test(err.message) && !err.message.includes('\n'),
      );
    });
  }

  it('an unreadable file names the file and the reason', () => {
    assert.throws(
      () => loadConfig(['--config', 'missing.json'], {}, files({})),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.message === '--config: missing.json cannot be read (ENOENT)',
    );
  });

  it('every setting except the config file itself can come from a file', () => {
    const all: Record<string, unknown> = {};
    // Settings without a default that are not file paths get a sample value.
    const samples: Record<string, unknown> = { seed: 42 };
    for (const setting of SETTINGS) {
      if (setting.key === 'configFile') continue;
      all[setting.key] = DEFAULTS[setting.key] ?? samples[setting.key] ?? `/files/${setting.key}`;
    }
    const config = loadConfig(
      ['--config', 'f.json'],
      {},
      files({ 'f.json': JSON.stringify(all), '/files/faultsFile': '[]' }),
    );
    assert.deepEqual({ ...config, configFile: undefined }, { ...DEFAULTS, ...all });
  });
});
