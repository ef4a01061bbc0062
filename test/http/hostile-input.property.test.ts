/**
 * Property tests: random and mutated bodies, headers, query strings and path ids against every
 * ACS route. Each answer is the documented success or a 4xx in the ACS envelope (a 501 only for
 * operations not emulated yet), never another 5xx or a dropped connection. Seeded: reproducible.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import fc from 'fast-check';
import { OPERATIONS, type OperationSpec } from '../../src/schemas/generated/operations.js';
import { HANDLERS } from '../../src/emulator.js';
import { acsRequest, type RawResponse } from '../helpers/acs-request.js';
import { useEmulator } from '../helpers/use-emulator.js';

const SEED = 20261125;
const PSTN = {
  rawId: '4:+14255550123',
  phoneNumber: { value: '+14255550123', isAnonymous: false },
};
const NASTY_IDS = [
  '%2f',
  '..',
  '%2e%2e',
  '%00',
  encodeURIComponent('😀'),
  'a%2Fb',
  '%',
  '%zz',
  'x'.repeat(2000),
  '__proto__',
  'constructor',
];
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const byId = (id: string): OperationSpec => OPERATIONS.find((o) => o.id === id) as OperationSpec;

function assertAcsAnswer(op: OperationSpec, res: RawResponse): void {
  const implemented = op.id in HANDLERS;
  if (res.status === op.status && implemented) return;
  if (res.status === 501) {
    assert.ok(!implemented, `${op.id} is emulated but answered 501`);
  } else {
    assert.ok(
      res.status >= 400 && res.status < 500,
      `${op.id} answered ${res.status}: ${res.text.slice(0, 300)}`,
    );
  }
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(typeof res.json.error?.code, 'string', res.text.slice(0, 300));
  assert.equal(typeof res.json.error?.message, 'string');
  assert.doesNotMatch(res.text, /\bat .*\.(ts|js):\d+/, 'no stack trace');
}

/** JSON-ish bodies: valid, mutated valid, random JSON, prototype keys, deep nesting, huge strings. */
const bodyArb: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc
    .record({
      key: fc.constantFrom(...NASTY_KEYS, 'targetParticipant', 'operationContext', 'foo'),
      value: fc.jsonValue(),
    })
    .map(
      ({ key, value }) =>
        `{"targetParticipant":${JSON.stringify(PSTN)},"${key}":${JSON.stringify(value)}}`,
    ),
  fc
    .constantFrom(...NASTY_KEYS)
    .map((k) => `{"${k}":{"polluted":true},"targetParticipant":{"${k}":{"rawId":"x"}}}`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc
    .integer({ min: 10_000, max: 500_000 })
    .map((n) => JSON.stringify({ targetParticipant: PSTN, operationContext: 'x'.repeat(n) })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
  fc.constant(JSON.stringify({ targetParticipant: PSTN })),
  fc.constant(JSON.stringify({ targetParticipant: PSTN, operationContext: 'x'.repeat(1_100_000) })),
);

const idArb = fc.oneof(
  fc.constantFrom(...NASTY_IDS),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.uuid(),
);

const queryArb = fc.oneof(
  fc.constant('api-version=2026-03-12'),
  fc.constant('api-version=2026-03-12&api-version=2026-03-12'),
  fc.constant('api-version=2026-03-12&api-version=2025-06-15'),
  fc.string({ maxLength: 30 }).map((v) => `api-version=${encodeURIComponent(v)}`),
  fc
    .string({ maxLength: 30 })
    .map((v) => `api-version=2026-03-12&${encodeURIComponent(v)}=${encodeURIComponent(v)}`),
  fc.constant(''),
);

const headerArb = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      '',
    ),
    'x-ms-date': fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constant('Thu, 01 Jan 1970 00:00:00 GMT'),
    ),
    'x-ms-client-request-id': fc.string({ maxLength: 300 }),
  },
  { requiredKeys: [] },
);

const ASCII_HEADER = /^[\t\x20-\x7e]*$/;

