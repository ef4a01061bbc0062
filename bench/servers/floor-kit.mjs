// What every necessary-work floor of the operation-family scenarios shares (issue 20): an Express 5
// app that keeps the raw body, the service's HMAC-SHA256 check, CloudEvent and Event Grid
// envelopes, and one POST per event over a keep-alive node:http agent. No validation, journal,
// logs or JWT. Written independently of src/ so it stays a reference, not a copy.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import express from 'express';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** An Express app that keeps each body as raw bytes, and a check of its HMAC signature. */
export function floorApp(base64Key) {
  const key = Buffer.from(base64Key ?? '', 'base64');
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.raw({ type: () => true, limit: '1mb' }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const authorised = (req) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const hash = createHash('sha256').update(body).digest('base64');
    if (req.get('x-ms-content-sha256') !== hash) return false;
    const match = /Signature=([^&\s]+)$/.exec(req.get('authorization') ?? '');
    if (!match) return false;
    const toSign = `${req.method}\n${req.originalUrl}\n${req.get('x-ms-date')};${req.get('host')};${hash}`;
    const expected = createHmac('sha256', key).update(toSign).digest();
    const given = Buffer.from(match[1], 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  /** Wraps a handler: 401 unless signed, the JSON body parsed (empty body: {}). */
  const signed = (handler) => (req, res) => {
    if (!authorised(req)) {
      res.status(401).json({ error: { code: 'Unauthorized', message: 'bad signature' } });
      return;
    }
    const raw = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : '';
    handler(req, res, raw ? JSON.parse(raw) : {});
  };
  return { app, signed };
}

export function listen(app) {
  const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  process.on('SIGINT', () => process.exit(0));
  return server;
}

/** POSTs one JSON document; the answer is read and dropped. */
export function post(uri, document) {
  const payload = JSON.stringify(document);
  const request = http.request(uri, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
  });
  request.on('response', (response) => response.resume());
  request.on('error', () => {});
  request.end(payload);
}

/** One Call Automation CloudEvent, in the array the service POSTs. */
export function cloudEvent(type, callConnectionId, data) {
  return [
    {
      id: randomUUID(),
      source: `calling/callConnections/${callConnectionId}`,
      type: `Microsoft.Communication.${type}`,
      data: { callConnectionId, ...data },
      time: new Date().toISOString(),
      specversion: '1.0',
      datacontenttype: 'application/json',
      subject: `calling/callConnections/${callConnectionId}`,
    },
  ];
}

/** One Event Grid event, in the array Event Grid POSTs. */
export function eventGridEvent(type, subject, data) {
  return [
    {
      id: randomUUID(),
      topic:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench/providers/Microsoft.Communication/communicationServices/bench',
      subject,
      eventType: `Microsoft.Communication.${type}`,
      data,
      eventTime: new Date().toISOString(),
      metadataVersion: '1',
      dataVersion: '1.0',
    },
  ];
}

export const ok = (message) => ({ code: 200, subCode: 0, message });
