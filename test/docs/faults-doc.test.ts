/**
 * docs/faults.md runs as written: every rule, action and control request the page shows is read
 * from the markdown and sent to a running emulator, which must take it with the status the page
 * says; the recipes' rules then do what the page says they do.
 */
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { DtmfTone, type FileSource } from '@azure/communication-call-automation';
import type { FaultRuleInput } from '../../src/index.js';
import { FAILABLE_OPERATIONS } from '../../src/faults/fault-rule.js';
import { useEmulator } from '../helpers/use-emulator.js';
import { readyLine, runCli } from '../helpers/cli-process.js';
import { EmulatorClient } from '../../src/index.js';
import { ofCall } from '../helpers/callback-listener.js';
import { PSTN, placeConnectedCall } from '../helpers/call-driver.js';
import { blocks, curls, readDoc, send } from './doc-blocks.js';

const DOC = readDoc('faults.md');
const API_ACTIONS = new Set(['error', 'delay', 'reset', 'hang']);
const TONE = 'ContinuousDtmfRecognitionToneReceived';
const AUDIO: FileSource = { kind: 'fileSource', url: 'https://example.test/a.wav' };

type Rule = FaultRuleInput & { action: { type: string } };

/**
 * The rules a ```json block holds: a rule, an array of rules, a config's `faults`, or a bare action
 * (given a match it can act on). One value per block, or one per line.
 */
function rulesOf(text: string): Rule[] {
  let values: unknown[];
  try {
    values = [JSON.parse(text)];
  } catch {
    values = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as unknown);
  }
  return values.flatMap((v): Rule[] => {
    if (Array.isArray(v)) return v as Rule[];
    const o = v as Record<string, unknown>;
    if ('faults' in o) return o.faults as Rule[];
    if ('action' in o) return [o as unknown as Rule];
    const action = o as Rule['action'];
    const match = API_ACTIONS.has(action.type)
      ? { operation: 'CreateCall' }
      : { eventType: 'CallConnected' };
    return [{ match, action } as Rule];
  });
}

/** Every `emulator.addFault({...})` of the page's ```ts blocks, its `callConnectionId` filled in. */
function tsRules(callConnectionId = 'call-1'): Rule[] {
  return blocks(DOC, 'ts').flatMap((b) =>
    [...b.text.matchAll(/emulator\.addFault\((\{[\s\S]*?\n\})\);/g)].map(
      // The page's object literals are TypeScript values, not JSON: evaluate them as written.
      (m) => new Function('callConnectionId', `return (${m[1]});`)(callConnectionId) as Rule,
    ),
  );
}

function tsRule(type: string, operation?: string): Rule {
  const found = tsRules().filter(
    (r) => r.action.type === type && (operation === undefined || r.match?.operation === operation),
  );
  assert.equal(found.length, 1, `one ts recipe with a ${type} rule`);
  return found[0] as Rule;
}

/** The records the journals section shows; `…` elides the rest of a record or of an id. */
function shownRecords(): Record<string, unknown>[] {
  const block = blocks(DOC, 'json').find((b) => b.under === 'The journals');
  assert.ok(block);
  return block.text
    .trim()
    .split(/\n(?=\{)/)
    .map((r) => JSON.parse(r.replace(/, … \}$/, ' }')) as Record<string, unknown>);
}

/** `actual` has every field `shown` has, with its value; a string ending in `…` is any string. */
function assertShows(actual: unknown, shown: unknown, at = 'record'): void {
  if (typeof shown === 'string' && shown.endsWith('…')) {
    assert.equal(typeof actual, 'string', at);
  } else if (Array.isArray(shown)) {
    assert.ok(Array.isArray(actual), at);
    assert.equal(actual.length, shown.length, at);
    shown.forEach((v, i) => assertShows((actual as unknown[])[i], v, `${at}[${i}]`));
  } else if (typeof shown === 'object' && shown !== null) {
    for (const [k, v] of Object.entries(shown)) {
      assertShows((actual as Record<string, unknown>)[k], v, `${at}.${k}`);
    }
    if (at.endsWith(']')) {
      // A fault mark has exactly the fields shown.
      assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(shown).sort(), at);
    }
  } else {
    assert.deepEqual(actual, shown, at);
  }
}

