// The necessary-work floor (issue 20): an Express 5 server doing only what the mission route
// cannot skip. It reads the raw body, checks the HMAC-SHA256 signature as the service does (content
// hash, then the signature over method, path and query, date, host and hash), parses the JSON,
// keeps a per-participant recognition flag and, for a stop that ends an active recognition, POSTs
// one CloudEvent to the call's callback URI over a keep-alive node:http agent. No validation,
// journal, logs or JWT. Written independently of src/ so it stays a reference, not a copy.
// Usage: node bench/servers/necessary-floor.mjs <port> <base64 access key>   (prints {"port":N})
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import express from 'express';

const key = Buffer.from(process.argv[3] ?? '', 'base64');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** callConnectionId -> { callbackUri, active: Set of participant raw ids }. */
const calls = new Map();

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.raw({ type: () => true, limit: '1mb' }));

function authorised(req) {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const hash = createHash('sha256').update(body).digest('base64');
  if (req.get('x-ms-content-sha256') !== hash) return false;
  const match = /Signature=([^&\s]+)$/.exec(req.get('authorization') ?? '');
  if (!match) return false;
  const toSign = `${req.method}\n${req.originalUrl}\n${req.get('x-ms-date')};${req.get('host')};${hash}`;
  const expected = createHmac('sha256', key).update(toSign).digest();
  const given = Buffer.from(match[1], 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function deny(res) {
  res.status(401).json({ error: { code: 'Unauthorized', message: 'bad signature' } });
}

app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

app.post('/calling/callConnections', (req, res) => {
  if (!authorised(req)) return deny(res);
  const body = JSON.parse(req.body.toString('utf8'));
  const callConnectionId = randomUUID();
  calls.set(callConnectionId, { callbackUri: new URL(body.callbackUri), active: new Set() });
  res.status(201).json({ callConnectionId, callConnectionState: 'connecting' });
});

app.post('/calling/callConnections/:idAndAction', (req, res) => {
  if (!authorised(req)) return deny(res);
  const body = JSON.parse(req.body.toString('utf8'));
  const [id, action] = req.params.idAndAction.split(':');
  const call = calls.get(id);
  if (!call) return res.status(404).json({ error: { code: '8522', message: 'Call not found' } });
  const participant = body.targetParticipant?.rawId;
  if (action === 'startContinuousDtmfRecognition') {
    call.active.add(participant);
  } else if (action === 'stopContinuousDtmfRecognition' && call.active.delete(participant)) {
    deliver(call.callbackUri, id, body.operationContext);
  }
  res.status(200).json({});
});

function deliver(uri, callConnectionId, operationContext) {
  const payload = JSON.stringify([
    {
      id: randomUUID(),
      source: `calling/callConnections/${callConnectionId}`,
      type: 'Microsoft.Communication.ContinuousDtmfRecognitionStopped',
      data: {
        callConnectionId,
        operationContext,
        resultInformation: {
          code: 200,
          subCode: 0,
          message: 'Continuous DTMF recognition stopped.',
        },
      },
      time: new Date().toISOString(),
      specversion: '1.0',
      datacontenttype: 'application/json',
      subject: `calling/callConnections/${callConnectionId}`,
    },
  ]);
  const request = http.request(uri, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
  });
  request.on('response', (response) => response.resume());
  request.on('error', () => {});
  request.end(payload);
}

const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGINT', () => process.exit(0));
