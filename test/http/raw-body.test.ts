/**
 * The lean body reader against express.raw: for every kind of request, both leave the same
 * `req.body` or fail with the same status, type and limit (what the error renderer maps).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { rawBody } from '../../src/http/raw-body.js';
import { createEmulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';

const LIMIT = 64;

function echoApp(reader: RequestHandler): http.Server {
  const app = express();
  app.use(reader);
  app.use((req, res) => {
    const body: unknown = req.body;
    res.json({
      hasBodyKey: 'body' in req,
      body: Buffer.isBuffer(body) ? body.toString('base64') : String(body),
    });
  });
  const onError: ErrorRequestHandler = (err: Record<string, unknown>, _req, res, _next) => {
    res.status(Number(err.status)).json({ status: err.status, type: err.type, limit: err.limit });
  };
  app.use(onError);
  return http.createServer(app);
}

interface Sent {
  headers?: Record<string, string>;
  chunks?: (string | Buffer)[];
  method?: string;
}

function send(port: number, sent: Sent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: sent.method ?? 'POST', path: '/', headers: sent.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of sent.chunks ?? []) req.write(chunk);
    req.end();
  });
}

const json = '{"targetParticipant":{"rawId":"4:+14255550123"}}';
const CASES: Record<string, Sent> = {
  'GET without a body': { method: 'GET' },
  'POST with Content-Length 0': { headers: { 'content-length': '0' } },
  'a JSON body': { headers: { 'content-type': 'application/json' }, chunks: [json] },
  'a chunked body in pieces': {
    headers: { 'transfer-encoding': 'chunked' },
    chunks: ['{"a":', '1,"b"', ':[1,2]}'],
  },
  'exactly the limit': { chunks: ['x'.repeat(LIMIT)] },
  'Content-Length over the limit': { chunks: ['x'.repeat(LIMIT + 1)] },
  'a chunked body over the limit': {
    headers: { 'transfer-encoding': 'chunked' },
    chunks: ['x'.repeat(40), 'y'.repeat(40)],
  },
  'Content-Encoding identity': { headers: { 'content-encoding': 'Identity' }, chunks: [json] },
  'a gzip body': { headers: { 'content-encoding': 'gzip' }, chunks: [gzipSync(json)] },
  'an unsupported encoding': { headers: { 'content-encoding': 'compress' }, chunks: ['abc'] },
  'a binary body': { chunks: [Buffer.from([0, 255, 10, 13, 200])] },
};

describe('rawBody reads bodies as express.raw does', () => {
  const reference = echoApp(express.raw({ type: () => true, limit: LIMIT }));
  const lean = echoApp(rawBody(LIMIT));
  const port = (server: http.Server) => (server.address() as AddressInfo).port;

  before(async () => {
    await Promise.all(
      [reference, lean].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))),
    );
  });
  after(async () => {
    await Promise.all([reference, lean].map((s) => new Promise((r) => s.close(r))));
  });

  for (const [name, sent] of Object.entries(CASES)) {
    it(name, async () => {
      const expected = await send(port(reference), sent);
      const actual = await send(port(lean), sent);
      assert.deepEqual(actual, expected);
    });
  }

  it('answers a body over the limit with the ACS 413 error naming the limit', async () => {
    const emulator = createEmulator(testConfig({ bodyLimitBytes: 1024 }));
    const agent = request.agent(emulator.app);
    const response = await agent
      .post('/calling/callConnections?api-version=2026-03-12')
      .set('content-type', 'application/json')
      .send(`{"callbackUri":"${'x'.repeat(2000)}"}`);
    assert.equal(response.status, 413);
    assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(response.body, {
      error: {
        code: 'RequestEntityTooLarge',
        message: 'The request body is larger than 1024 bytes (--body-limit-bytes).',
      },
    });
    await emulator.stop();
  });
});
