/** What logs show of a URL: no credentials, no query values. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { safeUrl } from '../../src/safe-url.js';

describe('safeUrl', () => {
  const CASES: [string, string][] = [
    ['http://127.0.0.1:3000/api/callbacks', 'http://127.0.0.1:3000/api/callbacks'],
    ['https://app.example/api/cb?code=s3cret&x=1', 'https://app.example/api/cb?code=***&x=***'],
    ['https://user:pw@app.example/cb', 'https://app.example/cb'],
    ['https://user:pw@app.example/cb?sig=abc', 'https://app.example/cb?sig=***'],
    ['not a url', '(not a URL)'],
  ];
  for (const [input, expected] of CASES) {
    it(`${input} -> ${expected}`, () => assert.equal(safeUrl(input), expected));
  }
});
