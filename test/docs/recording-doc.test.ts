/**
 * docs/recording.md runs as written: the SDK flow (`ts`) is written out and imported, the curl
 * flow (`sh`) is run with bash, and the Event Grid subscription requests are sent, each against a
 * running emulator started with the settings the page names (the page's 127.0.0.1:8833 and
 * webhook pointed at the test's). What they print, the event they cause and the audio they
 * record must be what the page says.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { useEmulator, type EmulatorFixture } from '../helpers/use-emulator.js';
import { ofCall, type ReceivedCallback } from '../helpers/callback-listener.js';
import { PSTN } from '../helpers/call-driver.js';
import { detectDtmf } from '../helpers/goertzel.js';
import { CallAutomationClient } from '@azure/communication-call-automation';
import { storageRedirectingClient } from '../helpers/recording-storage-client.js';
import { decodeWav } from '../../src/audio/wav.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC = readFileSync(`${ROOT}docs/recording.md`, 'utf8');
// Inside node_modules so the example's package imports resolve; `.mts` for top-level await.
const OUT = `${ROOT}node_modules/.cache/acs-docs/`;
const DOC_HOST = '127.0.0.1:8833';
const DOC_WEBHOOK = 'http://127.0.0.1:3000';
const STORAGE = /const STORAGE = '([^']+)'/.exec(DOC)?.[1] ?? '';
const FILE_EVENT = 'Microsoft.Communication.RecordingFileStatusUpdated';

const blocks = (lang: string) =>
  [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');

const keys = (o: object) => Object.keys(o).sort();

/** The page's addresses pointed at the test's emulator and webhook. */
const localize = (text: string, fx: EmulatorFixture) =>
  text
    .replaceAll(DOC_HOST, new URL(fx.running.url).host)
    .replaceAll(DOC_WEBHOOK, fx.listener.url('').replace(/\/$/, ''));

/** The key heard in each 100 ms window (undefined for silence), as `key@ms`. */
function tonesHeard(wavFile: string): { heard: string[]; ms: number } {
  const wav = decodeWav(readFileSync(wavFile));
  const samples = wav.channels[0] as Int16Array;
  const size = wav.sampleRate / 10;
  const heard: string[] = [];
  for (let i = 0; i + size <= samples.length; i += size) {
    const key = detectDtmf(samples.subarray(i, i + size), wav.sampleRate);
    if (key) heard.push(`${key}@${(i / size) * 100}`);
  }
  return { heard, ms: (samples.length / wav.sampleRate) * 1000 };
}

type FileEvent = Record<string, unknown> & {
  data: Record<string, unknown> & {
    recordingStorageInfo: { recordingChunks: Record<string, unknown>[] };
  };
};

const fileEventFor = (serverCallId: string) => (c: ReceivedCallback) =>
  c.event.kind === FILE_EVENT && JSON.stringify(c.body).includes(serverCallId);

