/**
 * Callback URLs are parsed once and remembered: what the memo hands out must be what parsing the
 * URL gives (node:http's own request options, the origin for the pending counts, the refusal
 * messages), however many other URLs came in between.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { urlToHttpOptions } from 'node:url';
import { destinationOf } from '../../src/events/delivery.js';
import { webhookUrl } from '../../src/events/webhook-url.js';

describe('webhookUrl', () => {
  it('gives node:http the options it derives from the URL itself, credentials and query included', () => {
    const url = 'http://u%40:p%3Ass@127.0.0.1:8080/cb/x?a=1&b=%20#frag';
    const parsed = webhookUrl(url);
    assert.equal(parsed.problem, undefined);
    assert.equal(parsed.protocol, 'http:');
    assert.equal(parsed.origin, 'http://127.0.0.1:8080');
    // The fields node:http and its agents read (the others, href, hash, ..., they never do).
    const own = urlToHttpOptions(new URL(url));
    assert.deepEqual(
      { ...parsed.options },
      {
        protocol: own.protocol,
        hostname: own.hostname,
        port: own.port,
        path: own.path,
        auth: own.auth,
      },
    );
    assert.equal(parsed.options?.path, '/cb/x?a=1&b=%20');
    assert.equal(parsed.options?.auth, 'u@:p:ss');
  });

  it('strips the brackets of an IPv6 host, as node:http does', () => {
    const parsed = webhookUrl('https://[::1]:9443/hook');
    assert.equal(parsed.protocol, 'https:');
    assert.equal(parsed.options?.hostname, '::1');
    assert.equal(parsed.options?.port, 9443);
    assert.equal(parsed.origin, 'https://[::1]:9443');
  });

  it('names what is wrong with a URL nothing can be posted to', () => {
    const invalid = webhookUrl('not a url');
    assert.equal(invalid.origin, 'not a url');
    // Never echoed: it may hold a secret, and it is no URL (safe-url.ts).
    assert.equal(invalid.problem, "invalid callback URL '(not a URL)'");
    assert.equal(invalid.options, undefined);
    const ftp = webhookUrl('ftp://files.example/cb');
    assert.equal(ftp.problem, "unsupported callback URL scheme 'ftp:' (use http or https)");
    assert.equal(ftp.options, undefined);
  });

  it('hands out one frozen answer per URL, and the right one after many others pushed it out', () => {
    const url = 'http://127.0.0.1:4000/first';
    const first = webhookUrl(url);
    assert.equal(webhookUrl(url), first);
    assert.ok(Object.isFrozen(first.options));
    for (let i = 0; i < 5_000; i++) webhookUrl(`http://127.0.0.1:4000/other/${i}`);
    const again = webhookUrl(url);
    assert.deepEqual(again, first);
    assert.equal(again.options?.path, '/first');
  });

  it('is where the pending counts are kept (destinationOf)', () => {
    assert.equal(destinationOf('http://127.0.0.1:4000/a?b=c'), 'http://127.0.0.1:4000');
    assert.equal(destinationOf('HTTP://Example.COM:80/x'), 'http://example.com');
    assert.equal(destinationOf('::nonsense::'), '::nonsense::');
  });
});
