/**
 * docs/callbacks.md runs as written: its example callback, discovery documents, journal record and
 * 408 body are compared with what a running emulator really sends; its curl lines are sent (the
 * doc's 127.0.0.1:8833 and call id pointed at this emulator and call); its `ts` blocks are written
 * out and imported, the `jose` verifier against a real callback's token.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { useEmulator } from '../helpers/use-emulator.js';
import { ofCall, type ReceivedCallback } from '../helpers/callback-listener.js';
import { PSTN } from '../helpers/call-driver.js';
import { EmulatorClientError } from '../../src/index.js';
import { envTwin, loadConfig } from '../../src/config.js';
import { adminPost } from '../helpers/admin-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = readFileSync(`${ROOT}docs/callbacks.md`, 'utf8');
// Inside node_modules so the examples' package imports resolve; `.mts` for top-level await.
const OUT = `${ROOT}node_modules/.cache/acs-docs/`;
const DOC_HOST = '127.0.0.1:8833';
const DOC_CALL = '421f0b00-…';

/** The fenced blocks of one language, in page order. */
const blocks = (lang: string) =>
  [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');

/** The doc's curl lines, as URLs on the test's emulator. */
function curlUrls(block: string, host: string, call = DOC_CALL): string[] {
  return [...block.matchAll(/curl -s '?(http[^'\s]+)'?/g)].map((m) =>
    (m[1] ?? '').replace(DOC_HOST, host).replace(DOC_CALL, call),
  );
}

/** The console block whose text contains `marker`. */
function consoleBlock(marker: string): string {
  const found = blocks('console').find((b) => b.includes(marker));
  assert.ok(found, `docs/callbacks.md has a console block with ${marker}`);
  return found;
}

const keys = (o: object) => Object.keys(o).sort();

/** A 127.0.0.1 port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Writes a ts block out and imports it, with its `acs-call-emulator` import pointed at src. */
async function importBlock<T>(name: string, source: string, host: string): Promise<T> {
  mkdirSync(OUT, { recursive: true });
  const file = `${OUT}callbacks-${name}-${process.pid}.mts`;
  writeFileSync(
    file,
    source
      .replace("from 'acs-call-emulator'", `from '${ROOT}src/index.ts'`)
      .replaceAll(DOC_HOST, host),
  );
  return (await import(pathToFileURL(file).href)) as T;
}