describe('hostile input on every ACS route', () => {
  const fx = useEmulator();

  it('random requests, correctly signed, never get a 5xx or a dropped connection', async () => {
    const client = fx.running.client();
    const created = await client.createCall(
      { targetParticipant: { phoneNumber: '+14255550123' } },
      fx.listener.url(),
    );
    const liveId = created.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor((c) => c.event.kind === 'CallConnected');

    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPERATIONS),
        fc.oneof(fc.constant(liveId), idArb),
        queryArb,
        fc.option(bodyArb, { nil: undefined }),
        headerArb,
        async (op, id, query, body, headers) => {
          const path = `${op.path.replace(/\{[A-Za-z]+\}/g, id)}${query ? `?${query}` : ''}`;
          const safeHeaders = Object.fromEntries(
            Object.entries(headers).filter(([, v]) => ASCII_HEADER.test(v)),
          );
          const res = await acsRequest(fx.running.url, {
            method: op.method,
            path,
            body,
            headers: safeHeaders,
          });
          assertAcsAnswer(op, res);
          seen.add(res.status);
        },
      ),
      {
        seed: SEED,
        numRuns: 1500,
        // Known-good requests run first, so the success path is always part of the sample.
        examples: [
          [byId('CallConnection_GetCall'), liveId, 'api-version=2026-03-12', undefined, {}],
          [
            byId('CallMedia_StartContinuousDtmfRecognition'),
            liveId,
            'api-version=2026-03-12',
            JSON.stringify({ targetParticipant: PSTN }),
            {},
          ],
        ],
      },
    );
    // The generators reach every layer: successes, body and state errors, auth, routing, limits.
    for (const status of [200, 400, 401, 404, 413])
      assert.ok(seen.has(status), `no ${status} among ${[...seen].join(', ')}`);
    const health = await fetch(`${fx.running.url}health`);
    assert.equal(health.status, 200);
  });

  it('unsigned and wrongly signed random requests are all 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPERATIONS),
        fc.option(bodyArb, { nil: undefined }),
        fc.boolean(),
        async (op, body, unsigned) => {
          const path = `${op.path.replace(/\{[A-Za-z]+\}/g, 'abc')}?api-version=2026-03-12`;
          const res = await acsRequest(fx.running.url, {
            method: op.method,
            path,
            body,
            sign: unsigned ? false : Buffer.alloc(32, 3).toString('base64'),
          });
          assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${res.text}`);
          assert.equal(typeof res.json.error?.code, 'string');
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('control-API routes answer 2xx or a 4xx envelope to random input', async () => {
    const created = await fx.running
      .client()
      .createCall({ targetParticipant: { phoneNumber: '+14255550123' } }, fx.listener.url());
    const liveId = created.callConnectionProperties.callConnectionId as string;
    const routes = [
      ['GET', '/admin/calls'],
      ['GET', '/admin/calls/{id}'],
      ['GET', '/admin/events'],
      ['GET', '/admin/events/wait'],
      ['GET', '/admin/requests'],
      ['GET', '/admin/incoming-calls'],
      ['POST', '/admin/incoming-calls'],
      ['POST', '/admin/calls/{id}/dtmf'],
      ['POST', '/admin/calls/{id}/hang-up'],
      ['POST', '/admin/clock/advance'],
      ['POST', '/admin/faults'],
      ['GET', '/admin/faults'],
      ['GET', '/admin/faults/{id}'],
      ['DELETE', '/admin/faults/{id}'],
      ['POST', '/admin/nope/{id}'],
      ['GET', '/calling/.well-known/acsopenidconfiguration'],
      ['GET', '/calling/keys'],
    ] as const;
    const adminBodyArb = fc.oneof(
      bodyArb,
      fc.constantFrom(
        '{"tones":"12#"}',
        '{"tones":["one","pound"],"intervalMs":0}',
        '{"tones":"1x"}',
        '{"from":"4:+14255550100","to":"8:acs:bot"}',
        '{"from":{"phoneNumber":{"value":"+1"}},"to":"8:acs:bot","webhookUrl":"ftp://x"}',
        '{"ms":100}',
        '{"ms":-1}',
        '{"match":{"operation":"CallConnection_GetCall"},"action":{"type":"error","status":503},"times":1}',
        '{"match":{"eventType":"CallConnected"},"action":{"type":"duplicate","copies":1e9}}',
        '{"match":{},"action":{"type":"hang","ms":-5}}',
        '{"match":{"operation":"Nope"},"action":{"type":"delay","minMs":5,"maxMs":1}}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(fc.constant(liveId), idArb),
        queryArb,
        fc.option(adminBodyArb, { nil: undefined }),
        async ([method, template], id, query, body) => {
          // A wait must end quickly whatever else the query says.
          const path = `${template.replace('{id}', id)}?${query.replace('api-version', 'status')}&timeoutMs=20`;
          const res = await acsRequest(fx.running.url, { method, path, body, sign: false });
          assert.ok(
            res.status < 500,
            `${method} ${path} -> ${res.status} ${res.text.slice(0, 200)}`,
          );
          if (res.status >= 400) assert.equal(typeof res.json.error?.code, 'string', res.text);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('bytes the HTTP parser refuses still get the envelope, and the emulator stays up', async () => {
    for (const line of [
      'GET /calling/callConnections/a\u00ffb\u0000 HTTP/1.1',
      'BREW /coffee HTTP/1.1',
      'GET / HTTP/9.9',
    ]) {
      const answer = await rawExchange(fx.running.port, `${line}\r\nHost: 127.0.0.1\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 400 Bad Request\r\n/);
      assert.match(
        answer,
        /\r\n\r\n\{"error":\{"code":"BadRequest","message":"The request is not valid HTTP\/1\.1/,
      );
    }
    const huge = await rawExchange(
      fx.running.port,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.match(huge, /^HTTP\/1\.1 431 /);
    assert.match(huge, /"code":"RequestHeaderFieldsTooLarge"/);
    assert.equal((await fetch(`${fx.running.url}health`)).status, 200);
  });
});

function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request, 'latin1'));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer in 5 s')));
  });
}
