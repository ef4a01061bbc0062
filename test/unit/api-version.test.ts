/** api-version policy as a pure check. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_API_VERSIONS, checkApiVersion } from '../../src/http/api-version.js';

describe('api-version', () => {
  it('accepts every published stable and preview version', () => {
    for (const v of SUPPORTED_API_VERSIONS)
      assert.deepEqual(checkApiVersion([v], false), { ok: true, version: v });
    assert.ok(SUPPORTED_API_VERSIONS.includes('2026-03-12'));
    assert.ok(SUPPORTED_API_VERSIONS.includes('2023-03-06'));
    assert.ok(SUPPORTED_API_VERSIONS.includes('2025-08-15-preview'));
  });
  it('refuses missing, repeated and unpublished values', () => {
    const code = (values: string[], any = false) => {
      const r = checkApiVersion(values, any);
      return r.ok ? 'ok' : r.error.code;
    };
    assert.equal(code([]), 'ApiVersionUnspecified');
    assert.equal(code(['']), 'ApiVersionUnspecified');
    assert.equal(code(['2026-03-12', '2026-03-12']), 'AmbiguousApiVersion');
    assert.equal(code(['2026-03-13']), 'UnsupportedApiVersion');
    assert.equal(code(['2026-03-13'], true), 'ok');
  });
});
