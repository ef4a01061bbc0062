/**
 * What the caller's keys did: POST /admin/calls/{id}/dtmf says, key by key, whether a recognize or
 * continuous recognition took it or why it was ignored (a prompt that cannot be interrupted, no
 * recognition running), journals the ignored keys, and with "when": "listening" waits on the
 * emulator clock until a recognize is past its prompt. Manual clock, supertest on the app.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { createEmulator } from '../../src/emulator.js';
import { testConfig } from '../helpers/emulator.js';

const API = '?api-version=2026-03-12';
const CALLBACK = 'http://127.0.0.1:9/callbacks';
const CALLER = '4:+14255550123';
const PSTN = { phoneNumber: { value: '+14255550123' } };
const PROMPT_MS = 2_000;

interface Key {
  tone: string;
  outcome: string;
  to?: string[];
  reason?: string;
}

describe('what the caller pressed keys did (manual clock)', () => {
  let app: Express;

  before(() => {
    app = createEmulator(
      testConfig({
        clock: 'manual',
        disableAuth: true,
        deliveryMaxAttempts: 1,
        playSourceDurationMs: PROMPT_MS,
      }),
    ).app;
  });

  const post = (path: string, body: object) =>
    request(app).post(`/calling/callConnections/${path}${API}`).send(body);
  const admin = (path: string, body: object = {}) => request(app).post(`/admin${path}`).send(body);
  const advance = async (ms: number) =>
    assert.equal((await admin('/clock/advance', { ms })).status, 200);
  const eventNames = async (id: string) =>
    (
      (await request(app).get(`/admin/events?callConnectionId=${id}`)).body.value as {
        type: string;
      }[]
    ).map((r) => r.type.replace('Microsoft.Communication.', ''));

  async function connectedCall(): Promise<string> {
    const res = await request(app)
      .post(`/calling/callConnections${API}`)
      .send({ targets: [PSTN], callbackUri: CALLBACK });
    assert.equal(res.status, 201);
    await advance(1_000);
    return res.body.callConnectionId as string;
  }
  const recognize = (id: string, interruptPrompt: boolean) =>
    post(`${id}:recognize`, {
      recognizeInputType: 'dtmf',
      playPrompt: { kind: 'file', file: { uri: 'https://example.test/menu.wav' } },
      recognizeOptions: {
        interruptPrompt,
        targetParticipant: { rawId: CALLER },
        initialSilenceTimeoutInSeconds: 5,
        dtmfOptions: { maxTonesToCollect: 2 },
      },
    });

  it('says keys pressed during a prompt that cannot be interrupted were ignored, and journals them', async () => {
    const id = await connectedCall();
    assert.equal((await recognize(id, false)).status, 202);
    const res = await admin(`/calls/${id}/dtmf`, { tones: '12', intervalMs: 0 });
    assert.equal(res.status, 202);
    // The fields the route answered before stay.
    assert.equal(res.body.callConnectionId, id);
    assert.equal(res.body.participant, CALLER);
    assert.deepEqual(res.body.tones, ['one', 'two']);
    assert.equal(res.body.when, 'now');
    const keys = res.body.keys as Key[];
    assert.deepEqual(
      keys.map((k) => [k.tone, k.outcome]),
      [
        ['one', 'ignored'],
        ['two', 'ignored'],
      ],
    );
    assert.match(keys[0]?.reason ?? '', /prompt was playing.*interruptPrompt is false/);

    const journal = (await request(app).get(`/admin/caller-actions?callConnectionId=${id}`)).body
      .value as { action: string; detail: Record<string, unknown> }[];
    assert.deepEqual(
      journal.map((a) => [a.action, a.detail.tone]),
      [
        ['dtmf', undefined],
        ['dtmfIgnored', 'one'],
        ['dtmfIgnored', 'two'],
      ],
    );
    assert.match(String(journal[1]?.detail.reason), /interruptPrompt is false/);
  });

  it('says a key was delivered to an interruptible recognize, and ignored with no recognition running', async () => {
    const id = await connectedCall();
    const none = await admin(`/calls/${id}/dtmf`, { tones: '5' });
    assert.deepEqual(none.body.keys, [
      {
        tone: 'five',
        outcome: 'ignored',
        reason:
          'no recognition running for this participant (no recognize, no continuous DTMF recognition)',
      },
    ]);
    assert.equal((await recognize(id, true)).status, 202);
    const res = await admin(`/calls/${id}/dtmf`, { tones: '1' });
    assert.deepEqual(res.body.keys, [{ tone: 'one', outcome: 'delivered', to: ['recognize'] }]);
  });

  it('"when": "listening" presses once the prompt ends, and the recognize completes with the keys', async () => {
    const id = await connectedCall();
    assert.equal((await recognize(id, false)).status, 202);
    const res = await admin(`/calls/${id}/dtmf`, { tones: '12', intervalMs: 0, when: 'listening' });
    assert.equal(res.status, 202);
    assert.equal(res.body.when, 'listening');
    assert.equal(res.body.waitMs, 30_000);
    assert.deepEqual(
      (res.body.keys as Key[]).map((k) => k.outcome),
      ['waiting', 'waiting'],
    );
    assert.ok(!(await eventNames(id)).includes('RecognizeCompleted'));
    await advance(PROMPT_MS + 10);
    await new Promise((resolve) => setImmediate(resolve));
    const names = await eventNames(id);
    assert.ok(names.includes('RecognizeCompleted'), names.join(', '));
    assert.ok(!names.includes('RecognizeFailed'));
    const journal = (await request(app).get(`/admin/caller-actions?callConnectionId=${id}`)).body
      .value as { action: string }[];
    assert.deepEqual(
      journal.map((a) => a.action),
      ['dtmf'],
    );
  });

  it('"when": "listening" gives up after waitMs and journals the keys as ignored', async () => {
    const id = await connectedCall();
    const res = await admin(`/calls/${id}/dtmf`, { tones: '9', when: 'listening', waitMs: 500 });
    assert.equal(res.status, 202);
    await advance(600);
    const journal = (await request(app).get(`/admin/caller-actions?callConnectionId=${id}`)).body
      .value as { action: string; detail: Record<string, unknown> }[];
    assert.equal(journal.at(-1)?.action, 'dtmfIgnored');
    assert.match(String(journal.at(-1)?.detail.reason), /within waitMs \(500 ms\)/);
  });

  it('refuses an unknown "when" and a waitMs without "when": "listening"', async () => {
    const id = await connectedCall();
    const bad = await admin(`/calls/${id}/dtmf`, { tones: '1', when: 'later' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /when must be "now".*or "listening"/);
    const stray = await admin(`/calls/${id}/dtmf`, { tones: '1', waitMs: 10 });
    assert.equal(stray.status, 400);
    assert.match(stray.body.error.message, /waitMs only applies/);
  });
});
