/** The README's operations table lists every swagger operation with its real emulation status. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPERATIONS } from '../../src/schemas/generated/operations.js';
import { HANDLERS } from '../../src/emulator.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README operations table', () => {
  it('states how many operations are emulated', () => {
    assert.match(README, new RegExp(`\\b${Object.keys(HANDLERS).length} are emulated with state`));
  });

  for (const operation of OPERATIONS) {
    it(`${operation.id} is listed as ${operation.id in HANDLERS ? 'emulated' : 'not yet (501)'}`, () => {
      const row = README.split('\n').find((line) => line.startsWith(`| ${operation.id} `));
      assert.ok(row, `a row for ${operation.id}`);
      const status = row.split('|')[3]?.trim();
      assert.equal(status, operation.id in HANDLERS ? 'emulated' : 'not yet (501)');
    });
  }
});
