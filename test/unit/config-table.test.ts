/** The settings table: one row per setting, from which Config, DEFAULTS and --help are derived. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS,
  SETTINGS,
  SETTING_GROUPS,
  envTwin,
  helpText,
  loadConfig,
  shownDefault,
} from '../../src/config.js';
import { MAX_SEED } from '../../src/faults/prng.js';

const unique = (values: readonly string[]) => new Set(values).size === values.length;

describe('the settings table', () => {
  it('names, flags and env twins are unique; each env twin follows the flag', () => {
    assert.ok(unique(SETTINGS.map((s) => s.key)), 'names');
    assert.ok(unique(SETTINGS.map((s) => s.flag)), 'flags');
    assert.ok(unique(SETTINGS.map((s) => s.env)), 'env twins');
    for (const s of SETTINGS) assert.equal(s.env, envTwin(s.flag));
    assert.equal(envTwin('--tls-dir'), 'ACS_EMULATOR_TLS_DIR');
  });

  it('every group row is a setting, in the groups order', () => {
    const grouped = SETTING_GROUPS.flatMap((g) => Object.keys(g.table));
    assert.deepEqual(
      SETTINGS.map((s) => s.key),
      grouped,
    );
  });

  it('DEFAULTS holds every setting (and the loaded fault rules) with the row default', () => {
    assert.deepEqual(
      Object.keys(DEFAULTS).sort(),
      [...SETTINGS.map((s) => s.key), 'faults'].sort(),
    );
    for (const s of SETTINGS) assert.equal(DEFAULTS[s.key], s.default, s.key);
    assert.deepEqual(DEFAULTS.faults, []);
  });

  it('only the config file itself is not a config-file key', () => {
    assert.deepEqual(
      SETTINGS.filter((s) => !s.inFile).map((s) => s.key),
      ['configFile'],
    );
  });

  it('numbers have a range and enums their values', () => {
    for (const s of SETTINGS) {
      if (s.kind === 'int') assert.ok(s.min !== undefined && s.max !== undefined, s.key);
      if (s.kind === 'enum') assert.ok(s.values?.includes(s.default as string), s.key);
    }
    assert.equal(SETTINGS.find((s) => s.key === 'seed')?.max, MAX_SEED);
  });

  it('every default parses back to itself through its env twin', () => {
    const env: Record<string, string> = {};
    for (const s of SETTINGS) {
      const value: unknown = s.default;
      if (value === undefined || s.key === 'configFile') continue;
      env[s.env] = Array.isArray(value) ? value.join(',') : String(value);
    }
    assert.deepEqual(loadConfig([], env), DEFAULTS);
  });
});

describe('--help', () => {
  const help = helpText();
  const lines = help.split('\n');

  it('shows a default for every setting, never a blank one', () => {
    for (const s of SETTINGS) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(`${s.flag} `));
      const next = lines[at + 1] ?? '';
      assert.match(next, new RegExp(`env ${s.env}, default \\S`), `${s.flag}: ${next}`);
      assert.ok(next.endsWith(`default ${shownDefault(s)}`), next);
    }
    assert.doesNotMatch(help, /default\s*$/m);
  });

  it('settings without a value say (none); the ones that were blank included', () => {
    for (const flag of ['--public-url', '--incoming-call-webhook', '--admin-key', '--tls-names']) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(`${flag} `));
      assert.match(lines[at + 1] ?? '', /default \(none\)$/, flag);
    }
    assert.match(help, /ACS_EMULATOR_ACCESS_KEY, default \(the well-known key\)/);
    assert.match(help, /ACS_EMULATOR_SEED, default \(random\)/);
  });

  it('groups the options under their headings and lists --help and --version', () => {
    let last = -1;
    for (const group of SETTING_GROUPS) {
      const at = lines.indexOf(`${group.title}:`);
      assert.ok(at > last, group.title);
      last = at;
    }
    assert.match(help, /^ {2}--version +print the version and exit$/m);
    assert.match(help, /^ {2}--disable-auth \[true\|false\] +Accept/m);
  });
});
