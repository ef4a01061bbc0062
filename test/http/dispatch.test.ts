/**
 * Dispatch answers with the operation table's success status: a handler returns only what
 * differs (a body, headers), receives the validated body, and an operation with no handler is 501.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { dispatch } from '../../src/http/dispatch.js';
import { errorHandler } from '../../src/http/error-handler.js';
import { identifyOperation } from '../../src/http/identify-operation.js';
import { parseBody } from '../../src/http/parse-body.js';
import { rawBody } from '../../src/http/raw-body.js';
import type { HandlerTable, Services } from '../../src/routes/handler.js';
import type { PlayRequest } from '../../src/schemas/generated/request-bodies.js';

const CALL = '/calling/callConnections/call-1';
const PLAY: PlayRequest = {
  playSources: [{ kind: 'file', file: { uri: 'https://a.test/x.wav' } }],
};

function appWith(handlers: HandlerTable) {
  const app = express();
  app.use(rawBody(64 * 1024));
  app.use(identifyOperation);
  app.use(parseBody({ callbackAllow: [] }));
  // These handlers never reach for services; dispatch only hands them on.
  app.use(dispatch({ handlers, services: {} as Services }));
  app.use(errorHandler(pino({ enabled: false }), 64 * 1024));
  return app;
}

describe('dispatch', () => {
  it('answers the table status with no body when the handler returns nothing', async () => {
    const res = await request(appWith({ CallConnection_HangupCall: () => {} })).delete(CALL);
    assert.equal(res.status, 204);
    assert.equal(res.text, '');
  });

  it('hands the handler the validated body and adds the headers it returns', async () => {
    let seen: PlayRequest | undefined;
    const app = appWith({
      CallMedia_Play: ({ body }) => {
        seen = body;
        return { headers: { 'x-handler': 'played' } };
      },
    });
    const res = await request(app).post(`${CALL}:play`).send(PLAY);
    assert.equal(res.status, 202);
    assert.equal(res.headers['x-handler'], 'played');
    assert.equal(res.text, '');
    assert.deepEqual(seen, PLAY);
  });

  it('sends a returned body as JSON with the table status', async () => {
    const app = appWith({ CreateCall: () => ({ body: { callConnectionId: 'made' } }) });
    const res = await request(app)
      .post('/calling/callConnections')
      .send({ callbackUri: 'https://a.test/cb', targets: [{ rawId: '4:+14255550123' }] });
    assert.equal(res.status, 201);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.body, { callConnectionId: 'made' });
  });

  it("writes a JSON answer with exactly the headers and bytes of Express's send", async () => {
    // Short and long (Express takes another path past 1000 characters), with multi-byte text.
    for (const name of ['short é ✓', 'long é ✓ '.repeat(200)]) {
      const body = { callConnectionId: 'made', name };
      const ours = await request(appWith({ CreateCall: () => ({ body }) }))
        .post('/calling/callConnections')
        .send({ callbackUri: 'https://a.test/cb', targets: [{ rawId: '4:+14255550123' }] });
      const reference = express();
      reference.post('/', (_req, res) => {
        res.status(201).type('application/json').send(JSON.stringify(body));
      });
      const theirs = await request(reference).post('/');
      // The content headers as written on the wire: names (with their case) and values, in order.
      const content = (res: request.Response) => {
        const raw = (res as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders;
        return raw.flatMap((value, i) =>
          i % 2 === 0 && /^content-/i.test(value) ? [`${value}: ${raw[i + 1]}`] : [],
        );
      };
      assert.deepEqual(content(ours), content(theirs));
      assert.equal(content(ours).length, 2);
      assert.equal(ours.status, 201);
      assert.equal(ours.text, theirs.text);
    }
  });

  it('answers 501 for an operation without a handler', async () => {
    const res = await request(appWith({})).get(CALL);
    assert.equal(res.status, 501);
    assert.equal(typeof res.body.error?.code, 'string');
  });
});