describe('docs/callbacks.md', () => {
  const fx = useEmulator({ connectDelayMs: 0 });
  const host = () => new URL(fx.running.url).host;

  async function connectedCall(): Promise<{ id: string; callback: ReceivedCallback }> {
    const created = await fx.running
      .client()
      .createCall({ targetParticipant: PSTN }, fx.listener.url('/api/callbacks'));
    const id = created.callConnectionProperties.callConnectionId ?? '';
    const callback = await fx.listener.waitFor(ofCall(id, 'CallConnected'));
    return { id, callback };
  }

  /** Starts and stops continuous DTMF recognition, so ContinuousDtmfRecognitionStopped is sent. */
  async function stopDtmf(id: string, operationContext: string): Promise<void> {
    const media = fx.running.client().getCallConnection(id).getCallMedia();
    await media.startContinuousDtmfRecognition(PSTN);
    await media.stopContinuousDtmfRecognition(PSTN, { operationContext });
  }

  it('the example callback has the shape and values of a real CallConnected', async () => {
    const { id, callback } = await connectedCall();
    const http = blocks('http').find((b) => b.startsWith('POST '));
    assert.ok(http);
    const [head = '', body = ''] = http.split('\n\n');
    const docEvent = (JSON.parse(body) as Record<string, unknown>[])[0] as Record<string, unknown>;
    const realEvent = (callback.body as Record<string, unknown>[])[0] as Record<string, unknown>;
    assert.equal((callback.body as unknown[]).length, 1);
    assert.deepEqual(keys(realEvent), keys(docEvent));
    const docData = docEvent.data as Record<string, unknown>;
    const realData = realEvent.data as Record<string, unknown>;
    assert.deepEqual(keys(realData), keys(docData));
    for (const field of ['type', 'specversion', 'datacontenttype'])
      assert.equal(realEvent[field], docEvent[field], field);
    assert.deepEqual(realData.resultInformation, docData.resultInformation);
    assert.equal(realData.publicEventType, docData.publicEventType);
    assert.equal(realEvent.source, (docEvent.source as string).replace(DOC_CALL, id));
    assert.equal(realEvent.subject, (docEvent.subject as string).replace(DOC_CALL, id));
    assert.match(head, /^Content-Type: application\/json$/m);
    assert.match(callback.headers['content-type'] ?? '', /^application\/json/);
    // The doc's token starts with the header {"alg":"RS256","typ":"JWT","kid":"..."}: the real one
    // carries the same header up to the kid's value.
    const docToken = /Authorization: Bearer (\S+?)\.\.\./.exec(head)?.[1] ?? '';
    const docHeader = JSON.parse(Buffer.from(docToken, 'base64url').toString()) as object;
    const realToken = (callback.headers.authorization ?? '').replace(/^Bearer /, '');
    const realHeader = JSON.parse(
      Buffer.from(realToken.split('.')[0] ?? '', 'base64url').toString(),
    ) as object;
    assert.deepEqual(keys(realHeader), keys(docHeader));
    assert.deepEqual({ ...realHeader, kid: '...' }, docHeader);
  });

  it('the discovery documents are served as the curl lines show', async () => {
    const block = consoleBlock('acsopenidconfiguration');
    const urls = curlUrls(block, host());
    const outputs = block
      .split('\n')
      .filter((l) => !l.startsWith('$'))
      .join('\n')
      .split(/\n(?=\{)/)
      .map((text) => JSON.parse(text.replaceAll(DOC_HOST, host())) as Record<string, unknown>);
    assert.equal(urls.length, 2);
    assert.equal(outputs.length, 2);
    const [config, jwks] = await Promise.all(urls.map(async (u) => (await fetch(u)).json()));
    const docConfig = outputs[0] as Record<string, unknown>;
    assert.deepEqual(config, docConfig);
    const docKey = (outputs[1]?.keys as Record<string, unknown>[])[0] as Record<string, unknown>;
    const realKey = (jwks as { keys: Record<string, unknown>[] }).keys[0] ?? {};
    assert.deepEqual(keys(realKey), keys(docKey));
    assert.deepEqual({ ...realKey, n: '…', kid: '…' }, docKey);
  });

  it('the jose verifier accepts a real callback token and refuses a tampered one', async () => {
    const { callback } = await connectedCall();
    const jose = blocks('ts').find((b) => b.includes("from 'jose'"));
    assert.ok(jose);
    process.env.ACS_OIDC_BASE = fx.running.url.replace(/\/$/, '');
    process.env.ACS_RESOURCE_ID = /default: (\S+)/.exec(jose)?.[1];
    const { verifyCallback } = await importBlock<{
      verifyCallback: (authorization: string | undefined) => Promise<void>;
    }>('jose', jose, host());
    const authorization = callback.headers.authorization;
    await verifyCallback(authorization);
    const [h, p, s = ''] = (authorization ?? '').split('.');
    const tampered = `${h}.${p}.${s.slice(0, -4)}${s.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await assert.rejects(verifyCallback(tampered));
    process.env.ACS_RESOURCE_ID = 'some-other-resource';
    await assert.rejects(verifyCallback(authorization), /aud/);
  });

  it('the token carries the claims of the claims table', async () => {
    const { callback } = await connectedCall();
    const table = DOC.slice(DOC.indexOf('## Signed webhooks'), DOC.indexOf('Like a token issuer'));
    const token = (callback.headers.authorization ?? '').replace(/^Bearer /, '');
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    const named = [...table.matchAll(/^\| `(\w+)`(?:, `(\w+)`)? +\|/gm)].flatMap((m) =>
      [m[1], m[2]].filter((k): k is string => k !== undefined),
    );
    assert.deepEqual(keys(claims), [...named].sort());
    assert.equal(claims.iss, fx.running.url.replace(/\/$/, ''));
    assert.equal(claims.aud, /default \*\*`([\w-]+)`\*\*/.exec(table)?.[1]);
    assert.equal(claims.nbf, claims.iat);
    const lifetime = Number(/`iat` \+ (\d+)/.exec(table)?.[1]);
    assert.equal((claims.exp as number) - (claims.iat as number), lifetime);
    assert.match(
      claims.jti as string,
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
  });

  it('a journal record has the fields the example record shows', async () => {
    const { id } = await connectedCall();
    const json = blocks('json').find((b) => b.includes('"attempts"'));
    assert.ok(json);
    const docKeys = [...json.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1]).sort();
    const attemptKeys = [...json.matchAll(/\{ "at": [^}]*\}/g)].map((m) =>
      keys(JSON.parse(m[0]) as object),
    );
    const rec = await fx.control.waitForEvent({
      callConnectionId: id,
      type: 'CallConnected',
      status: 'delivered',
      timeoutMs: 5_000,
    });
    assert.deepEqual(keys(rec), docKeys);
    const answered = keys({ at: 0, status: 0, durationMs: 0 }).join();
    const refused = keys({ at: 0, error: '', durationMs: 0 }).join();
    assert.deepEqual(
      [...new Set(attemptKeys.map((k) => k.join()))].sort(),
      [answered, refused].sort(),
    );
    assert.deepEqual(
      rec.attempts.map((a) => keys(a).join()),
      [answered],
    );
    // An attempt with no answer: the doc's `error` shape and wording.
    const docError = /"error": "(connect ECONNREFUSED) 127\.0\.0\.1:\d+"/.exec(json)?.[1];
    assert.ok(docError);
    const closed = `http://127.0.0.1:${await closedPort()}/api/callbacks`;
    const dead = await fx.running.client().createCall({ targetParticipant: PSTN }, closed);
    const failed = await fx.control.waitForEvent({
      callConnectionId: dead.callConnectionProperties.callConnectionId,
      status: 'failed',
      timeoutMs: 10_000,
    });
    assert.ok(failed.attempts.length > 1);
    for (const a of failed.attempts) {
      assert.equal(keys(a).join(), refused);
      assert.equal(a.error, `${docError} ${new URL(closed).host}`);
    }
    assert.equal(rec.url, fx.listener.url('/api/callbacks'));
  });

  it('the GET /admin/events and /admin/requests curl lines answer 200 with the matching records', async () => {
    const { id } = await connectedCall();
    await stopDtmf(id, 'dtmf-stop');
    const urls = [
      ...curlUrls(consoleBlock('admin/events?callConnectionId'), host(), id),
      ...curlUrls(consoleBlock('admin/requests?'), host(), id),
    ];
    assert.equal(urls.length, 4);
    for (const u of urls) {
      const res = await fetch(u);
      assert.equal(res.status, 200, u);
      const { value } = (await res.json()) as { value: Record<string, unknown>[] };
      assert.ok(Array.isArray(value), u);
      if (u.includes('type=ContinuousDtmfRecognitionStopped'))
        assert.deepEqual(
          value.map((r) => [r.type, r.callConnectionId]),
          [['Microsoft.Communication.ContinuousDtmfRecognitionStopped', id]],
        );
      if (u.includes('operation=CreateCall')) {
        assert.ok(value.length > 0);
        assert.ok(value.every((r) => r.operation === 'CreateCall'));
      }
      if (u.includes('requests?callConnectionId'))
        assert.ok(value.some((r) => r.operation === 'CreateCall' && r.callConnectionId === id));
    }
  });

  it('GET /admin/events/wait answers the first match, and the 408 the doc shows', async () => {
    const { id } = await connectedCall();
    const [delivered, byContext] = curlUrls(consoleBlock('events/wait?'), host(), id);
    assert.ok(delivered && byContext);
    const res = await fetch(delivered);
    assert.equal(res.status, 200);
    const rec = (await res.json()) as { status: string; type: string; callConnectionId: string };
    assert.equal(rec.status, 'delivered');
    assert.equal(rec.type, 'Microsoft.Communication.CallConnected');
    assert.equal(rec.callConnectionId, id);
    const context = /operationContext=([^&]+)/.exec(byContext)?.[1] ?? '';
    const waiting = fetch(byContext);
    await stopDtmf(id, context);
    const stopped = await waiting;
    assert.equal(stopped.status, 200);
    const stoppedRec = (await stopped.json()) as { type: string; event: { data: object } };
    assert.equal(stoppedRec.type, 'Microsoft.Communication.ContinuousDtmfRecognitionStopped');
    assert.equal((stoppedRec.event.data as { operationContext: string }).operationContext, context);

    const http = blocks('http').find((b) => b.startsWith('HTTP/1.1 408'));
    assert.ok(http);
    const expected = JSON.parse(http.split('\n\n')[1] ?? '') as { error: { message: string } };
    const within = /within (\d+) ms/.exec(expected.error.message)?.[1];
    const timeout = await fetch(
      `${fx.running.url}admin/events/wait?type=PlayCompleted&timeoutMs=${within}`,
    );
    assert.equal(timeout.status, 408);
    const mediaType = timeout.headers.get('content-type')?.split(';')[0];
    assert.match(http, new RegExp(`^Content-Type: ${mediaType}$`, 'm'));
    assert.deepEqual(await timeout.json(), expected);
  });

  it('redelivery answers as the doc says: 404 unknown, 409 delivered, 202 for a call', async () => {
    const { id } = await connectedCall();
    assert.match(DOC, /`POST \/admin\/events\/\{id\}\/redeliver` answers 202/);
    assert.match(DOC, /404\s+`EventNotFound`/);
    assert.match(DOC, /409 `EventNotRedeliverable`/);
    const missing = await adminPost<{ error: { code: string } }>(
      fx.running.url,
      'admin/events/nope/redeliver',
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'EventNotFound');
    const rec = await fx.control.waitForEvent({
      callConnectionId: id,
      status: 'delivered',
      timeoutMs: 5_000,
    });
    const delivered = await adminPost<{ error: { code: string } }>(
      fx.running.url,
      `admin/events/${rec.id}/redeliver`,
    );
    assert.equal(delivered.status, 409);
    assert.equal(delivered.body.error.code, 'EventNotRedeliverable');
    const none = await adminPost<unknown>(fx.running.url, `admin/calls/${id}/events/redeliver`);
    assert.equal(none.status, 202);
    assert.deepEqual(
      Array.isArray(none.body) ? none.body : (none.body as { value: unknown[] }).value,
      [],
    );
    // A failed event (its webhook gone) goes back to pending, keeping its id.
    const closed = `http://127.0.0.1:${await closedPort()}/api/callbacks`;
    const dead = await fx.running.client().createCall({ targetParticipant: PSTN }, closed);
    const deadId = dead.callConnectionProperties.callConnectionId ?? '';
    const failed = await fx.control.waitForEvent({
      callConnectionId: deadId,
      status: 'failed',
      timeoutMs: 10_000,
    });
    const again = await adminPost<unknown>(fx.running.url, `admin/events/${failed.id}/redeliver`);
    assert.equal(again.status, 202);
    const records = Array.isArray(again.body)
      ? again.body
      : (again.body as { value: unknown[] }).value;
    assert.deepEqual(
      (records as { id: string; status: string }[]).map((r) => [r.id, r.status]),
      [[failed.id, 'pending']],
    );
  });

  it('the EmulatorClient example waits for the delivered CallConnected', async () => {
    const { id } = await connectedCall();
    const block = blocks('ts').find((b) => b.includes('EmulatorClient'));
    assert.ok(block);
    const logged: unknown[][] = [];
    const log = console.log;
    // The example prints what it got; the test reads it instead of the terminal.
    console.log = (...args: unknown[]) => void logged.push(args);
    (globalThis as Record<string, unknown>).callConnectionId = id;
    try {
      await importBlock('client', block, host());
    } finally {
      console.log = log;
      delete (globalThis as Record<string, unknown>).callConnectionId;
    }
    assert.equal(logged.length, 1);
    const [attempts, data] = logged[0] as [number, { callConnectionId: string }];
    assert.equal(attempts, 1);
    assert.equal(data.callConnectionId, id);
    const row = /\| `waitForEvent\(query\?\)` .*status` (\d+), `code` `(\w+)`/.exec(DOC);
    assert.ok(row);
    await assert.rejects(
      fx.control.waitForEvent({ callConnectionId: id, type: 'PlayCompleted', timeoutMs: 1 }),
      (e: unknown) =>
        e instanceof EmulatorClientError && e.status === Number(row[1]) && e.code === row[2],
    );
  });
});

describe('docs/callbacks.md: the settings table', () => {
  const section = DOC.slice(DOC.indexOf('### Settings'), DOC.indexOf('### The journal'));
  const rows = [...section.matchAll(/^\| `(--[\w-]+)` +\| `(\w+)` +\| ([^|]+?) +\|/gm)].map(
    (m) => ({
      flag: m[1] ?? '',
      env: m[2] ?? '',
      value: (m[3] ?? '').replaceAll('`', ''),
    }),
  );
  const defaults = loadConfig([], {});

  it('has the rows', () => {
    assert.equal(rows.length, 11);
  });

  for (const row of rows)
    it(`${row.flag}: its env twin, and its default as the emulator has it`, () => {
      const given = row.value.startsWith('(') ? 'http://127.0.0.1:18833' : row.value;
      const byFlag = loadConfig([row.flag, given], {});
      const byEnv = loadConfig([], { [row.env]: given });
      assert.deepEqual(byEnv, byFlag);
      assert.equal(row.env, envTwin(row.flag as `--${string}`));
      const changed = Object.keys(byFlag).filter(
        (k) =>
          JSON.stringify(byFlag[k as keyof typeof byFlag]) !==
          JSON.stringify(defaults[k as keyof typeof defaults]),
      );
      // The documented default is the default (a placeholder in parentheses means none is set).
      if (row.value.startsWith('(')) assert.equal(changed.length, 1);
      else assert.deepEqual(changed, []);
    });
});
