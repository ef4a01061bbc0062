/** The HMAC helpers' fast paths give exactly what the general algorithm gives. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { constantTimeEqual, pathAndQuery, sign, signer } from '../../src/http/hmac.js';

/** The reference: WHATWG URL parse, pathname + re-serialised query (sdk-behaviour.md §3). */
function viaUrl(target: string): string {
  const url = new URL(target, 'http://emulator.invalid');
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** The result or the error name, so targets the reference refuses must be refused too. */
function outcome(f: (target: string) => string, target: string): string {
  try {
    return f(target);
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
}

const KEY =
  'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBw==';

describe('pathAndQuery', () => {
  it('matches the URL-based reference on SDK-shaped and unusual targets', () => {
    const targets = [
      '/calling/callConnections/421f0b00-aaaa-bbbb-cccc-000000000001:stopContinuousDtmfRecognition?api-version=2026-03-12',
      '/calling/callConnections?api-version=2026-03-12',
      '/calling/callConnections/x/participants/4%3A%2B14255550123?api-version=2026-03-12',
      '/calling/callConnections/./x/../y?api-version=2026-03-12',
      '/calling/callConnections/x?api-version=2026-03-12&api-version=2025-06-15',
      '/calling/callConnections/x?api-version=a b',
      '/calling/callConnections/x?api-version=~x',
      '/calling/callConnections/x?api-version',
      '/calling/callConnections/x?',
      '/calling/callConnections/x/',
      '/calling/callConnections/é?api-version=2026-03-12',
      '/calling/callConnections/x#frag',
      '/calling//x?api-version=1',
    ];
    for (const target of targets) assert.equal(pathAndQuery(target), viaUrl(target), target);
  });

  it('matches the reference on generated targets', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_:.~%+ -]{0,12}$/);
    const query = fc.stringMatching(/^[A-Za-z0-9_.=&~%+ -]{0,16}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.option(query),
        (parts, q) => {
          const target = `/${parts.join('/')}${q === null ? '' : `?${q}`}`;
          assert.equal(outcome(pathAndQuery, target), outcome(viaUrl, target), target);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('signer', () => {
  it('gives the worked example of sdk-behaviour.md §3, like sign', () => {
    const message =
      'POST\n/calling/callConnections/421f0b00-aaaa-bbbb-cccc-000000000001:stopContinuousDtmfRecognition?api-version=2026-03-12\n' +
      'Thu, 12 Mar 2026 10:00:00 GMT;127.0.0.1:8080;o+pIoHlV/JoyUvApyyOUlYNJBrr6zeMANgt7aruO5h4=';
    assert.equal(signer(KEY)(message), '9/XqLtvdOgnFYB5OAPSfJEAEZQ5+3vEh/e4AIeN0EE4=');
    assert.equal(sign(KEY, message), signer(KEY)(message));
  });
});

describe('constantTimeEqual', () => {
  it('compares buffers of equal and of different lengths', () => {
    assert.equal(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
    assert.equal(constantTimeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
    assert.equal(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd')), false);
    assert.equal(constantTimeEqual(Buffer.alloc(0), Buffer.alloc(0)), true);
  });
});