describe('docs/recording.md: the SDK flow', () => {
  const fx = useEmulator({ recordingStorageUrl: STORAGE });

  it('names the storage origin the SDK accepts', () => {
    assert.match(STORAGE, /^https:\/\/[\w-]+\.asm\.skype\.com$/);
    assert.ok(DOC.includes(`--recording-storage-url ${STORAGE}`));
  });

  it('starts, pauses, resumes, stops, downloads and deletes as the page says', async () => {
    // The emulator of this test sends Event Grid events to the listener's /eventgrid.
    const sub = await fetch(new URL('admin/event-subscriptions/doc', fx.running.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: fx.listener.url('/eventgrid'), eventTypes: [FILE_EVENT] }),
    });
    assert.equal(sub.status, 201);
    const created = await fx.running
      .client()
      .createCall({ targetParticipant: PSTN }, fx.listener.url('/api/callbacks'));
    const callId = created.callConnectionProperties.callConnectionId ?? '';
    await fx.listener.waitFor(ofCall(callId, 'CallConnected'));
    const serverCallId =
      (await created.callConnection.getCallConnectionProperties()).serverCallId ?? '';

    const [source] = blocks('ts');
    assert.ok(source);
    const marker =
      '// chunk = event.data.recordingStorageInfo.recordingChunks[0] of RecordingFileStatusUpdated\n';
    assert.ok(source.includes(marker));
    const folder = mkdtempSync(join(tmpdir(), 'recording-doc-'));
    const wavFile = join(folder, 'call.wav');
    // The page's app has `serverCallId` from createCall and `chunk` from its Event Grid webhook:
    // the test hands both in, `chunk` taken exactly as the page's comment says.
    const globals = globalThis as Record<string, unknown>;
    globals.serverCallId = serverCallId;
    globals.docRecordingChunk = async () => {
      const received = await fx.listener.waitFor(fileEventFor(serverCallId), 20_000);
      return (received.body as FileEvent[])[0]?.data.recordingStorageInfo.recordingChunks[0];
    };
    const script = localize(source, fx)
      .replace(marker, `${marker}const chunk = await globalThis.docRecordingChunk();\n`)
      .replace("'call.wav'", JSON.stringify(wavFile));
    assert.ok(script.includes(fx.running.connectionString), 'the page has the connection string');
    mkdirSync(OUT, { recursive: true });
    const file = `${OUT}recording-sdk-${process.pid}.mts`;
    writeFileSync(file, script);
    try {
      await import(pathToFileURL(file).href);
      const { heard } = tonesHeard(wavFile);
      assert.deepEqual(heard, []); // nobody pressed a key: silence only
    } finally {
      delete globals.serverCallId;
      delete globals.docRecordingChunk;
      rmSync(folder, { recursive: true, force: true });
      rmSync(file, { force: true });
    }

    const states = await fx.listener.waitForCount(
      (c) => c.event.kind === 'RecordingStateChanged' && c.event.callConnectionId === callId,
      4,
    );
    assert.deepEqual(
      states.map((s) => s.event.state),
      ['active', 'inactive', 'active', 'inactive'],
    );

    // The page's example event: the same fields, and the same values for an audio/mixed/wav
    // recording of a call that has not ended.
    const received = await fx.listener.waitFor(fileEventFor(serverCallId));
    const real = (received.body as FileEvent[])[0] as FileEvent;
    const docEvent = (
      JSON.parse(blocks('json').find((b) => b.includes(FILE_EVENT)) ?? '') as FileEvent[]
    )[0] as FileEvent;
    assert.deepEqual(keys(real), keys(docEvent));
    assert.deepEqual(keys(real.data), keys(docEvent.data));
    const docChunk = docEvent.data.recordingStorageInfo.recordingChunks[0] ?? {};
    const realChunk = real.data.recordingStorageInfo.recordingChunks[0] ?? {};
    assert.deepEqual(keys(realChunk), keys(docChunk));
    for (const f of ['eventType', 'metadataVersion', 'dataVersion'])
      assert.equal(real[f], docEvent[f], f);
    for (const f of [
      'recordingContentType',
      'recordingChannelType',
      'recordingFormatType',
      'sessionEndReason',
    ])
      assert.equal(real.data[f], docEvent.data[f], f);
    assert.equal(realChunk.index, docChunk.index);
    assert.equal(realChunk.endReason, docChunk.endReason);
    const subject = (docEvent.subject as string)
      .replace('{correlationId}', '[^/]+')
      .replace('{serverCallId}', '.+') // base64: may hold a '/'
      .replace('{recordingId}', '[^/]+');
    assert.match(real.subject as string, new RegExp(`^${subject}$`));
    // With --recording-storage-url the locations use that origin, as step 1 says.
    const documentId = realChunk.documentId as string;
    assert.equal(realChunk.contentLocation, `${STORAGE}/v1/objects/${documentId}/content/audio`);
    assert.equal(realChunk.deleteLocation, `${STORAGE}/v1/objects/${documentId}`);
    // The files are served with the ACS API's authentication, and `recording.delete` removed it.
    const unsigned = await fetch(new URL(`v1/objects/${documentId}/content/audio`, fx.running.url));
    assert.equal(unsigned.status, 401);
    const sdk = new CallAutomationClient(fx.running.connectionString, {
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
      httpClient: storageRedirectingClient(STORAGE, fx.running.url),
    });
    await assert.rejects(
      sdk
        .getCallRecording()
        .downloadToPath(realChunk.contentLocation as string, join(tmpdir(), 'gone.wav')),
      (err: { status?: number }) => err.status === 404,
    );
  });
});

