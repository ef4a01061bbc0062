/**
 * The README's configuration tables list every setting, once, under its group's heading and in the
 * table's order, with its env twin, config file key and default.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SETTINGS, SETTING_GROUPS, shownDefault, type Setting } from '../../src/config.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const LINES = README.split('\n');
const ROW = /^\| `(--[a-z-]+)` /;

/** The README's default cell starts with the value in code, or with --help's word in plain text. */
function expectedDefault(setting: Setting): string {
  const shown = shownDefault(setting).replace(tmpdir(), '<tmp>');
  return shown.startsWith('(') ? shown.slice(1, -1) : `\`${shown}\``;
}

describe('README configuration table', () => {
  for (const setting of SETTINGS) {
    it(`documents ${setting.flag}`, () => {
      const row = LINES.find((line) => line.startsWith(`| \`${setting.flag}\` `));
      assert.ok(row, `a table row for ${setting.flag}`);
      assert.ok(row.includes(`\`${setting.env}\``), `${setting.flag} row names ${setting.env}`);
      const cells = row.split('|').map((c) => c.trim());
      assert.equal(
        cells[3],
        setting.inFile ? `\`${setting.key}\`` : '(not in a file)',
        `${setting.flag} row names key ${setting.key}`,
      );
      assert.ok(
        cells[4]?.startsWith(expectedDefault(setting)),
        `${setting.flag} default '${cells[4]}' starts with '${expectedDefault(setting)}'`,
      );
    });
  }

  it('has one row per setting, nothing else, grouped under the headings in the table order', () => {
    const rows = LINES.flatMap((line) => ROW.exec(line)?.[1] ?? []);
    assert.deepEqual(
      rows,
      SETTINGS.map((s) => s.flag),
    );
    for (const group of SETTING_GROUPS) {
      const heading = LINES.indexOf(`#### ${group.title}`);
      assert.ok(heading >= 0, `a heading for ${group.title}`);
      const first = Object.values(group.table)[0]?.flag;
      const firstRow = LINES.findIndex((line) => line.startsWith(`| \`${first}\` `));
      const between = LINES.slice(heading + 1, firstRow);
      assert.ok(
        between.every((line) => !line.startsWith('#')) && between.length <= 3,
        `${group.title} starts with ${first}`,
      );
    }
  });
});
