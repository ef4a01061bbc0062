/** The README's configuration table lists every setting with its env twin and config file key. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS } from '../../src/config.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README configuration table', () => {
  for (const setting of SETTINGS) {
    it(`documents ${setting.flag}`, () => {
      const row = README.split('\n').find((line) => line.startsWith(`| \`${setting.flag}\` `));
      assert.ok(row, `a table row for ${setting.flag}`);
      assert.ok(row.includes(`\`${setting.env}\``), `${setting.flag} row names ${setting.env}`);
      if (setting.key !== 'configFile')
        assert.ok(
          row.includes(`\`${setting.key}\``),
          `${setting.flag} row names key ${setting.key}`,
        );
    });
  }
});
