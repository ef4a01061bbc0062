/**
 * docs/caller-simulation.md runs as written: each curl of the page is read from the markdown and
 * sent to a running emulator, which answers with the status and fields the page shows, and the
 * caller then does what the page says (the IncomingCall event, the keys, the hang-up's events).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileSource } from '@azure/communication-call-automation';
import { DtmfTone } from '@azure/communication-call-automation';
import { useEmulator } from '../helpers/use-emulator.js';
import { ofCall, type ReceivedCallback } from '../helpers/callback-listener.js';
import { adminGet } from '../helpers/admin-client.js';
import { SETTINGS } from '../../src/config/settings.js';
import { blocks, curls, readDoc, send, type Curl } from './doc-blocks.js';

const DOC = readDoc('caller-simulation.md');
const REQUESTS = blocks(DOC, 'sh').flatMap((b) => curls(b.text));
const CALLER = { phoneNumber: '+14255550123' };
const PROMPT: FileSource = { kind: 'fileSource', url: 'https://example.test/prompt.wav' };
const TONE = 'ContinuousDtmfRecognitionToneReceived';

const requestsTo = (path: RegExp): Curl[] => REQUESTS.filter((c) => path.test(c.url));
const one = (path: RegExp): Curl => {
  const found = requestsTo(path);
  assert.equal(found.length, 1, `one curl to ${path}`);
  return found[0] as Curl;
};
/** The SDK's identifier, as a raw id (a user identifier carries it as communicationUserId). */
const rawIdOf = (id: unknown): string | undefined => {
  const i = id as { rawId?: string; communicationUserId?: string } | undefined;
  return i?.rawId ?? i?.communicationUserId;
};
/** The field names of the `# {...}` answer the page shows under a curl. */
const shownFields = (curl: Curl): string[] =>
  Object.keys(JSON.parse(curl.shown.join('\n').replace(/\.\.\."/g, '"')) as object).sort();
/** The field names of an answer the prose writes as `{"a","b":"c","d"?}` (optional ones marked). */
function proseFields(answer: string): { required: string[]; optional: string[] } {
  const names = [...answer.matchAll(/"(\w+)"(\?)?(?::"[^"]*")?/g)];
  return {
    required: names.filter((n) => !n[2]).map((n) => n[1] as string),
    optional: names.filter((n) => n[2]).map((n) => n[1] as string),
  };
}

describe('docs/caller-simulation.md', () => {
  const fx = useEmulator({ connectDelayMs: 0, playSourceDurationMs: 20, sendDtmfToneMs: 60_000 });

  it('has the six curl examples', () => {
    assert.equal(REQUESTS.length, 6);
  });

  /** Sends the page's incoming-call curl, its webhook pointed at this test's listener. */
  async function ring(): Promise<{ context: string; notice: ReceivedCallback; body: object }> {
    const curl = one(/\/admin\/incoming-calls$/);
    const body = (curl.body ?? '').replace(/http:\/\/127\.0\.0\.1:3000\//, fx.listener.url('/'));
    assert.notEqual(body, curl.body, 'the page names a local webhook');
    const reply = await send({ ...curl, body }, fx.running.url);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    const context = (reply.body as { incomingCallContext: string }).incomingCallContext;
    const notice = await fx.listener.waitFor(
      (c) =>
        c.event.kind === 'Microsoft.Communication.IncomingCall' &&
        c.event.incomingCallContext === context,
    );
    return { context, notice, body: reply.body as object };
  }

  async function answered(): Promise<{ id: string; context: string }> {
    const { context } = await ring();
    const client = fx.running.client();
    const answer = await client.answerCall(context, fx.listener.url());
    const id = answer.callConnectionProperties.callConnectionId as string;
    await fx.listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, context };
  }

  it('a caller rings: 201 with the fields shown, and one unsigned Event Grid IncomingCall at webhookUrl', async () => {
    const { notice, body } = await ring();
    assert.deepEqual(Object.keys(body).sort(), shownFields(one(/\/admin\/incoming-calls$/)));
    assert.equal(notice.path, '/api/incoming-call');
    assert.equal(notice.headers.authorization, undefined);
    const events = notice.body as Record<string, unknown>[];
    assert.equal(events.length, 1);
    const [event] = events as {
      eventType: string;
      subject: string;
      metadataVersion: string;
      dataVersion: string;
      data: { callerDisplayName: string };
    }[];
    assert.equal(event?.eventType, 'Microsoft.Communication.IncomingCall');
    assert.equal(event?.subject, '/caller/4:+14255550123/recipient/4:+18005550100');
    assert.equal(event?.metadataVersion, '1');
    assert.equal(event?.dataVersion, '1.0');
    assert.equal(event?.data.callerDisplayName, 'Alice');
    const list = await adminGet<{
      value: {
        incomingCallContext: string;
        status: string;
        webhook: { status: string; eventId: string };
      }[];
    }>(fx.running.url, 'admin/incoming-calls');
    const entry = list.body.value.find(
      (c) => c.incomingCallContext === notice.event.incomingCallContext,
    );
    assert.equal(entry?.status, 'ringing');
    assert.equal(entry?.webhook.status, 'delivered');
    // webhook.eventId is the record in GET /admin/events, like every callback's.
    const records = await fx.control.listEvents({ type: 'IncomingCall' });
    assert.ok(records.some((r) => r.id === entry?.webhook.eventId));
  });

  it('the answered call has the caller as source, the resource as target, and answers once', async () => {
    const { context } = await ring();
    const client = fx.running.client();
    const answer = await client.answerCall(context, fx.listener.url());
    const props = answer.callConnectionProperties;
    assert.equal((props.source as { rawId?: string }).rawId, '4:+14255550123');
    // `to` is a phone number: the target is the resource's own identity, as the page says.
    const { targetParticipants } = await answer.callConnection.getCallConnectionProperties();
    assert.match(String(rawIdOf(targetParticipants?.[0])), /^8:acs:.+_00000000-/);
    assert.deepEqual(props.answeredFor, { phoneNumber: '+18005550100' });
    const listed = await answer.callConnection.listParticipants();
    const raw = (listed.values ?? []).map((p) => rawIdOf(p.identifier));
    assert.equal(raw[0], '4:+14255550123');
    assert.match(raw[1] ?? '', /^8:acs:/);
    await assert.rejects(
      client.answerCall(context, fx.listener.url()),
      (e: { statusCode?: number; code?: string }) => {
        assert.equal(e.statusCode, 409);
        assert.equal(e.code, 'IncomingCallAlreadyHandled');
        return true;
      },
    );
  });

  it('the dtmf curls: 202 with the fields the page lists, and the keys reach the recognitions', async () => {
    const { id } = await answered();
    const media = (await fx.running.client().getCallConnection(id)).getCallMedia();
    await media.startContinuousDtmfRecognition(CALLER);
    const [now, spaced, listening] = requestsTo(/\/dtmf$/) as [Curl, Curl, Curl];
    const answer = /The answer is 202 `(\{[^`]+\})`/.exec(DOC);
    assert.ok(answer, 'the page says what a press answers');
    const { required, optional } = proseFields(answer[1] as string);

    const first = await send(now, fx.running.url, { CALL: id });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const fields = Object.keys(first.body as object);
    for (const f of required) assert.ok(fields.includes(f), `${f} in ${fields.join()}`);
    for (const f of fields)
      assert.ok(required.includes(f) || optional.includes(f), `${f} is listed`);
    const keys = (first.body as { keys: { tone: string; outcome: string; to?: string[] }[] }).keys;
    assert.deepEqual(
      keys.map((k) => [k.outcome, k.to]),
      Array(5).fill(['delivered', ['continuousRecognition']]),
    );

    const second = await send(spaced, fx.running.url, { CALL: id });
    assert.equal(second.status, 202, JSON.stringify(second.body));
    assert.deepEqual(
      (second.body as { keys: { outcome: string }[] }).keys.map((k) => k.outcome),
      ['delivered', 'scheduled', 'scheduled'],
    );
    const tones = await fx.listener.waitForCount(ofCall(id, TONE), 8);
    assert.deepEqual(
      tones.map((t) => [t.event.sequenceId, t.event.tone]),
      ['one', 'two', 'three', 'four', 'pound', 'five', 'asterisk', 'nine'].map((tone, i) => [
        i + 1,
        tone,
      ]),
    );
    assert.equal((await fx.control.getCall(id)).tonesPressed, '1234#5*9');

    // "listening": the keys wait for a recognize that is past its prompt.
    const third = await send(listening, fx.running.url, { CALL: id });
    assert.equal(third.status, 202, JSON.stringify(third.body));
    assert.equal((third.body as { waitMs: number }).waitMs, 10_000);
    assert.ok(
      (third.body as { keys: { outcome: string }[] }).keys.every((k) => k.outcome === 'waiting'),
    );
    await media.startRecognizing(CALLER, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 4,
      stopDtmfTones: [DtmfTone.Pound],
      playPrompt: PROMPT,
    });
    const done = await fx.listener.waitFor(ofCall(id, 'RecognizeCompleted'));
    assert.deepEqual(done.event.resultInformation?.subCode, 8531);
  });

  it("the hang-up curl: 202, then the events in the page's order, ending with 200 / 5001", async () => {
    const { id } = await answered();
    const media = (await fx.running.client().getCallConnection(id)).getCallMedia();
    await media.startRecognizing(CALLER, {
      kind: 'callMediaRecognizeDtmfOptions',
      initialSilenceTimeoutInSeconds: 300,
    });
    await media.startContinuousDtmfRecognition(CALLER, { operationContext: 'cont' });
    await media.sendDtmfTones([DtmfTone.One], CALLER);
    const hangUp = one(/\/hang-up$/);
    const reply = await send(hangUp, fx.running.url, { CALL: id });
    assert.equal(reply.status, 202);
    const shown = /Answers 202 `\{"callConnectionId","endedBy":"(\w+)"\}`/.exec(DOC);
    assert.ok(shown, 'the page shows the hang-up answer');
    assert.deepEqual(reply.body, { callConnectionId: id, endedBy: shown[1] });
    const last = await fx.listener.waitFor(ofCall(id, 'CallDisconnected'));
    const after = fx.listener.received.filter(ofCall(id)).map((c) => c.event.kind);
    assert.deepEqual(after.slice(after.indexOf('RecognizeFailed')), [
      'RecognizeFailed',
      'ContinuousDtmfRecognitionStopped',
      'SendDtmfTonesFailed',
      'CallDisconnected',
    ]);
    const stopped = fx.listener.received.find(ofCall(id, 'ContinuousDtmfRecognitionStopped'));
    assert.equal(stopped?.event.operationContext, 'cont');
    const message = /200 \/ 5001 \(`([^`]+)`\)/.exec(DOC);
    assert.ok(message);
    assert.deepEqual(last.event.resultInformation, {
      code: 200,
      subCode: 5001,
      message: message[1],
    });

    const again = await send(hangUp, fx.running.url, { CALL: id });
    assert.equal(again.status, 409);
    assert.equal((again.body as { error: { code: string } }).error.code, 'CallEnded');
    const press = await send(requestsTo(/\/dtmf$/)[0] as Curl, fx.running.url, { CALL: id });
    assert.equal(press.status, 409);
    const unknown = await send(requestsTo(/\/dtmf$/)[0] as Curl, fx.running.url, {
      CALL: 'no-such-call',
    });
    assert.equal(unknown.status, 404);
    assert.equal((unknown.body as { error: { code: string } }).error.code, 'CallNotFound');
  });
});

describe('docs/caller-simulation.md with --clock manual', () => {
  const fx = useEmulator({ clock: 'manual' });

  it('the clock-advance curl moves the clock by its ms and answers the fields shown', async () => {
    const curl = one(/\/admin\/clock\/advance$/);
    const { ms } = JSON.parse(curl.body ?? '') as { ms: number };
    const first = await send(curl, fx.running.url);
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.body as object).sort(), shownFields(curl));
    const second = await send(curl, fx.running.url);
    const at = (r: { body: unknown }) => Date.parse((r.body as { now: string }).now);
    assert.equal(at(second) - at(first), ms);
  });
});

describe('docs/caller-simulation.md settings', () => {
  it('the timings table gives each flag its environment twin and its default', () => {
    const section = DOC.slice(DOC.indexOf('## Simulated timings'), DOC.indexOf('## Errors added'));
    const rows = [
      ...section.matchAll(/^\| [^|]+\| `(--[\w-]+)` \/ `(\w+)`[^|]*\| (\w+)(?: ms)?\s*\|$/gm),
    ];
    assert.equal(rows.length, 6);
    for (const [, flag, env, shown] of rows) {
      const setting = SETTINGS.find((x) => x.flag === flag);
      assert.ok(setting, `${flag} is a setting`);
      assert.equal(setting.env, env);
      if (shown === 'none') assert.ok(!setting.default, `${flag} is unset by default`);
      else assert.equal(setting.default, Number(shown), flag);
    }
  });

  it("the prose defaults of the caller settings are the settings' defaults", () => {
    const text = DOC.replace(/\n\s*/g, ' ');
    const said: [string, RegExp][] = [
      ['--max-caller-tones', /`--max-caller-tones` keys \((\d+) by default\)/],
      ['--caller-tone-interval-ms', /Default `--caller-tone-interval-ms`, which is (\d+)\./],
    ];
    for (const [flag, pattern] of said) {
      const found = pattern.exec(text);
      assert.ok(found, `the page states the default of ${flag}`);
      assert.equal(SETTINGS.find((x) => x.flag === flag)?.default, Number(found[1]));
    }
  });
});