describe('docs/recording.md: with curl', () => {
  const fx = useEmulator({ disableAuth: true, clock: 'manual' });

  it('the page starts the emulator with the settings this test uses', () => {
    assert.ok(DOC.includes('npm start -- --disable-auth --clock\nmanual'));
  });

  it('the curl flow prints the statuses in its comments and records 1 and 3, not 2', async () => {
    const script = blocks('sh').find((b) => b.includes('admin/clock/advance'));
    assert.ok(script);
    const folder = mkdtempSync(join(tmpdir(), 'recording-doc-curl-'));
    try {
      const { stdout } = await promisify(execFile)('bash', ['-e', '-c', localize(script, fx)], {
        cwd: folder,
        timeout: 60_000,
      });
      const lines = stdout.trim().split('\n');
      const codes = [...script.matchAll(/# (\d{3})\b/g)].map((m) => m[1]);
      assert.deepEqual(codes, ['202', '202', '204', '200', '404']);
      assert.deepEqual(
        lines.filter((l) => /^\d{3}$/.test(l)),
        codes,
      );
      assert.ok(lines.includes('RIFF'), stdout);
      // The metadata document is printed as it is served (indented JSON), on lines of its own.
      const start = lines.indexOf('{');
      const end = lines.indexOf('}', start);
      assert.ok(start >= 0 && end > start, stdout);
      const metadata = JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<
        string,
        unknown
      >;
      const named = /\*\*The metadata\*\*[^\n]*\n([\s\S]*?)\n\n/.exec(DOC)?.[1] ?? '';
      const topLevel = [...named.replace(/\([^)]*\)/g, '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
      assert.ok(topLevel.length >= 8);
      assert.deepEqual(keys(metadata), [...topLevel].sort());
      // Every name the paragraph gives is in the document, nested ones included (`channel` only
      // when unmixed; this recording is mixed), and the document has no other field.
      const allNamed = new Set([...named.matchAll(/`(\w+)`/g)].map((m) => m[1]));
      const allReal = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === 'object' && v !== null)
          for (const [k, inner] of Object.entries(v)) {
            allReal.add(k);
            walk(inner);
          }
      };
      walk(metadata);
      allNamed.delete('channel');
      assert.deepEqual([...allReal].sort(), [...allNamed].sort());

      // "4 s of audio: 1 at 1.0 s, 3 at 3.0 s, no 2"
      const said = /# (\d+) s of audio: (\d) at ([\d.]+) s, (\d) at ([\d.]+) s, no (\d)/.exec(
        script,
      );
      assert.ok(said);
      const { heard, ms } = tonesHeard(join(folder, 'call.wav'));
      assert.equal(ms, Number(said[1]) * 1000);
      assert.deepEqual(heard, [
        `${said[2]}@${Number(said[3]) * 1000}`,
        `${said[4]}@${Number(said[5]) * 1000}`,
      ]);
      assert.ok(!heard.some((h) => h.startsWith(`${said[6]}@`)));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('docs/recording.md: the operations table', () => {
  const fx = useEmulator({ disableAuth: true, clock: 'manual' });
  const api = 'api-version=2026-03-12';

  /** The table's rows: operation, method, route and success status. */
  const rows = [
    ...DOC.matchAll(/^\| (\w+Recording\w*) +\| `(GET|POST|DELETE) ([^`]+)` +\| (\d{3})/gm),
  ].map((m) => ({ op: m[1], method: m[2] ?? '', route: m[3] ?? '', status: Number(m[4]) }));

  async function send(method: string, path: string, body?: unknown) {
    const res = await fetch(new URL(`${path.replace(/^\//, '')}?${api}`, fx.running.url), {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  it('each operation answers the status and fields in its row; the rules below it hold', async () => {
    assert.deepEqual(
      rows.map((r) => r.op),
      [
        'StartRecording',
        'GetRecordingProperties',
        'PauseRecording',
        'ResumeRecording',
        'StopRecording',
      ],
    );
    const call = await send('POST', '/calling/callConnections', {
      targets: [{ kind: 'phoneNumber', phoneNumber: { value: PSTN.phoneNumber } }],
      sourceCallerIdNumber: { value: '+14255550100' },
      callbackUri: fx.listener.url('/api/callbacks'),
    });
    const callConnectionId = call.body.callConnectionId as string;
    await fx.control.advanceClock(1_000);
    const start = {
      callConnectionId,
      recordingContentType: 'audio',
      recordingChannelType: 'mixed',
      recordingFormatType: 'wav',
    };
    let recordingId = '';
    for (const row of rows) {
      const path = row.route.replace('{recordingId}', recordingId);
      const answer = await send(row.method, path, row.op === 'StartRecording' ? start : undefined);
      assert.equal(answer.status, row.status, row.op);
      const line = DOC.split('\n').find((l) => l.includes(`| ${row.op} `)) ?? '';
      const fields = /\| \d{3} `\{([^}]+)\}`/.exec(line)?.[1];
      if (row.status === 200) assert.ok(fields, `${row.op}'s row names the answer's fields`);
      if (fields) assert.deepEqual(keys(answer.body), fields.split(', ').sort(), row.op);
      if (row.op === 'StartRecording') {
        recordingId = answer.body.recordingId as string;
        assert.match(recordingId, /^[A-Za-z0-9+/=_-]+$/); // "opaque base64"
        // "One recording per call at a time"
        const second = await send('POST', row.route, start);
        assert.equal(second.status, 409);
        assert.equal((second.body.error as { code: string }).code, 'RecordingAlreadyInProgress');
      }
    }
    // "Every operation on a stopped recording gets 404 RecordingNotFound."
    for (const row of rows.filter((r) => r.op !== 'StartRecording')) {
      const answer = await send(row.method, row.route.replace('{recordingId}', recordingId));
      assert.equal(answer.status, 404, row.op);
      assert.equal((answer.body.error as { code: string }).code, 'RecordingNotFound', row.op);
    }
    // "Group and room locators get 404"
    const group = await send('POST', '/calling/recordings', {
      callLocator: {
        kind: 'groupCallLocator',
        groupCallId: '11111111-1111-1111-1111-111111111111',
      },
    });
    assert.equal(group.status, 404);
    // "`unmixed` is `wav` audio only; other combinations get 400"
    const mixedUp = await send('POST', '/calling/recordings', {
      ...start,
      recordingChannelType: 'unmixed',
      recordingFormatType: 'mp3',
    });
    assert.equal(mixedUp.status, 400);
  });
});

describe('docs/recording.md: Event Grid subscriptions', () => {
  const fx = useEmulator();

  /** The curl commands of the block: method, URL and body. */
  function requests(block: string) {
    return block
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((l) => l.startsWith('curl '))
      .map((l) => ({
        method: /-X (\w+)/.exec(l)?.[1] ?? 'GET',
        url: /(http\S+)/.exec(l)?.[1] ?? '',
        body: /-d '([^']*)'/.exec(l)?.[1],
        comment: /# (.*)$/.exec(l)?.[1],
      }));
  }

  it('PUT answers 201 with what the comment shows, GET lists it, DELETE answers 204', async () => {
    const block = blocks('sh').find((b) => b.includes('event-subscriptions'));
    assert.ok(block);
    const sent = requests(localize(block, fx));
    assert.deepEqual(
      sent.map((r) => r.method),
      ['PUT', 'GET', 'DELETE'],
    );
    const [put, list, del] = sent;
    assert.ok(put && list && del);
    const expected = /^# (\d{3}) (\{.*\})$/m.exec(block);
    assert.ok(expected);
    const send = (r: { method: string; url: string; body?: string }) =>
      fetch(r.url, {
        method: r.method,
        headers: r.body ? { 'content-type': 'application/json' } : {},
        body: r.body,
      });
    const created = await send(put);
    assert.equal(created.status, Number(expected[1]));
    const body = (await created.json()) as Record<string, unknown>;
    const docBody = JSON.parse(expected[2] ?? '') as Record<string, unknown>;
    assert.deepEqual({ ...body, url: '…' }, docBody);
    assert.equal(body.url, JSON.parse(put.body ?? '').url);
    // "Putting a name again replaces the subscription (200)."
    assert.equal((await send(put)).status, 200);

    // The subscription receives the recording's file event.
    const created2 = await fx.running
      .client()
      .createCall({ targetParticipant: PSTN }, fx.listener.url('/api/callbacks'));
    const callId = created2.callConnectionProperties.callConnectionId ?? '';
    await fx.listener.waitFor(ofCall(callId, 'CallConnected'));
    const recording = fx.running.client().getCallRecording();
    const { recordingId } = await recording.start({
      callConnectionId: callId,
      recordingContent: 'audio',
      recordingChannel: 'mixed',
      recordingFormat: 'wav',
    });
    await recording.stop(recordingId);
    const delivered = await fx.listener.waitFor(
      (c) => c.event.kind === FILE_EVENT && JSON.stringify(c.body).includes(recordingId),
    );
    assert.equal(delivered.path, new URL(body.url as string).pathname);
    // "journaled in GET /admin/events", as an Event Grid record (docs/callbacks.md): no call id.
    const journaled = await fx.control.waitForEvent({
      type: 'RecordingFileStatusUpdated',
      status: 'delivered',
      timeoutMs: 5_000,
    });
    assert.equal((journaled as { schema?: string }).schema, 'EventGrid');
    assert.ok(!('callConnectionId' in journaled));

    const listed = await send(list);
    assert.equal(listed.status, 200);
    assert.ok(JSON.stringify(await listed.json()).includes('"name":"recordings"'));
    const deleted = await send(del);
    assert.equal(deleted.status, Number(del.comment));
  });
});
