/** Fault rules and the seed in the configuration: --faults file, its env twin, the config file's `faults`. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, type ReadConfigFile } from '../../src/config.js';

function files(contents: Record<string, string>): ReadConfigFile {
  return (path) => {
    const text = contents[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
}

const RULES = JSON.stringify([
  { id: 'slow', match: { operation: 'CallMedia_Play' }, action: { type: 'delay', ms: 10 } },
  { match: { eventType: 'CallConnected' }, action: { type: 'drop' }, times: 1 },
]);

describe('fault rules in the configuration', () => {
  it('--faults loads the file; short event types come out full', () => {
    const config = loadConfig(['--faults', '/f.json'], {}, files({ '/f.json': RULES }));
    assert.equal(config.faultsFile, '/f.json');
    assert.deepEqual(config.faults, [
      { id: 'slow', match: { operation: 'CallMedia_Play' }, action: { type: 'delay', ms: 10 } },
      {
        match: { eventType: 'Microsoft.Communication.CallConnected' },
        action: { type: 'drop' },
        times: 1,
      },
    ]);
  });

  it('ACS_EMULATOR_FAULTS is the env twin', () => {
    const config = loadConfig([], { ACS_EMULATOR_FAULTS: '/f.json' }, files({ '/f.json': RULES }));
    assert.equal(config.faults.length, 2);
  });

  it("the config file's inline `faults` come first, the --faults file's after (tried first)", () => {
    const config = loadConfig(
      ['--config', '/etc/e.json'],
      {},
      files({
        '/etc/e.json': JSON.stringify({
          faultsFile: 'rules.json',
          faults: [{ id: 'inline', action: { type: 'reset' } }],
        }),
        '/etc/rules.json': RULES,
      }),
    );
    assert.deepEqual(
      config.faults.map((r) => r.id ?? r.action.type),
      ['inline', 'slow', 'drop'],
    );
  });

  const bad: [string, string[], Record<string, string>, RegExp][] = [
    [
      'unreadable file',
      ['--faults', '/none.json'],
      {},
      /^--faults: \/none\.json cannot be read \(ENOENT\)$/,
    ],
    [
      'not JSON',
      ['--faults', '/f.json'],
      { '/f.json': '[{' },
      /^--faults: \/f\.json is not valid JSON/,
    ],
    [
      'not an array',
      ['--faults', '/f.json'],
      { '/f.json': '{"faults": []}' },
      /^--faults: \/f\.json: .*must be a JSON array of fault rules/,
    ],
    [
      'a bad field',
      ['--faults', '/f.json'],
      {
        '/f.json': JSON.stringify([
          { action: { type: 'reset' } },
          { action: { type: 'error', status: 99 } },
        ]),
      },
      /^--faults: \/f\.json: \[1\]\.action\.status must be a whole number from 400 to 599$/,
    ],
    [
      'a bad inline rule',
      ['--config', '/e.json'],
      {
        '/e.json': JSON.stringify({
          faults: [{ match: { eventType: 'Nope' }, action: { type: 'drop' } }],
        }),
      },
      /^--config: \/e\.json faults: \[0\]\.match\.eventType 'Nope' is not an event/,
    ],
    [
      'a seed out of range',
      ['--seed', '4294967296'],
      {},
      /^--seed: --seed '4294967296' is out of range 0\.\.4294967295$/,
    ],
  ];
  for (const [name, argv, contents, message] of bad) {
    it(`${name}: ConfigError naming file and field`, () => {
      assert.throws(
        () => loadConfig(argv, {}, files(contents)),
        (err: unknown) => err instanceof ConfigError && message.test(err.message),
      );
    });
  }

  it('--seed and ACS_EMULATOR_SEED', () => {
    assert.equal(loadConfig(['--seed', '42'], {}).seed, 42);
    assert.equal(loadConfig([], { ACS_EMULATOR_SEED: '0' }).seed, 0);
    assert.equal(loadConfig([], {}).seed, undefined);
  });
});
