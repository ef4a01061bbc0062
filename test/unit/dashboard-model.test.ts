/**
 * The dashboard's pure parts: the text/event-stream reader, the model the stream keeps up to date,
 * and a call's timeline (order, what counts as failed, what each row says).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser } from '../../web/sse-parser.js';
import { Model, PAGE_RECORD_LIMIT, type Snapshot } from '../../web/model.js';
import { failuresByCall, isFailure, summaryOf, timelineOf } from '../../web/timeline.js';

const EMPTY: Snapshot = {
  calls: [],
  requests: [],
  callbacks: [],
  callerActions: [],
  faults: { value: [], seed: 7 },
  clock: { mode: 'manual', now: '2026-03-12T10:00:00.000Z' },
};

describe('SseParser', () => {
  it('reads messages split anywhere, with ids, events, multi-line data, comments, retry and CRLF', () => {
    const parser = new SseParser();
    const text =
      'retry: 2000\n\n: keep-alive\n\nid: e-1\nevent: call\ndata: {"a":1}\n\nid: e-2\r\nevent: reset\r\ndata: {}\r\n\r\ndata: one\ndata: two\n\n';
    const messages = [];
    for (let i = 0; i < text.length; i += 3) messages.push(...parser.push(text.slice(i, i + 3)));
    assert.deepEqual(messages, [
      { id: 'e-1', event: 'call', data: '{"a":1}' },
      { id: 'e-2', event: 'reset', data: '{}' },
      // The id carries over, as the format says; the event name does not.
      { id: 'e-2', event: 'message', data: 'one\ntwo' },
    ]);
    assert.equal(parser.retryMs, 2000);
  });

  it('keeps an unfinished message until its blank line arrives', () => {
    const parser = new SseParser();
    assert.deepEqual(parser.push('event: call\ndata: {}'), []);
    assert.deepEqual(parser.push('\n\n'), [{ event: 'call', data: '{}' }]);
  });
});

describe('Model', () => {
  it('loads a snapshot, upserts records by key, and forgets everything on reset', () => {
    const model = new Model();
    model.apply('snapshot', {
      ...EMPTY,
      calls: [
        {
          callConnectionId: 'c1',
          callConnectionState: 'connecting',
          createdAt: 'x',
          participants: [],
        },
      ],
    });
    assert.equal(model.calls.get('c1')?.callConnectionState, 'connecting');
    model.apply('call', {
      callConnectionId: 'c1',
      callConnectionState: 'connected',
      createdAt: 'x',
      participants: [],
    });
    assert.equal(model.calls.get('c1')?.callConnectionState, 'connected');
    const callback = (status: string, attempts: number) => ({
      key: 'e5',
      at: '2026-03-12T10:00:00.001Z',
      record: {
        id: 'ev',
        type: 'T',
        url: 'u',
        status,
        attempts: Array(attempts).fill({}),
        event: {},
      },
    });
    model.apply('callback', callback('pending', 0));
    model.apply('callback', callback('delivered', 1));
    assert.equal(model.callbacks.size, 1);
    assert.equal(model.callbacks.get('e5')?.record.status, 'delivered');
    model.apply('faults', { value: [{ id: 'f', action: { type: 'drop' } }], seed: 9 });
    model.apply('clock', { mode: 'manual', now: '2026-03-12T10:00:01.000Z' });
    assert.equal(model.faults.length, 1);
    const before = model.version;
    model.apply('reset', {});
    assert.ok(model.version > before);
    assert.equal(model.calls.size, 0);
    assert.equal(model.callbacks.size, 0);
    assert.deepEqual(model.faults, []);
    assert.equal(
      model.clock.now,
      '2026-03-12T10:00:01.000Z',
      'the clock does not go back on reset',
    );
    model.apply('something-new', {});
  });

  it(`holds at most ${PAGE_RECORD_LIMIT} records per journal, dropping the oldest`, () => {
    const model = new Model();
    for (let i = 0; i <= PAGE_RECORD_LIMIT; i++)
      model.apply('request', { key: `r${i}`, at: 'x', record: { status: 200 } });
    assert.equal(model.requests.size, PAGE_RECORD_LIMIT);
    assert.ok(!model.requests.has('r0'));
    assert.ok(model.requests.has(`r${PAGE_RECORD_LIMIT}`));
  });
});

describe('timelineOf', () => {
  const model = new Model();
  model.apply('snapshot', {
    ...EMPTY,
    requests: [
      {
        key: 'r3',
        at: '2026-01-01T00:00:00.005Z',
        record: {
          id: 'q1',
          time: '',
          method: 'POST',
          path: '/x',
          operation: 'AnswerCall',
          callConnectionId: 'c1',
          status: 200,
          body: { incomingCallContext: 'ctx' },
        },
      },
      {
        key: 'r9',
        at: '2026-01-01T00:00:00.009Z',
        record: {
          id: 'q2',
          time: '',
          method: 'POST',
          path: '/y',
          operation: 'PlayPrompt',
          callConnectionId: 'c1',
          status: 400,
          errorCode: 'BadRequest',
        },
      },
      {
        key: 'r10',
        at: '2026-01-01T00:00:00.001Z',
        record: {
          id: 'q3',
          time: '',
          method: 'POST',
          path: '/z',
          operation: 'CreateCall',
          callConnectionId: 'other',
          status: 201,
        },
      },
    ],
    callbacks: [
      {
        key: 'e4',
        at: '2026-01-01T00:00:00.005Z',
        record: {
          id: 'v1',
          type: 'Microsoft.Communication.CallConnected',
          url: 'http://app/cb',
          status: 'failed',
          attempts: [
            { at: '', durationMs: 1, error: 'ECONNREFUSED' },
            { at: '', durationMs: 1, error: 'ECONNREFUSED' },
          ],
          callConnectionId: 'c1',
          event: {},
          faults: [{ ruleId: 'r', action: 'delayEvent' }],
        },
      },
    ],
    callerActions: [
      {
        key: 'a1',
        at: '2026-01-01T00:00:00.000Z',
        record: {
          sequence: 1,
          time: '',
          action: 'incomingCall',
          detail: { incomingCallContext: 'ctx' },
        },
      },
      {
        key: 'a2',
        at: '2026-01-01T00:00:00.000Z',
        record: {
          sequence: 2,
          time: '',
          action: 'incomingCall',
          detail: { incomingCallContext: 'someone-else' },
        },
      },
      {
        key: 'a7',
        at: '2026-01-01T00:00:00.007Z',
        record: {
          sequence: 3,
          time: '',
          action: 'dtmf',
          callConnectionId: 'c1',
          detail: { tones: ['one', 'pound'] },
        },
      },
    ],
  });

  it("interleaves the call's requests, callbacks and caller actions in time order, causes first at a tie", () => {
    const entries = timelineOf(model, 'c1');
    assert.deepEqual(
      entries.map((e) => e.key),
      ['a1', 'r3', 'e4', 'a7', 'r9'],
    );
  });

  it('marks 4xx/5xx answers and failed deliveries, and says what each row is', () => {
    const entries = timelineOf(model, 'c1');
    assert.deepEqual(
      entries.map((e) => [summaryOf(e), isFailure(e)]),
      [
        ['caller placed an incoming call', false],
        ['AnswerCall → 200', false],
        ['CallConnected → failed (2 attempts)', true],
        ['caller pressed one, pound', false],
        ['PlayPrompt → 400 BadRequest', true],
      ],
    );
  });

  it('counts the failures per call for the calls list', () => {
    assert.deepEqual([...failuresByCall(model)], [['c1', 2]]);
  });
});
