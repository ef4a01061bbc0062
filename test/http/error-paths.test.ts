/**
 * Every rejection of the ACS pipeline, one row each: status, error.code and the message that says
 * what to fix, in the ACS error envelope with application/json and an x-ms-request-id.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acsRequest, type RawRequest } from '../helpers/acs-request.js';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startCallbackListener, type CallbackListener } from '../helpers/callback-listener.js';

const V = 'api-version=2026-03-12';
const PSTN = {
  rawId: '4:+14255550123',
  phoneNumber: { value: '+14255550123', isAnonymous: false },
};
const OTHER_KEY = Buffer.alloc(64, 9).toString('base64');

interface Row {
  name: string;
  request: (ids: { call: string; connecting: string; ended: string }) => RawRequest;
  status: number;
  code: string;
  message: RegExp;
  /** Our explanation, where the code and message are the service's (CommunicationError.innererror). */
  inner?: { code: string; message: RegExp };
}

const CALL_NOT_FOUND = /^Call not found\.$/;

const stop = (id: string, body: unknown, extra: Partial<RawRequest> = {}): RawRequest => ({
  method: 'POST',
  path: `/calling/callConnections/${id}:stopContinuousDtmfRecognition?${V}`,
  body,
  ...extra,
});

const ROWS: Row[] = [
  // api-version
  {
    name: 'api-version missing',
    request: ({ call }) => ({ method: 'GET', path: `/calling/callConnections/${call}` }),
    status: 400,
    code: 'ApiVersionUnspecified',
    message: /api-version.*2026-03-12/,
  },
  {
    name: 'api-version empty',
    request: ({ call }) => ({
      method: 'GET',
      path: `/calling/callConnections/${call}?api-version=`,
    }),
    status: 400,
    code: 'ApiVersionUnspecified',
    message: /required/,
  },
  {
    name: 'api-version unsupported',
    request: ({ call }) => ({
      method: 'GET',
      path: `/calling/callConnections/${call}?api-version=2019-01-01`,
    }),
    status: 400,
    code: 'UnsupportedApiVersion',
    message:
      /'2019-01-01'.*2026-03-12.*2025-08-15-preview.*--accept-any-api-version.*ACS_EMULATOR_ACCEPT_ANY_API_VERSION/,
  },
  {
    name: 'api-version given twice',
    request: ({ call }) => ({ method: 'GET', path: `/calling/callConnections/${call}?${V}&${V}` }),
    status: 400,
    code: 'AmbiguousApiVersion',
    message: /more than once/,
  },
  // authentication
  {
    name: 'Authorization missing',
    request: ({ call }) => stop(call, { targetParticipant: PSTN }, { sign: false }),
    status: 401,
    code: 'Denied',
    message: /Authorization header is missing.*--disable-auth.*ACS_EMULATOR_DISABLE_AUTH/,
  },
  {
    name: 'unknown auth scheme',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
    status: 401,
    code: 'Denied',
    message: /malformed: the scheme must be 'HMAC-SHA256' or 'Bearer'/,
  },
  {
    name: 'HMAC without Signature',
    request: ({ call }) =>
      stop(
        call,
        { targetParticipant: PSTN },
        {
          headers: {
            authorization: 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256',
          },
        },
      ),
    status: 401,
    code: 'Denied',
    message: /malformed: Signature is missing/,
  },
  {
    name: 'HMAC with other SignedHeaders',
    request: ({ call }) =>
      stop(
        call,
        { targetParticipant: PSTN },
        {
          headers: { authorization: `HMAC-SHA256 SignedHeaders=host&Signature=${'A'.repeat(43)}=` },
        },
      ),
    status: 401,
    code: 'Denied',
    message: /SignedHeaders must be 'x-ms-date;host;x-ms-content-sha256'/,
  },
  {
    name: 'HMAC signature of the wrong length',
    request: ({ call }) =>
      stop(
        call,
        { targetParticipant: PSTN },
        {
          headers: {
            authorization:
              'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=AAAA',
          },
        },
      ),
    status: 401,
    code: 'Denied',
    message: /decodes to 3 bytes/,
  },
  {
    name: 'signed with another key',
    request: ({ call }) => stop(call, { targetParticipant: PSTN }, { sign: OTHER_KEY }),
    status: 401,
    code: '7509',
    message: /^HMAC-SHA256 validation failed$/,
    inner: {
      code: 'SignatureMismatch',
      message: /POST\\n\/calling\/callConnections\/.*--disable-auth/,
    },
  },
  {
    name: 'body changed after signing',
    request: ({ call }) => ({
      ...stop(call, { targetParticipant: PSTN }),
      headers: { 'x-ms-content-sha256': '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' },
    }),
    status: 401,
    code: 'Denied',
    message: /^Request 'x-ms-content-sha256' differs from generated content hash\.$/,
    inner: { code: 'ContentHashMismatch', message: /base64 SHA-256.*--disable-auth/ },
  },
  {
    name: 'content hash header missing',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { headers: { 'x-ms-content-sha256': undefined } }),
    status: 401,
    code: 'Denied',
    message: /'x-ms-content-sha256' header is missing/,
  },
  {
    name: 'x-ms-date missing',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { headers: { 'x-ms-date': undefined } }),
    status: 401,
    code: 'Denied',
    message: /'x-ms-date' header is missing or is not an RFC 1123 date/,
  },
  {
    name: 'x-ms-date 20 minutes old',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { date: new Date(Date.now() - 20 * 60_000) }),
    status: 401,
    code: 'Denied',
    message: /is 1[12]\d\d s in the past; it must be within 900 s.*--auth-date-window-seconds/,
  },
  {
    name: 'x-ms-date 20 minutes ahead',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { date: new Date(Date.now() + 20 * 60_000) }),
    status: 401,
    code: 'Denied',
    message: /in the future/,
  },
  {
    name: 'Bearer that is not a JWT',
    request: ({ call }) =>
      stop(
        call,
        { targetParticipant: PSTN },
        { sign: false, headers: { authorization: 'Bearer not-a-jwt' } },
      ),
    status: 401,
    code: 'Denied',
    message: /Bearer token is not accepted: a JWT has three dot-separated parts/,
  },
  {
    name: 'expired Bearer JWT',
    request: ({ call }) =>
      stop(
        call,
        { targetParticipant: PSTN },
        {
          sign: false,
          headers: {
            authorization: `Bearer ${jwt({ exp: Math.floor(Date.now() / 1000) - 3600 })}`,
          },
        },
      ),
    status: 401,
    code: 'Denied',
    message: /the JWT expired at/,
  },
  {
    name: 'Bearer JWT without exp',
    request: ({ call }) =>
      stop(
        call,
        { targetParticipant: PSTN },
        { sign: false, headers: { authorization: `Bearer ${jwt({ aud: 'x' })}` } },
      ),
    status: 401,
    code: 'Denied',
    message: /no numeric 'exp' claim/,
  },
  // body
  {
    name: 'body missing',
    request: ({ call }) => stop(call, undefined),
    status: 400,
    code: 'BadRequest',
    message: /body is required/,
  },
  {
    name: 'content type missing',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { headers: { 'content-type': undefined } }),
    status: 400,
    code: 'BadRequest',
    message: /'Content-Type: application\/json'; the header is missing/,
  },
  {
    name: 'content type not JSON',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN }, { headers: { 'content-type': 'text/plain' } }),
    status: 400,
    code: 'BadRequest',
    message: /not 'text\/plain'/,
  },
  {
    name: 'invalid JSON',
    request: ({ call }) => stop(call, '{"targetParticipant":'),
    status: 400,
    code: 'BadRequest',
    message: /not valid JSON/,
  },
  {
    name: 'JSON array body',
    request: ({ call }) => stop(call, [PSTN]),
    status: 400,
    code: 'BadRequest',
    message: /the body must be object/,
  },
  {
    name: 'targetParticipant missing',
    request: ({ call }) => stop(call, { operationContext: 'x' }),
    status: 400,
    code: 'BadRequest',
    message: /targetParticipant is required/,
  },
  {
    name: 'operationContext not a string',
    request: ({ call }) => stop(call, { targetParticipant: PSTN, operationContext: 5 }),
    status: 400,
    code: 'BadRequest',
    message: /operationContext must be string/,
  },
  {
    name: 'unknown property',
    request: ({ call }) => stop(call, { targetParticipant: PSTN, foo: 1 }),
    status: 400,
    code: 'BadRequest',
    message: /unknown property 'foo'/,
  },
  {
    name: 'identifier with two sub-objects',
    request: ({ call }) =>
      stop(call, { targetParticipant: { ...PSTN, communicationUser: { id: '8:acs:x' } } }),
    status: 400,
    code: 'BadRequest',
    message:
      /targetParticipant must set at most one of .*\(it sets communicationUser and phoneNumber\)/,
  },
  {
    name: 'identifier kind does not match',
    request: ({ call }) =>
      stop(call, {
        targetParticipant: { kind: 'communicationUser', phoneNumber: { value: '+1' } },
      }),
    status: 400,
    code: 'BadRequest',
    message: /targetParticipant.kind is 'communicationUser' but targetParticipant sets phoneNumber/,
  },
  {
    name: 'identifier empty',
    request: ({ call }) => stop(call, { targetParticipant: {} }),
    status: 400,
    code: 'BadRequest',
    message: /targetParticipant must identify a participant/,
  },
  {
    name: 'phone number missing its value',
    request: ({ call }) => stop(call, { targetParticipant: { phoneNumber: {} } }),
    status: 400,
    code: 'BadRequest',
    message: /targetParticipant.phoneNumber.value is required/,
  },
  {
    name: 'identifier kind not in the enum',
    request: ({ call }) => stop(call, { targetParticipant: { kind: 'fax', rawId: '4:+1' } }),
    status: 400,
    code: 'BadRequest',
    message: /targetParticipant.kind must be one of: unknown, communicationUser/,
  },
  {
    name: 'relative operationCallbackUri',
    request: ({ call }) => stop(call, { targetParticipant: PSTN, operationCallbackUri: '/cb' }),
    status: 400,
    code: 'BadRequest',
    message: /operationCallbackUri must be an absolute http or https URL \(got '\/cb'\)/,
  },
  {
    name: 'ftp operationCallbackUri',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN, operationCallbackUri: 'ftp://x/cb' }),
    status: 400,
    code: 'BadRequest',
    message: /operationCallbackUri must use http or https \(got 'ftp'\)/,
  },
  {
    name: 'createCall without callbackUri',
    request: () => ({
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: { targets: [PSTN] },
    }),
    status: 400,
    code: 'BadRequest',
    message: /callbackUri is required/,
  },
  {
    name: 'createCall with no targets',
    request: () => ({
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: { targets: [], callbackUri: 'http://127.0.0.1:9/cb' },
    }),
    status: 400,
    code: 'BadRequest',
    message: /targets must contain at least one participant/,
  },
  {
    name: 'createCall with a bad target',
    request: () => ({
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: { targets: [{ kind: 'phoneNumber' }], callbackUri: 'http://127.0.0.1:9/cb' },
    }),
    status: 400,
    code: 'BadRequest',
    message: /targets\[0\].kind is 'phoneNumber' but targets\[0\].phoneNumber is missing/,
  },
  {
    name: 'createCall callbackUri not a URL',
    request: () => ({
      method: 'POST',
      path: `/calling/callConnections?${V}`,
      body: { targets: [PSTN], callbackUri: 'localhost:3000/cb' },
    }),
    status: 400,
    code: 'BadRequest',
    message: /callbackUri must (be an absolute http or https URL|use http or https)/,
  },
  // state
  {
    name: 'unknown call',
    request: () => stop('00000000-0000-0000-0000-000000000000', { targetParticipant: PSTN }),
    status: 404,
    code: '8522',
    message: CALL_NOT_FOUND,
    inner: {
      code: 'CallNotFound',
      message: /Call connection '00000000-0000-0000-0000-000000000000' was not found.*createCall/,
    },
  },
  {
    name: 'participant not in the call',
    request: ({ call }) => stop(call, { targetParticipant: { rawId: '4:+10000000000' } }),
    status: 400,
    code: 'ParticipantNotFound',
    message:
      /Participant '4:\+10000000000' is not in call connection '[0-9a-f-]+'. Participants: 4:\+14255550123/,
  },
  {
    name: 'media operation on a connecting call',
    request: ({ connecting }) => stop(connecting, { targetParticipant: PSTN }),
    status: 400,
    code: 'CallNotConnected',
    message: /is 'connecting'; this operation needs a connected call/,
  },
  {
    name: 'media operation on an ended call',
    request: ({ ended }) => stop(ended, { targetParticipant: PSTN }),
    status: 404,
    code: '8522',
    message: CALL_NOT_FOUND,
    inner: { code: 'CallNotFound', message: /has ended \(disconnected at \d{4}-\d\d-\d\dT.*Z\)/ },
  },
  {
    name: 'get an ended call',
    request: ({ ended }) => ({ method: 'GET', path: `/calling/callConnections/${ended}?${V}` }),
    status: 404,
    code: '8522',
    message: CALL_NOT_FOUND,
    inner: { code: 'CallNotFound', message: /has ended \(disconnected at \d{4}-\d\d-\d\dT.*Z\)/ },
  },
  {
    name: 'hang up an ended call',
    request: ({ ended }) => ({ method: 'DELETE', path: `/calling/callConnections/${ended}?${V}` }),
    status: 404,
    code: '8522',
    message: CALL_NOT_FOUND,
    inner: { code: 'CallNotFound', message: /has ended \(disconnected at \d{4}-\d\d-\d\dT.*Z\)/ },
  },
  // routing and limits
  {
    name: 'unknown action',
    request: ({ call }) => ({
      method: 'POST',
      path: `/calling/callConnections/${call}:dance?${V}`,
      body: {},
    }),
    status: 404,
    code: 'NotFound',
    message: /No route matches POST \/calling\/callConnections\/.*:dance/,
  },
  {
    name: 'unknown top-level path',
    request: () => ({ method: 'GET', path: '/nothing-here' }),
    status: 404,
    code: 'NotFound',
    message: /No route matches GET \/nothing-here/,
  },
  {
    name: 'wrong method on a known path',
    request: ({ call }) => ({
      method: 'GET',
      path: `/calling/callConnections/${call}:stopContinuousDtmfRecognition?${V}`,
    }),
    status: 405,
    code: 'MethodNotAllowed',
    message: /GET is not allowed .* use POST/,
  },
  {
    name: 'body over the limit',
    request: ({ call }) =>
      stop(call, { targetParticipant: PSTN, operationContext: 'x'.repeat(1024 * 1024 + 1) }),
    status: 413,
    code: 'RequestEntityTooLarge',
    message: /larger than 1048576 bytes \(--body-limit-bytes\)/,
  },
];

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('ACS error paths', () => {
  let running: RunningEmulator;
  let slow: RunningEmulator;
  let listener: CallbackListener;
  const ids = { call: '', connecting: '', ended: '' };

  before(async () => {
    running = await startEmulator();
    slow = await startEmulator({ connectDelayMs: 600_000 });
    listener = await startCallbackListener();
    const client = running.client();
    const create = async () => {
      const created = await client.createCall(
        { targetParticipant: { phoneNumber: '+14255550123' } },
        listener.url(),
      );
      const id = created.callConnectionProperties.callConnectionId as string;
      await listener.waitFor(
        (c) => c.event.callConnectionId === id && c.event.kind === 'CallConnected',
      );
      return created;
    };
    ids.call = (await create()).callConnectionProperties.callConnectionId as string;
    const ended = await create();
    await ended.callConnection.hangUp(true);
    ids.ended = ended.callConnectionProperties.callConnectionId as string;
    const connecting = await slow
      .client()
      .createCall({ targetParticipant: { phoneNumber: '+14255550123' } }, listener.url());
    ids.connecting = connecting.callConnectionProperties.callConnectionId as string;
  });
  after(async () => {
    await running.stop();
    await slow.stop();
    await listener.close();
  });

  for (const row of ROWS) {
    it(`${row.name} -> ${row.status} ${row.code}`, async () => {
      const req = row.request(ids);
      const target = req.path.startsWith('/calling/callConnections/' + ids.connecting)
        ? slow
        : running;
      const res = await acsRequest(target.url, req);
      assert.equal(res.status, row.status, res.text);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.match(String(res.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
      assert.deepEqual(Object.keys(res.json), ['error']);
      assert.equal(res.json.error?.code, row.code);
      assert.match(res.json.error?.message ?? '', row.message);
      if (row.inner) {
        assert.equal(res.json.error?.innererror?.code, row.inner.code);
        assert.match(res.json.error?.innererror?.message ?? '', row.inner.message);
      } else assert.equal(res.json.error?.innererror, undefined);
      assert.doesNotMatch(res.text, /at .*\.(ts|js):\d+/, 'no stack trace reaches a client');
    });
  }

  it('405 names the allowed methods in Allow', async () => {
    const res = await acsRequest(running.url, {
      method: 'PUT',
      path: `/calling/callConnections/${ids.call}?${V}`,
    });
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, DELETE');
  });

  it('a rejected request changes no state and sends no event', async () => {
    const before = listener.received.length;
    await acsRequest(running.url, stop(ids.call, { targetParticipant: PSTN, foo: 1 }));
    const call = await running.admin(`/admin/calls/${ids.call}`);
    assert.equal(call.participants[0]?.continuousDtmfRecognition.active, false);
    // start + stop afterwards produce exactly one Stopped: nothing was queued by the bad request.
    await acsRequest(running.url, {
      ...stop(ids.call, { targetParticipant: PSTN }),
      path: `/calling/callConnections/${ids.call}:startContinuousDtmfRecognition?${V}`,
    });
    await acsRequest(
      running.url,
      stop(ids.call, { targetParticipant: PSTN, operationContext: 'after-bad' }),
    );
    const stopped = await listener.waitFor(
      (c) =>
        c.event.kind === 'ContinuousDtmfRecognitionStopped' &&
        c.event.callConnectionId === ids.call,
    );
    assert.equal(stopped.event.operationContext, 'after-bad');
    assert.equal(
      listener.received
        .slice(before)
        .filter((c) => c.event.kind === 'ContinuousDtmfRecognitionStopped').length,
      1,
    );
  });
});

describe('switches that relax the checks', () => {
  it('--accept-any-api-version accepts an unpublished version', async () => {
    const running = await startEmulator({ acceptAnyApiVersion: true });
    try {
      const res = await acsRequest(running.url, {
        method: 'GET',
        path: '/calling/callConnections/nope?api-version=2099-01-01',
      });
      assert.equal(res.status, 404, 'passes the version check and reaches the handler');
      assert.equal(res.json.error?.code, '8522');
      assert.equal(res.json.error?.innererror?.code, 'CallNotFound');
    } finally {
      await running.stop();
    }
  });

  it('--disable-auth accepts unsigned requests', async () => {
    const running = await startEmulator({ disableAuth: true });
    try {
      const res = await acsRequest(running.url, {
        method: 'GET',
        path: '/calling/callConnections/nope?api-version=2026-03-12',
        sign: false,
      });
      assert.equal(res.status, 404);
      assert.equal(res.json.error?.code, '8522');
      assert.equal(res.json.error?.innererror?.code, 'CallNotFound');
    } finally {
      await running.stop();
    }
  });

  it('a well-formed unexpired Bearer JWT is accepted', async () => {
    const running = await startEmulator();
    try {
      const token = jwt({
        aud: 'https://communication.azure.com',
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      const res = await acsRequest(running.url, {
        method: 'GET',
        path: '/calling/callConnections/nope?api-version=2026-03-12',
        sign: false,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 404);
      assert.equal(res.json.error?.code, '8522');
      assert.equal(res.json.error?.innererror?.code, 'CallNotFound');
    } finally {
      await running.stop();
    }
  });

  it('an x-ms-date ten minutes old (an SDK retry) is still inside the default window', async () => {
    const running = await startEmulator();
    try {
      const res = await acsRequest(running.url, {
        method: 'GET',
        path: '/calling/callConnections/nope?api-version=2026-03-12',
        date: new Date(Date.now() - 10 * 60_000),
      });
      assert.equal(res.status, 404);
    } finally {
      await running.stop();
    }
  });
});
