/** Boolean settings take true/false, 1/0, yes/no, on/off from a flag, its env twin or the file. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, SETTINGS, loadConfig, type Config } from '../../src/config.js';

const BOOLEANS = SETTINGS.filter((s) => s.kind === 'bool');
const WORDS: [string, boolean][] = [
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
  ['on', true],
  ['off', false],
  ['FALSE', false],
  ['Yes', true],
];
const ACCEPTED = /is not a boolean \(accepted: true, false, 1, 0, yes, no, on, off\)$/;

const refuses = (argv: string[], env: Record<string, string>, message: RegExp) =>
  assert.throws(
    () => loadConfig(argv, env),
    (err: unknown) => err instanceof ConfigError && message.test(err.message),
  );

describe('boolean settings', () => {
  it('there are some (the table has not lost its kind)', () => {
    assert.deepEqual(
      BOOLEANS.map((s) => s.key),
      [
        'disableAuth',
        'acceptAnyApiVersion',
        'callbackAllowSelf',
        'callbackAllowLinkLocal',
        'signCallbacks',
        'allowSpeechWithoutCognitiveServices',
      ],
    );
  });

  for (const s of BOOLEANS) {
    const key = s.key as keyof Config;
    it(`${s.flag} takes every boolean word, as the next argument, after = and in ${s.env}`, () => {
      for (const [word, value] of WORDS) {
        assert.equal(loadConfig([s.flag, word], {})[key], value, `${s.flag} ${word}`);
        assert.equal(loadConfig([`${s.flag}=${word}`], {})[key], value, `${s.flag}=${word}`);
        assert.equal(loadConfig([], { [s.env]: word })[key], value, `${s.env}=${word}`);
      }
    });

    it(`${s.flag} alone is true, also before another flag; --no-${s.flag.slice(2)} is false`, () => {
      assert.equal(loadConfig([s.flag], {})[key], true);
      const config = loadConfig([s.flag, '--port', '0'], {});
      assert.deepEqual([config[key], config.port], [true, 0]);
      assert.equal(loadConfig([`--no-${s.flag.slice(2)}`], { [s.env]: 'true' })[key], false);
    });

    it(`${s.flag} with a bad value lists the accepted values`, () => {
      refuses(
        [s.flag, 'maybe'],
        {},
        new RegExp(`^${s.flag}: ${s.flag} 'maybe' ${ACCEPTED.source}`),
      );
      refuses([`${s.flag}=2`], {}, ACCEPTED);
      refuses([], { [s.env]: 'enabled' }, ACCEPTED);
      // Object.prototype's names are not boolean words.
      refuses([`${s.flag}=constructor`], {}, ACCEPTED);
    });
  }

  it('--no-<option> takes no value and says what it means instead', () => {
    for (const argv of [['--no-disable-auth', 'false'], ['--no-disable-auth=1']])
      refuses(
        argv,
        {},
        /^--no-disable-auth: takes no value: it means --disable-auth false \(to give a value, write --disable-auth <true\|false>\)$/,
      );
  });

  it('the boolean after a flag does not swallow the next flag or the values of others', () => {
    const config = loadConfig(['--disable-auth', 'no', '--sign-callbacks', '--host', '::1'], {});
    assert.deepEqual([config.disableAuth, config.signCallbacks, config.host], [false, true, '::1']);
  });
});