const shRequests = () => blocks(DOC, 'sh').flatMap((b) => curls(b.text));

describe('docs/faults.md', () => {
  const fx = useEmulator({ connectDelayMs: 0, seed: 7 }, { resetEach: true });

  it('every ```json rule and action is taken with 201 and stored as written', async () => {
    const jsonBlocks = blocks(DOC, 'json');
    // The journal block shows records with elisions (…), not something to send.
    const sendable = jsonBlocks.filter((b) => b.under !== 'The journals');
    assert.equal(jsonBlocks.length - sendable.length, 1);
    const rules = sendable.flatMap((b) => rulesOf(b.text));
    assert.ok(rules.length >= 14, `${rules.length} rules`);
    for (const rule of rules) {
      const reply = await send(
        {
          method: 'POST',
          url: 'http://127.0.0.1:8833/admin/faults',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(rule),
          shown: [],
        },
        fx.running.url,
      );
      assert.equal(reply.status, 201, `${JSON.stringify(rule)}: ${JSON.stringify(reply.body)}`);
      const stored = reply.body as Record<string, unknown>;
      assert.deepEqual(stored.action, rule.action);
      if (rule.id) assert.equal(stored.id, rule.id);
      if (rule.times) assert.equal(stored.times, rule.times);
      assert.equal(stored.hits, 0);
      await fx.control.clearFaults();
    }
  });

  it('the malformed rule is refused with exactly the 400 the page shows', async () => {
    const [http] = blocks(DOC, 'http');
    assert.ok(http);
    const [head, body] = http.text.split('\n\n') as [string, string];
    assert.match(head, /^HTTP\/1\.1 400 /);
    const shown = JSON.parse(body) as { error: { target: string } };
    assert.equal(shown.error.target, 'action.status');
    const rule = { match: { operation: 'CreateCall' }, action: { type: 'error', status: 600 } };
    const reply = await fetch(new URL('admin/faults', fx.running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    assert.equal(reply.status, 400);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await reply.json(), shown);
  });

  it('the failOperation table lists exactly the operations a rule can fail, with their events', () => {
    const rows = [...DOC.matchAll(/^\| `(\w+)`\s+\| `(\w+)`\s+\|/gm)].map((m) => [m[1], m[2]]);
    assert.deepEqual(
      Object.fromEntries(rows),
      Object.fromEntries(
        Object.entries(FAILABLE_OPERATIONS).map(([op, ev]) => [
          op,
          ev.replace('Microsoft.Communication.', ''),
        ]),
      ),
    );
    const said = /\*\*`match\.operation` is required\*\* and must be one of ([^.]+)\./.exec(DOC);
    assert.ok(said, 'the page says which operations failOperation takes');
    assert.doesNotMatch(said[1] as string, /\b(one|two|three|four|five|six)\b/);
  });

  it('every curl recipe is answered as the page says (201 to add, 204 to remove)', async () => {
    const requests = shRequests();
    assert.equal(requests.length, 6);
    // The remove recipe names the rule of the "Rules" section.
    await fx.control.addFault(rulesOf(blocks(DOC, 'json')[0]?.text ?? '')[0] as Rule);
    for (const curl of requests) {
      const reply = await send(curl, fx.running.url);
      const expected = curl.method === 'POST' ? 201 : 204;
      assert.equal(
        reply.status,
        expected,
        `${curl.method} ${curl.url}: ${JSON.stringify(reply.body)}`,
      );
    }
    assert.deepEqual(await fx.control.listFaults(), []);
  });

  it('every ts recipe rule is taken by EmulatorClient.addFault', async () => {
    const rules = tsRules();
    assert.equal(rules.length, 9);
    for (const rule of rules) {
      const stored = await fx.control.addFault(rule);
      assert.deepEqual(stored.action, rule.action);
    }
    assert.equal((await fx.control.listFaults()).length, 9);
  });

  it('throttle: the SDK rides out the 429 and the journal shows the statuses the page shows', async () => {
    const block = blocks(DOC, 'ts').find((b) => b.text.includes('tries.map'));
    assert.ok(block);
    const shown = /tries\.map\(\(r\) => r\.status\) -> (\[[\d, ]+\])/.exec(block.text);
    assert.ok(shown);
    await fx.control.addFault(tsRule('error', 'CallMedia_StopContinuousDtmfRecognition'));
    const client = fx.running.client({ maxRetries: 3 });
    const call = await placeConnectedCall(client, fx.control, fx.listener.url());
    const media = call.connection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN);
    await media.stopContinuousDtmfRecognition(PSTN);
    const tries = await fx.control.listRequests({
      operation: 'CallMedia_StopContinuousDtmfRecognition',
    });
    assert.deepEqual(
      tries.map((r) => r.status),
      JSON.parse(shown[1] as string),
    );
    assert.deepEqual(tries[0]?.faults?.[0]?.action, 'error');
  });

  it('flaky service: the probability rule fails some createCalls, the same ones after a reset', async () => {
    const rule = tsRule('error', 'CreateCall');
    const client = fx.running.client();
    const run = async () => {
      await fx.control.reset();
      await fx.control.addFault(rule);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(
          await client.createCall({ targetParticipant: PSTN }, fx.listener.url()).then(
            () => 201,
            (e: { statusCode?: number }) => e.statusCode ?? 0,
          ),
        );
      }
      return statuses;
    };
    const first = await run();
    assert.ok(first.includes(503) && first.includes(201), String(first));
    assert.deepEqual(await run(), first);
  });

  it('a connection reset: the request gets no answer and is journaled with status 0', async () => {
    await fx.control.addFault(tsRule('reset'));
    await assert.rejects(
      fx.running.client().createCall({ targetParticipant: PSTN }, fx.listener.url()),
    );
    const [record] = await fx.control.listRequests({ operation: 'CreateCall' });
    assert.equal(record?.status, 0);
    assert.deepEqual(record?.faults?.[0]?.action, 'reset');
  });

  it("a lost callback: CallConnected is never posted, and the page's listEvents finds it", async () => {
    await fx.control.addFault(tsRule('drop'));
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    const query = /emulator\.listEvents\((\{[^)]*\})\)/.exec(DOC);
    assert.ok(query);
    const dropped = await fx.control.listEvents(new Function(`return (${query[1]});`)() as object);
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]?.callConnectionId, call.id);
    assert.equal(fx.listener.received.filter(ofCall(call.id, 'CallConnected')).length, 0);
  });

  it('at-least-once: the curl duplicate rule posts RecognizeCompleted twice with one id', async () => {
    const curl = shRequests().find((c) => c.body?.includes('"duplicate"'));
    assert.ok(curl);
    assert.equal((await send(curl, fx.running.url)).status, 201);
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    await call.connection.getCallMedia().startRecognizing(PSTN, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1,
    });
    await fx.control.pressKeys(call.id, '5', { when: 'listening' });
    const copies = await fx.listener.waitForCount(ofCall(call.id, 'RecognizeCompleted'), 2);
    const ids = copies.map((c) => (c.body as { id: string }[])[0]?.id);
    assert.equal(ids[0], ids[1]);
  });

  it('out of order: with the reorder rule the webhook sees sequenceId 2, then 1', async () => {
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    const rule = tsRules(call.id).find((r) => r.action.type === 'reorder') as Rule;
    assert.equal(rule.match?.callConnectionId, call.id);
    await fx.control.addFault(rule);
    await call.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    await fx.control.pressKeys(call.id, '12');
    const tones = await fx.listener.waitForCount(ofCall(call.id, TONE), 2);
    assert.deepEqual(
      tones.map((t) => t.event.sequenceId),
      [2, 1],
    );
  });

  it('sendDtmfTones fails: the curl rule gives SendDtmfTonesFailed with its resultInformation', async () => {
    const curl = shRequests().find((c) => c.body?.includes('CallMedia_SendDtmfTones'));
    assert.ok(curl);
    assert.equal((await send(curl, fx.running.url)).status, 201);
    const { resultInformation } = (JSON.parse(curl.body as string) as Rule).action as {
      resultInformation: object;
    };
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    await call.connection.getCallMedia().sendDtmfTones([DtmfTone.One], PSTN);
    const failed = await fx.listener.waitFor(ofCall(call.id, 'SendDtmfTonesFailed'));
    assert.deepEqual(failed.event.resultInformation, resultInformation);
  });

  it("the audio file cannot be played: PlayFailed with the rule's result, no PlayStarted", async () => {
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    const rule = tsRules(call.id).find((r) => r.match?.operation === 'CallMedia_Play') as Rule;
    await fx.control.addFault(rule);
    await call.connection.getCallMedia().playToAll([AUDIO]);
    const failed = await fx.listener.waitFor(ofCall(call.id, 'PlayFailed'));
    assert.deepEqual(
      failed.event.resultInformation,
      (rule.action as { resultInformation: object }).resultInformation,
    );
    assert.equal(fx.listener.received.filter(ofCall(call.id, 'PlayStarted')).length, 0);
    const [record] = await fx.control.listRequests({ operation: 'CallMedia_Play' });
    assert.equal(record?.status, 202);
    assert.equal(record?.faults?.[0]?.action, 'failOperation');
  });

  it('a key not received: ToneFailed with the default result, and the next tone skips its id', async () => {
    await fx.control.addFault(tsRule('failTone'));
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    await call.connection.getCallMedia().startContinuousDtmfRecognition(PSTN);
    await fx.control.pressKeys(call.id, '12');
    const failed = await fx.listener.waitFor(
      ofCall(call.id, 'ContinuousDtmfRecognitionToneFailed'),
    );
    const defaults = /It defaults to (\d+) \/ (\d+) "([^"]+)"/.exec(DOC.replace(/\n\s*/g, ' '));
    assert.ok(defaults);
    assert.deepEqual(failed.event.resultInformation, {
      code: Number(defaults[1]),
      subCode: Number(defaults[2]),
      message: defaults[3],
    });
    const received = await fx.listener.waitFor(ofCall(call.id, TONE));
    assert.equal(received.event.sequenceId, 2);
  });
  it('the journals: each record the page shows is what the journal holds after that fault', async () => {
    const [throttled, hung, dropped, duplicated] = shownRecords();
    const marks = (r: unknown) =>
      ((r as { faults: { action: string }[] }).faults[0] as { action: string }).action;
    assert.deepEqual([throttled, hung, dropped, duplicated].map(marks), [
      'error',
      'hang',
      'drop',
      'duplicate',
    ]);
    // The "Rules" section's rule is the one the first record names.
    await fx.control.addFault(rulesOf(blocks(DOC, 'json')[0]?.text ?? '')[0] as Rule);
    await fx.control.addFault({
      match: { eventType: 'CallConnected' },
      action: { type: 'drop' },
      times: 1,
    });
    await fx.control.addFault({
      match: { eventType: 'PlayCompleted' },
      action: { type: 'duplicate' },
      times: 1,
    });
    await fx.control.addFault({
      match: { operation: 'CallConnection_GetCall' },
      action: { type: 'hang' },
      times: 1,
    });
    const call = await placeConnectedCall(
      fx.running.client({ maxRetries: 3 }),
      fx.control,
      fx.listener.url(),
    );
    const media = call.connection.getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN);
    await media.stopContinuousDtmfRecognition(PSTN);
    const [stop] = await fx.control.listRequests({
      operation: 'CallMedia_StopContinuousDtmfRecognition',
    });
    assertShows(stop, throttled);

    const [connected] = await fx.control.listEvents({
      type: 'CallConnected',
      callConnectionId: call.id,
    });
    assertShows(connected, dropped);

    await media.playToAll([AUDIO]);
    await fx.listener.waitForCount(ofCall(call.id, 'PlayCompleted'), 2);
    const plays = await fx.control.listEvents({ type: 'PlayCompleted', callConnectionId: call.id });
    assert.equal(plays.length, 2);
    assertShows(plays[1], duplicated);
    assert.equal((plays[0]?.faults?.[0] as { copy?: number } | undefined)?.copy, undefined);

    // A client that gives up on the hung request: the record is closed with status 0.
    await assert.rejects(
      fetch(new URL(`calling/callConnections/${call.id}?api-version=2026-03-12`, fx.running.url), {
        signal: AbortSignal.timeout(200),
      }),
    );
    let [get] = await fx.control.listRequests({ operation: 'CallConnection_GetCall' });
    for (let i = 0; i < 50 && get?.status !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      [get] = await fx.control.listRequests({ operation: 'CallConnection_GetCall' });
    }
    assertShows(get, hung);
  });

  it('slow API: the curl delay rule journals the wait it drew, within its range', async () => {
    const curl = shRequests().find((c) => c.body?.includes('"delay"'));
    assert.ok(curl);
    assert.equal((await send(curl, fx.running.url)).status, 201);
    const { minMs, maxMs } = (
      JSON.parse(curl.body as string) as { action: { minMs: number; maxMs: number } }
    ).action;
    const call = await placeConnectedCall(fx.running.client(), fx.control, fx.listener.url());
    await call.connection.getCallMedia().playToAll([AUDIO]);
    const [record] = await fx.control.listRequests({ operation: 'CallMedia_Play' });
    const mark = record?.faults?.[0] as { action: string; ms: number };
    assert.equal(mark.action, 'delay');
    assert.ok(Number.isInteger(mark.ms) && mark.ms >= minMs && mark.ms <= maxMs, String(mark.ms));
  });
  it('the control API table: POST stores the fields listed, GET has value and seed, 404 and 409 as said', async () => {
    const row =
      /\| `POST \/admin\/faults` +\| Adds a rule: `201` with the stored rule \(([^)]+)\)/.exec(DOC);
    assert.ok(row);
    const listed = [...(row[1] as string).matchAll(/`(\w+)`/g)].map((m) => m[1]).sort();
    const rule = rulesOf(blocks(DOC, 'json')[0]?.text ?? '')[0] as Rule;
    const stored = await fx.control.addFault(rule);
    assert.deepEqual(Object.keys(stored).sort(), listed);
    const list = await fetch(new URL('admin/faults', fx.running.url));
    assert.deepEqual(Object.keys((await list.json()) as object).sort(), ['seed', 'value']);
    assert.equal(await fx.control.faultSeed(), 7);
    const again = await fetch(new URL('admin/faults', fx.running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    assert.equal(again.status, 409);
    assert.equal(
      ((await again.json()) as { error: { code: string } }).error.code,
      'FaultRuleExists',
    );
    await fx.control.removeFault(rule.id as string);
    const gone = await fetch(new URL(`admin/faults/${rule.id}`, fx.running.url), {
      method: 'DELETE',
    });
    assert.equal(gone.status, 404);
    assert.equal(
      ((await gone.json()) as { error: { code: string } }).error.code,
      'FaultRuleNotFound',
    );
    await assert.rejects(
      fx.control.removeFault(rule.id as string),
      (e: { status?: number }) => e.status === 404,
    );
  });

  it('error: the default codes the page names, Retry-After, even for an unsigned request', async () => {
    const text = DOC.replace(/\n\s*/g, ' ');
    assert.match(
      text,
      /`TooManyRequests` for 429, `ServiceUnavailable` for 503, `InternalServerError`, `BadGateway`, `GatewayTimeout`, `RequestTimeout` and so on\. For other statuses it is `Http<status>`\./,
    );
    const names: [number, string][] = [
      [429, 'TooManyRequests'],
      [503, 'ServiceUnavailable'],
      [500, 'InternalServerError'],
      [502, 'BadGateway'],
      [504, 'GatewayTimeout'],
      [408, 'RequestTimeout'],
      [418, 'Http418'],
    ];
    for (const [status, code] of names) {
      await fx.control.reset();
      await fx.control.addFault({
        match: { operation: 'CreateCall' },
        action: { type: 'error', status, retryAfterSeconds: 2 },
      });
      // No Authorization and no api-version: the fault answers before either is checked.
      const reply = await fetch(new URL('calling/callConnections', fx.running.url), {
        method: 'POST',
        body: '{}',
      });
      assert.equal(reply.status, status);
      assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
      assert.ok(reply.headers.get('x-ms-request-id'));
      assert.equal(reply.headers.get('retry-after'), '2');
      assert.equal(((await reply.json()) as { error: { code: string } }).error.code, code);
    }
  });

  it('a rule that could never fire is refused with a 400 naming the field', async () => {
    const refused: [Rule, string][] = [
      [
        { match: { eventType: 'CallConnected' }, action: { type: 'error', status: 503 } } as Rule,
        'match.eventType',
      ],
      [{ match: { operation: 'CreateCall' }, action: { type: 'drop' } } as Rule, 'match.operation'],
      [
        { match: { operation: 'NoSuchOperation' }, action: { type: 'reset' } } as Rule,
        'match.operation',
      ],
      [{ match: { eventType: 'CallConect' }, action: { type: 'drop' } } as Rule, 'match.eventType'],
    ];
    for (const [rule, target] of refused) {
      const reply = await fetch(new URL('admin/faults', fx.running.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
      assert.equal(reply.status, 400, JSON.stringify(rule));
      const { error } = (await reply.json()) as { error: { code: string; target: string } };
      assert.equal(error.code, 'InvalidFaultRule');
      assert.equal(error.target, target, JSON.stringify(rule));
    }
  });
});

describe('docs/faults.md: rules at start', () => {
  const start = blocks(DOC, 'json').filter((b) => b.under === 'Rules at start');
  const errors = blocks(DOC).find((b) => b.under === 'Rules at start' && b.lang === '');
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'acs-faults-doc-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the --faults array and the config file load, inline rules first, so the file's last rule is tried first", async () => {
    assert.equal(start.length, 2);
    const [array, config] = start.map((b) => JSON.parse(b.text) as Record<string, unknown>) as [
      Rule[],
      { port: number; seed: number; faults: Rule[] },
    ];
    writeFileSync(join(dir, 'faults.json'), JSON.stringify(array));
    // The page's port is the default one; a test listens on a free port.
    writeFileSync(join(dir, 'emulator.json'), JSON.stringify({ ...config, port: 0 }));
    const run = runCli([
      '--config',
      join(dir, 'emulator.json'),
      '--faults',
      join(dir, 'faults.json'),
    ]);
    try {
      const control = new EmulatorClient((await readyLine(run)).url);
      const rules = await control.listFaults();
      assert.deepEqual(
        rules.map((r) => r.action),
        [...config.faults, ...array].map((r) => r.action).reverse(),
      );
      assert.equal(rules[1]?.id, 'slow-play');
      assert.equal(await control.faultSeed(), config.seed);
      await control.reset();
      assert.deepEqual(await control.listFaults(), []);
    } finally {
      run.child.kill('SIGTERM');
    }
    assert.equal(await run.exited, 0);
  });

  it('a bad file stops the start with exit code 2 and the line the page shows', async () => {
    assert.ok(errors);
    const shown = errors.text.trim().split('\n');
    assert.equal(shown.length, 3);
    const array = JSON.parse(start[0]?.text ?? '') as Rule[];
    const config = JSON.parse(start[1]?.text ?? '') as Record<string, unknown>;
    const badStatus = join(dir, 'bad-status.json');
    writeFileSync(
      badStatus,
      JSON.stringify([array[0], { ...array[1], action: { type: 'error', status: 600 } }]),
    );
    const truncated = join(dir, 'truncated.json');
    // Cut right after the opening bracket: the file ends where a rule should start.
    writeFileSync(truncated, '[');
    const badConfig = join(dir, 'bad-config.json');
    writeFileSync(
      badConfig,
      JSON.stringify({
        ...config,
        port: 0,
        faults: [{ match: { eventType: 'CallConect' }, action: { type: 'drop' } }],
      }),
    );
    const cases: [string[], string, string][] = [
      [['--faults', badStatus], './faults.json', badStatus],
      [['--faults', truncated], './faults.json', truncated],
      [['--config', badConfig], './emulator.json', badConfig],
    ];
    for (const [i, [args, docPath, path]] of cases.entries()) {
      const run = runCli(['--port', '0', ...args]);
      assert.equal(await run.exited, 2, run.stderr());
      const lines = run.stderr().trim().split('\n');
      assert.equal(lines.length, 1, run.stderr());
      const expected = (shown[i] as string).replace(docPath, path);
      if (expected.endsWith('…)')) {
        assert.ok(lines[0]?.startsWith(expected.slice(0, -2)), `${lines[0]}\n${expected}`);
      } else {
        assert.equal(lines[0], expected);
      }
    }
  });
});
