/**
 * What a webhook receives on the wire, byte for byte where it matters: the request line, the
 * header names in their order and case, Content-Length equal to the body's bytes, the Bearer JWT
 * when signed, Basic credentials from the URL when not. The poster builds its requests from a
 * parsed-once URL; this holds it to what node:http makes from the URL string.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildCloudEvent } from '../../src/events/cloud-event.js';
import { Delivery } from '../../src/events/delivery.js';
import { WebhookSigner } from '../../src/events/webhook-signer.js';

interface Seen {
  line: string;
  rawHeaders: string[];
  bytes: number;
  body: string;
}

async function recordingWebhook() {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({
        line: `${req.method} ${req.url} HTTP/${req.httpVersion}`,
        rawHeaders: req.rawHeaders,
        bytes: body.length,
        body: body.toString('utf8'),
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, server, port: (server.address() as AddressInfo).port };
}

function delivery(signer?: WebhookSigner): Delivery {
  return new Delivery({
    maxAttempts: 1,
    backoffMs: 10,
    maxBackoffMs: 10,
    retryWindowMs: 1_000,
    timeoutMs: 5_000,
    journalLimit: 10,
    logger: pino({ level: 'silent' }),
    ...(signer ? { signer } : {}),
  });
}

/** Header names in order, values of the ones that do not change between runs. */
const shape = (raw: string[], port: number) =>
  raw.map((value, i) =>
    i % 2 === 0
      ? value
      : value.replace(String(port), 'PORT').replace(/^(Bearer|Basic) .+$/, '$1 …'),
  );

describe('the callback POST on the wire', () => {
  it('unsigned: the same request line and headers every time, credentials in the URL sent as Basic', async () => {
    const hook = await recordingWebhook();
    const sender = delivery();
    try {
      const url = `http://u%40:p%3Ass@127.0.0.1:${hook.port}/cb/x?a=1&b=%20#frag`;
      const first = sender.enqueue(
        'call-1',
        url,
        buildCloudEvent('CallConnected', 'call-1', { note: 'ü€' }, 0),
      );
      sender.enqueue('call-1', url, buildCloudEvent('CallConnected', 'call-1', {}, 0));
      sender.enqueue(
        'call-2',
        `http://localhost:${hook.port}/`,
        buildCloudEvent('CallConnected', 'call-2', {}, 0),
      );
      assert.deepEqual(await sender.flush(10_000), []);
      assert.equal(first.status, 'delivered');
      const byCall = (id: string) => hook.seen.filter((s) => s.body.includes(id));
      for (const seen of byCall('call-1')) {
        assert.equal(seen.line, 'POST /cb/x?a=1&b=%20 HTTP/1.1');
        assert.deepEqual(shape(seen.rawHeaders, hook.port), [
          'content-type',
          'application/json',
          'content-length',
          String(seen.bytes),
          'Host',
          '127.0.0.1:PORT',
          'Authorization',
          'Basic …',
          'Connection',
          'keep-alive',
        ]);
        const basic = seen.rawHeaders[seen.rawHeaders.indexOf('Authorization') + 1] ?? '';
        assert.equal(Buffer.from(basic.slice('Basic '.length), 'base64').toString(), 'u@:p:ss');
      }
      assert.equal(byCall('call-1').length, 2);
      const [other] = byCall('call-2');
      assert.equal(other?.line, 'POST / HTTP/1.1');
      assert.deepEqual(shape(other?.rawHeaders ?? [], hook.port), [
        'content-type',
        'application/json',
        'content-length',
        String(other?.bytes),
        'Host',
        'localhost:PORT',
        'Connection',
        'keep-alive',
      ]);
      assert.ok(
        hook.seen.some((s) => s.body.includes('ü€')),
        'the body arrives intact in UTF-8',
      );
    } finally {
      sender.close();
      hook.server.close();
    }
  });

  it('signed: the Bearer JWT follows the content headers, the same token for both POSTs', async () => {
    const hook = await recordingWebhook();
    const signer = new WebhookSigner('aud', 'http://127.0.0.1:1', undefined, 240);
    const sender = delivery(signer);
    try {
      const url = `http://127.0.0.1:${hook.port}/api/callbacks`;
      sender.enqueue('call-1', url, buildCloudEvent('CallConnected', 'call-1', {}, 0));
      sender.enqueue('call-1', url, buildCloudEvent('CallDisconnected', 'call-1', {}, 0));
      assert.deepEqual(await sender.flush(10_000), []);
      assert.equal(hook.seen.length, 2);
      const tokens = hook.seen.map((seen) => {
        assert.equal(seen.line, 'POST /api/callbacks HTTP/1.1');
        assert.deepEqual(shape(seen.rawHeaders, hook.port), [
          'content-type',
          'application/json',
          'content-length',
          String(seen.bytes),
          'authorization',
          'Bearer …',
          'Host',
          '127.0.0.1:PORT',
          'Connection',
          'keep-alive',
        ]);
        return seen.rawHeaders[seen.rawHeaders.indexOf('authorization') + 1];
      });
      assert.equal(tokens[0], tokens[1]);
      assert.match(tokens[0] ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    } finally {
      sender.close();
      hook.server.close();
    }
  });

  it('a URL nothing can be posted to fails its attempt with the reason, and the queue goes on', async () => {
    const hook = await recordingWebhook();
    const sender = delivery();
    try {
      const bad = sender.enqueue(
        'call-1',
        'ftp://files.example/cb',
        buildCloudEvent('CallConnected', 'call-1', {}, 0),
      );
      const good = sender.enqueue(
        'call-2',
        `http://127.0.0.1:${hook.port}/cb`,
        buildCloudEvent('CallConnected', 'call-2', {}, 0),
      );
      await sender.flush(10_000);
      assert.equal(bad.status, 'failed');
      assert.equal(
        bad.attempts[0]?.error,
        "unsupported callback URL scheme 'ftp:' (use http or https)",
      );
      assert.equal(good.status, 'delivered');
      assert.equal(hook.seen.length, 1);
    } finally {
      sender.close();
      hook.server.close();
    }
  });
});
