/**
 * HTTP layer for the caller features, with supertest on the app and the manual clock: every new
 * error path (bad tones, too many tones, non-PSTN target, unknown or reused incoming call
 * context, operations on a disconnected call) and simulated time that moves only when told.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createEmulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';
import { DEFAULTS } from '../../src/config.js';

const API = '?api-version=2026-03-12';
const CALLBACK = 'http://127.0.0.1:9/callbacks';
const CALLER = '4:+14255550123';
const PSTN = { phoneNumber: { value: '+14255550123' } };
const ACS_USER_ID =
  '8:acs:00000000-0000-0000-0000-000000000001_00000000-0000-0000-0000-0000000000aa';
const FILE = { kind: 'file', file: { uri: 'https://example.test/menu.wav' } };

interface EventRecord {
  type: string;
  event: { data: Record<string, unknown> };
}

describe('caller features over HTTP (manual clock)', () => {
  let app: Express;

  before(() => {
    const emulator = createEmulator(
      testConfig({ clock: 'manual', disableAuth: true, deliveryMaxAttempts: 1 }),
    );
    app = emulator.app;
  });

  const post = (path: string, body?: unknown) =>
    body === undefined
      ? request(app).post(`${path}${API}`)
      : request(app)
          .post(`${path}${API}`)
          .send(body as object);
  const admin = (path: string, body?: unknown) =>
    request(app)
      .post(`/admin${path}`)
      .send((body ?? {}) as object);
  const advance = async (ms: number) => {
    const res = await admin('/clock/advance', { ms });
    assert.equal(res.status, 200);
  };
  /** Short event names recorded for a call, in the order they were produced. */
  const events = async (id: string, type?: string): Promise<EventRecord[]> => {
    const res = await request(app).get(
      `/admin/events?callConnectionId=${id}${type ? `&type=${type}` : ''}`,
    );
    return res.body.value as EventRecord[];
  };
  const names = async (id: string) =>
    (await events(id)).map((r) => r.type.replace('Microsoft.Communication.', ''));

  async function call(target: object = PSTN, connect = true, extra: object = {}): Promise<string> {
    const res = await post('/calling/callConnections', {
      targets: [target],
      callbackUri: CALLBACK,
      ...extra,
    });
    assert.equal(res.status, 201);
    if (connect) await advance(1_000);
    return res.body.callConnectionId as string;
  }
  async function ended(): Promise<string> {
    const id = await call();
    assert.equal((await request(app).delete(`/calling/callConnections/${id}${API}`)).status, 204);
    return id;
  }
  async function incoming(): Promise<string> {
    const res = await admin('/incoming-calls', { from: CALLER, to: '4:+18005550100' });
    assert.equal(res.status, 201);
    return res.body.incomingCallContext as string;
  }
  const expectError = (
    res: request.Response,
    status: number,
    code: string,
    message?: RegExp,
  ): void => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.headers['content-type'] ?? '', /application\/json/);
    assert.equal(res.body.error.code, code);
    if (message) assert.match(res.body.error.message, message);
  };

  describe('sendDtmfTones', () => {
    const send = (id: string, body: object) =>
      post(`/calling/callConnections/${id}:sendDtmfTones`, {
        targetParticipant: { rawId: CALLER },
        ...body,
      });

    it('refuses a value outside the Tone enum', async () => {
      const res = await send(await call(), { tones: ['one', 'hash'] });
      expectError(res, 400, 'BadRequest', /tones\[1\] must be one of: zero, one/);
    });

    it('refuses more than 18 tones, and none', async () => {
      const id = await call();
      expectError(
        await send(id, { tones: Array(19).fill('one') }),
        400,
        'TooManyTones',
        /at most 18 tones.*has 19/,
      );
      expectError(await send(id, { tones: [] }), 400, 'BadRequest', /at least one tone/);
      assert.equal((await send(id, { tones: Array(18).fill('one') })).status, 202);
    });

    it('refuses a target that is not a phone number', async () => {
      const id = await call({ communicationUser: { id: ACS_USER_ID } });
      const res = await post(`/calling/callConnections/${id}:sendDtmfTones`, {
        tones: ['one'],
        targetParticipant: { communicationUser: { id: ACS_USER_ID } },
      });
      expectError(res, 400, 'InvalidTargetParticipant', /public telephone network.*8:acs:/);
    });

    it('refuses a phone number that is not in the call', async () => {
      const res = await post(`/calling/callConnections/${await call()}:sendDtmfTones`, {
        tones: ['one'],
        targetParticipant: { phoneNumber: { value: '+19995550000' } },
      });
      expectError(res, 400, 'ParticipantNotFound', /4:\+19995550000/);
    });

    it('answers 202 with the context and completes after tones x the per-tone time', async () => {
      const id = await call();
      const res = await send(id, { tones: ['one', 'two', 'pound'], operationContext: 'ctx' });
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, { operationContext: 'ctx' });
      await advance(299);
      assert.deepEqual(await names(id), ['CallConnected', 'ParticipantsUpdated']);
      await advance(1);
      assert.deepEqual(await names(id), [
        'CallConnected',
        'ParticipantsUpdated',
        'SendDtmfTonesCompleted',
      ]);
      const none = await send(id, { tones: ['one'] });
      assert.deepEqual(none.body, {});
    });

    it('fails the send when the call ends first', async () => {
      const id = await call();
      await send(id, { tones: ['one', 'two'], operationContext: 'late' });
      await request(app).delete(`/calling/callConnections/${id}${API}`);
      await advance(10_000);
      assert.deepEqual(await names(id), [
        'CallConnected',
        'ParticipantsUpdated',
        'SendDtmfTonesFailed',
        'CallDisconnected',
      ]);
    });
  });

  describe('the caller presses keys (POST /admin/calls/{id}/dtmf)', () => {
    it('names the bad character or item, and refuses empty input', async () => {
      const id = await call();
      expectError(
        await admin(`/calls/${id}/dtmf`, { tones: '12x' }),
        400,
        'BadRequest',
        /"x" at position 2/,
      );
      expectError(
        await admin(`/calls/${id}/dtmf`, { tones: ['one', 'hash'] }),
        400,
        'BadRequest',
        /tones\[1\]' is "hash"/,
      );
      expectError(await admin(`/calls/${id}/dtmf`, { tones: '' }), 400, 'BadRequest', /empty/);
      expectError(
        await admin(`/calls/${id}/dtmf`, { tones: '1', speed: 3 }),
        400,
        'BadRequest',
        /unknown property 'speed'/,
      );
      expectError(
        await admin(`/calls/${id}/dtmf`, { tones: '1', intervalMs: -1 }),
        400,
        'BadRequest',
        /intervalMs/,
      );
    });

    it('refuses a participant not in the call, an unknown call, a connecting or ended call', async () => {
      const id = await call();
      expectError(
        await admin(`/calls/${id}/dtmf`, { tones: '1', participant: '4:+19995550000' }),
        400,
        'ParticipantNotFound',
      );
      expectError(await admin('/calls/nope/dtmf', { tones: '1' }), 404, 'CallNotFound');
      const connecting = await call(PSTN, false);
      expectError(
        await admin(`/calls/${connecting}/dtmf`, { tones: '1' }),
        400,
        'CallNotConnected',
      );
      expectError(await admin(`/calls/${await ended()}/dtmf`, { tones: '1' }), 409, 'CallEnded');
    });

    it('spaces keys by intervalMs on the clock', async () => {
      const id = await call();
      await post(`/calling/callConnections/${id}:startContinuousDtmfRecognition`, {
        targetParticipant: { rawId: CALLER },
      });
      const res = await admin(`/calls/${id}/dtmf`, { tones: '12', intervalMs: 500 });
      assert.equal(res.status, 202);
      assert.deepEqual(res.body.tones, ['one', 'two']);
      const tones = async () =>
        (await events(id, 'ContinuousDtmfRecognitionToneReceived')).map((r) => [
          r.event.data.tone,
          r.event.data.sequenceId,
        ]);
      assert.deepEqual(await tones(), [['one', 1]]);
      await advance(499);
      assert.deepEqual(await tones(), [['one', 1]]);
      await advance(1);
      assert.deepEqual(await tones(), [
        ['one', 1],
        ['two', 2],
      ]);
    });
  });

  describe('incoming calls', () => {
    const answer = (context: string) =>
      post('/calling/callConnections:answer', {
        incomingCallContext: context,
        callbackUri: CALLBACK,
      });

    it('refuses an unknown context', async () => {
      expectError(
        await answer('no-such-context'),
        400,
        'InvalidIncomingCallContext',
        /'no-such-context' is not known/,
      );
      expectError(
        await post('/calling/callConnections:reject', { incomingCallContext: 'x' }),
        400,
        'InvalidIncomingCallContext',
      );
    });

    it('answers once: 200 with the call, then 409 naming the call connection', async () => {
      const context = await incoming();
      const first = await answer(context);
      assert.equal(first.status, 200);
      assert.equal(first.body.callConnectionState, 'connecting');
      assert.equal(first.body.source.rawId, CALLER);
      // As recorded: answeredFor holds only the number; the display name is the caller's number.
      assert.deepEqual(first.body.answeredFor, { value: '+18005550100' });
      assert.equal(first.body.sourceDisplayName, CALLER.slice(2));
      const again = await answer(context);
      expectError(
        again,
        409,
        'IncomingCallAlreadyHandled',
        new RegExp(`already answered \\(call connection '${first.body.callConnectionId}'\\)`),
      );
      expectError(
        await post('/calling/callConnections:redirect', {
          incomingCallContext: context,
          target: { rawId: '4:+14255550199' },
        }),
        409,
        'IncomingCallAlreadyHandled',
      );
    });

    it('expires when it rings past the timeout on the clock', async () => {
      const early = await incoming();
      const late = await incoming();
      await advance(29_999);
      assert.equal((await answer(early)).status, 200);
      await advance(1);
      expectError(await answer(late), 409, 'IncomingCallExpired', /--incoming-call-timeout-ms/);
      const list = await request(app).get('/admin/incoming-calls');
      const statuses = Object.fromEntries(
        (list.body.value as { incomingCallContext: string; status: string }[]).map((i) => [
          i.incomingCallContext,
          i.status,
        ]),
      );
      assert.equal(statuses[early], 'answered');
      assert.equal(statuses[late], 'expired');
    });

    it('refuses a malformed POST /admin/incoming-calls', async () => {
      expectError(
        await admin('/incoming-calls', { to: CALLER }),
        400,
        'BadRequest',
        /from is required/,
      );
      expectError(
        await admin('/incoming-calls', { from: { kind: 'phoneNumber' }, to: CALLER }),
        400,
        'BadRequest',
        /from/,
      );
      expectError(
        await admin('/incoming-calls', { from: CALLER, to: CALLER, webhookUrl: 'ftp://x/y' }),
        400,
        'BadRequest',
        /webhookUrl must use http or https/,
      );
      expectError(
        await admin('/incoming-calls', { from: CALLER, to: CALLER, colour: 'red' }),
        400,
        'BadRequest',
        /unknown property 'colour'/,
      );
    });
  });

  describe('operations on a disconnected call', () => {
    const cases: [string, string, object | undefined][] = [
      ['POST', ':play', { playSources: [FILE] }],
      [
        'POST',
        ':recognize',
        { recognizeInputType: 'dtmf', recognizeOptions: { targetParticipant: { rawId: CALLER } } },
      ],
      ['POST', ':sendDtmfTones', { tones: ['one'], targetParticipant: { rawId: CALLER } }],
      ['POST', ':cancelAllMediaOperations', undefined],
      ['GET', '/participants', undefined],
      ['GET', `/participants/${encodeURIComponent(CALLER)}`, undefined],
    ];
    for (const [method, suffix, body] of cases) {
      it(`${method} ${suffix} answers 404 saying the call has ended`, async () => {
        const id = await ended();
        const path = `/calling/callConnections/${id}${suffix}`;
        const res =
          method === 'GET' ? await request(app).get(`${path}${API}`) : await post(path, body);
        expectError(res, 404, '8522', /^Call not found\.$/);
        assert.equal(res.body.error.innererror.code, 'CallNotFound');
        assert.match(res.body.error.innererror.message, /has ended/);
      });
    }

    it('the caller cannot hang up twice', async () => {
      const id = await call();
      assert.equal((await admin(`/calls/${id}/hang-up`)).status, 202);
      expectError(await admin(`/calls/${id}/hang-up`), 409, 'CallEnded');
      expectError(await admin('/calls/nope/hang-up'), 404, 'CallNotFound');
    });
  });

  describe('play and recognize', () => {
    it('refuses empty or inconsistent play sources and playTo outside the call', async () => {
      const id = await call();
      const play = (body: object) => post(`/calling/callConnections/${id}:play`, body);
      expectError(await play({ playSources: [] }), 400, 'BadRequest', /at least one play source/);
      expectError(
        await play({ playSources: [{ kind: 'file', text: { text: 'hi' } }] }),
        400,
        'BadRequest',
        /playSources\[0\]\.kind is 'file' but playSources\[0\]\.file is missing/,
      );
      expectError(
        await play({ playSources: [FILE], playTo: [{ rawId: '4:+19995550000' }] }),
        400,
        'ParticipantNotFound',
      );
    });

    it('refuses recognize options that cannot work', async () => {
      const id = await call();
      expectError(
        await post(`/calling/callConnections/${id}:recognize`, {
          recognizeInputType: 'dtmf',
          recognizeOptions: {
            targetParticipant: { rawId: CALLER },
            dtmfOptions: { maxTonesToCollect: 0 },
          },
        }),
        400,
        'BadRequest',
        /maxTonesToCollect must be at least 1/,
      );
      expectError(
        await post(`/calling/callConnections/${id}:recognize`, {
          recognizeInputType: 'dtmf',
          recognizeOptions: {
            targetParticipant: { rawId: CALLER },
            dtmfOptions: { interToneTimeoutInSeconds: 0 },
          },
        }),
        400,
        'BadRequest',
        /interToneTimeoutInSeconds/,
      );
      expectError(
        await post(`/calling/callConnections/${id}:recognize`, {
          recognizeInputType: 'choices',
          recognizeOptions: { targetParticipant: { rawId: CALLER } },
        }),
        400,
        'BadRequest',
        /choices must hold at least one choice/,
      );
    });

    it('the default 5 s initial silence passes only when the clock is advanced', async () => {
      const id = await call();
      const res = await post(`/calling/callConnections/${id}:recognize`, {
        recognizeInputType: 'dtmf',
        recognizeOptions: { targetParticipant: { rawId: CALLER } },
        operationContext: 'silent',
      });
      assert.equal(res.status, 202);
      const view = await request(app).get(`/admin/calls/${id}`);
      assert.deepEqual(
        (view.body.mediaOperations as { kind: string; status: string }[]).map((o) => [
          o.kind,
          o.status,
        ]),
        [['recognize', 'listening']],
      );
      await advance(4_999);
      assert.deepEqual(await names(id), ['CallConnected', 'ParticipantsUpdated']);
      await advance(1);
      const [failed] = await events(id, 'RecognizeFailed');
      assert.equal(failed?.event.data.operationContext, 'silent');
      assert.deepEqual(failed?.event.data.resultInformation, {
        code: 400,
        subCode: 8510,
        message: 'Action failed, initial silence timeout reached.',
      });
    });

    it('a play of two sources lasts two simulated source durations', async () => {
      // A text source is text-to-speech, which needs a cognitive services endpoint.
      const id = await call(PSTN, true, {
        callIntelligenceOptions: { cognitiveServicesEndpoint: 'https://speech.example.test/' },
      });
      await post(`/calling/callConnections/${id}:play`, {
        playSources: [FILE, { kind: 'text', text: { text: 'Press 1' } }],
        operationContext: 'menu',
      });
      assert.deepEqual(await names(id), ['CallConnected', 'ParticipantsUpdated', 'PlayStarted']);
      await advance(1_999);
      assert.deepEqual(await names(id), ['CallConnected', 'ParticipantsUpdated', 'PlayStarted']);
      await advance(1);
      assert.deepEqual(await names(id), [
        'CallConnected',
        'ParticipantsUpdated',
        'PlayStarted',
        'PlayCompleted',
      ]);
    });
  });

  describe('participants and the control API views', () => {
    it('GET participants and one participant by raw id', async () => {
      const id = await call();
      const list = await request(app).get(`/calling/callConnections/${id}/participants${API}`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.body, {
        value: [
          {
            identifier: {
              kind: 'phoneNumber',
              rawId: CALLER,
              phoneNumber: { value: '+14255550123' },
            },
            isMuted: false,
            isOnHold: false,
          },
          {
            // An answered PSTN call also lists the resource's own identity.
            identifier: {
              kind: 'communicationUser',
              rawId: `8:acs:${DEFAULTS.acsResourceId}_00000000-0000-0000-0000-000000000000`,
              communicationUser: {
                id: `8:acs:${DEFAULTS.acsResourceId}_00000000-0000-0000-0000-000000000000`,
              },
            },
            isMuted: false,
            isOnHold: false,
          },
        ],
      });
      const one = await request(app).get(
        `/calling/callConnections/${id}/participants/${encodeURIComponent(CALLER)}${API}`,
      );
      assert.equal(one.status, 200);
      assert.equal(one.body.identifier.rawId, CALLER);
      expectError(
        await request(app).get(
          `/calling/callConnections/${id}/participants/${encodeURIComponent('4:+1999')}${API}`,
        ),
        404,
        'ParticipantNotFound',
      );
    });

    it('GET /admin/calls lists calls with their media state', async () => {
      const id = await call();
      const res = await request(app).get('/admin/calls');
      assert.equal(res.status, 200);
      const mine = (res.body.value as { callConnectionId: string; tonesPressed: string }[]).find(
        (c) => c.callConnectionId === id,
      );
      assert.equal(mine?.tonesPressed, '');
    });
  });
});
