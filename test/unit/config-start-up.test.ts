/** What start-up says about settings outside loadConfig: unknown env names and listen errors. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, listenError, unknownEnvWarnings } from '../../src/config.js';

describe('unknownEnvWarnings', () => {
  for (const [name, closest] of [
    ['ACS_EMULATOR_PROT', 'ACS_EMULATOR_PORT (--port)'],
    ['ACS_EMULATOR_DISABLE_AUHT', 'ACS_EMULATOR_DISABLE_AUTH (--disable-auth)'],
    ['ACS_EMULATOR_LOGLEVEL', 'ACS_EMULATOR_LOG_LEVEL (--log-level)'],
    ['ACS_EMULATOR_SIGN_CALLBACK', 'ACS_EMULATOR_SIGN_CALLBACKS (--sign-callbacks)'],
    ['ACS_EMULATOR_TLS_DIRECTORY', 'ACS_EMULATOR_TLS_DIR (--tls-dir)'],
    ['acs_emulator_port', 'ACS_EMULATOR_PORT (--port)'],
  ] as const) {
    it(`${name}: names ${closest}`, () => {
      assert.deepEqual(unknownEnvWarnings({ [name]: '1' }), [
        `${name} is not a setting and is ignored; did you mean ${closest}?`,
      ]);
    });
  }

  it('says nothing about known settings or other variables', () => {
    assert.deepEqual(
      unknownEnvWarnings({
        ACS_EMULATOR_PORT: '0',
        ACS_EMULATOR_CONFIG: 'x.json',
        ACS_CONNECTION_STRING: 'endpoint=...',
        PATH: '/bin',
      }),
      [],
    );
  });

  it('one warning per unknown name, in name order', () => {
    const warnings = unknownEnvWarnings({ ACS_EMULATOR_ZZZ: '', ACS_EMULATOR_HOTS: 'x' });
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /^ACS_EMULATOR_HOTS .*ACS_EMULATOR_HOST \(--host\)\?$/);
    assert.match(warnings[1] ?? '', /^ACS_EMULATOR_ZZZ is not a setting/);
  });
});

describe('listenError', () => {
  const config = { host: '127.0.0.1', port: 8833 };
  const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

  it('a port in use names the port and how to choose another', () => {
    const err = listenError(failure('EADDRINUSE'), config);
    assert.ok(err instanceof ConfigError);
    assert.equal(
      err.message,
      '--port: port 8833 is already in use (127.0.0.1:8833); choose another with --port <n> or ACS_EMULATOR_PORT (--port 0 picks a free one)',
    );
  });

  it('a privileged port and a foreign address name their setting', () => {
    assert.match(
      listenError(failure('EACCES'), config)?.message ?? '',
      /^--port: port 8833 needs privileges/,
    );
    assert.match(
      listenError(failure('EADDRNOTAVAIL'), { host: '10.9.9.9', port: 1 })?.message ?? '',
      /^--host: 10\.9\.9\.9 is not an address of this machine; bind 127\.0\.0\.1/,
    );
    assert.match(
      listenError(failure('ENOTFOUND'), { host: 'no.such.host', port: 1 })?.message ?? '',
      /^--host: no\.such\.host cannot be resolved \(ENOTFOUND\)/,
    );
  });

  it('other errors are left as they are', () => {
    assert.equal(listenError(failure('EMFILE'), config), undefined);
    assert.equal(listenError(new Error('boom'), config), undefined);
    assert.equal(listenError(undefined, config), undefined);
  });
});
