/**
 * The accepted api-versions are exactly the ones fixtures/api-versions.json derives from the spec
 * folders and the SDKs' own version constants, each with at least one source named.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_API_VERSIONS, checkApiVersion } from '../../src/http/api-version.js';
import { fixture } from '../helpers/fixture-files.js';

interface Derived {
  sources: Record<string, string>;
  versions: { version: string; kind: 'stable' | 'preview'; foundIn: string[] }[];
}

const derived = JSON.parse(fixture('api-versions.json')) as Derived;

describe('api-versions against their sources', () => {
  it('accepts exactly the derived list, no more and no fewer', () => {
    assert.deepEqual(
      [...SUPPORTED_API_VERSIONS].sort(),
      derived.versions.map((v) => v.version).sort(),
    );
    for (const { version } of derived.versions)
      assert.deepEqual(checkApiVersion([version], false), { ok: true, version });
  });

  it('accepts 2024-09-01-preview, sent by JS SDK 1.6.0-beta.1 and the .NET SDK in 2025', () => {
    assert.deepEqual(checkApiVersion(['2024-09-01-preview'], false), {
      ok: true,
      version: '2024-09-01-preview',
    });
  });

  it('names a known source for every version and keeps kinds consistent with the name', () => {
    const known = new Set(Object.keys(derived.sources));
    assert.equal(new Set(derived.versions.map((v) => v.version)).size, derived.versions.length);
    for (const v of derived.versions) {
      assert.match(v.version, /^\d{4}-\d\d-\d\d(-preview)?$/);
      assert.equal(v.kind, v.version.endsWith('-preview') ? 'preview' : 'stable', v.version);
      assert.ok(v.foundIn.length > 0, `${v.version} has a source`);
      for (const source of v.foundIn)
        assert.ok(known.has(source.split(':')[0] as string), `${v.version}: '${source}'`);
    }
  });

  it('still refuses a version no source names', () => {
    const refused = checkApiVersion(['2024-09-02-preview'], false);
    assert.equal(refused.ok, false);
  });
});
