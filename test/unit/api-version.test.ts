/** api-version policy as a pure check. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SUPPORTED_API_VERSIONS,
  apiVersionValues,
  checkApiVersion,
} from '../../src/http/api-version.js';

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

  it('reads api-version values as URLSearchParams does, whatever the query', () => {
    const queries = [
      'api-version=2026-03-12',
      'api-version=',
      'api-version',
      'api-version=a=b',
      'api-version=2026-03-12&api-version=2025-06-15',
      'x=1&api-version=2026-03-12',
      'api-version=2026%2D03%2D12',
      'api-version=2026+03',
      'api%2Dversion=2026-03-12',
      'API-VERSION=2026-03-12',
      'api-version=é;x',
      '',
    ];
    for (const query of queries)
      assert.deepEqual(
        apiVersionValues(query),
        new URLSearchParams(query).getAll('api-version'),
        query,
      );
  });
});
