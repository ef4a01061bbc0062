/** The live feed's replay window: what a client reconnecting with Last-Event-ID can get back. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CallerActionJournal } from '../../src/calls/caller-actions.js';
import type { CallRuntime } from '../../src/calls/call-runtime.js';
import { EventJournal } from '../../src/events/event-journal.js';
import { RequestJournal } from '../../src/http/request-journal.js';
import { LiveFeed } from '../../src/feed/live-feed.js';

function feed(capacity: number) {
  const requests = new RequestJournal(100);
  const caller = new CallerActionJournal(100);
  const live = new LiveFeed(
    {
      requests,
      callbacks: new EventJournal(100),
      caller,
      calls: { subscribe: () => () => {} } as unknown as CallRuntime,
    },
    capacity,
  );
  return { live, requests, caller };
}

const reset = { kind: 'reset' } as const;

describe('LiveFeed', () => {
  it('replays exactly the entries after a position while the ring still holds them', () => {
    const { live } = feed(4);
    for (let i = 0; i < 6; i++) live.publish(reset);
    assert.equal(live.last, 6);
    assert.deepEqual(
      live.since(2)?.map((e) => e.seq),
      [3, 4, 5, 6],
    );
    assert.deepEqual(live.since(6), []);
    assert.equal(live.since(1), undefined, 'entry 2 is gone: the client needs a snapshot');
    assert.equal(live.since(7), undefined, 'a position from the future is not ours');
  });

  it('gives each journal record one key for life and tells listeners in order', () => {
    const { live, requests, caller } = feed(10);
    const seen: string[] = [];
    live.subscribe((e) => seen.push(`${e.seq}:${e.change.kind}`));
    const record = {
      id: 'q',
      sequence: 1,
      time: '2026-03-12T10:00:00.000Z',
      method: 'POST',
      path: '/x',
      status: 200,
      headers: {},
    };
    requests.add(record);
    caller.record({ action: 'hangUp', callConnectionId: 'c', detail: {} }, new Date(0));
    assert.deepEqual(seen, ['1:request', '2:caller']);
    const item = live.request(record);
    assert.equal(item, live.request(record), 'the same item every time');
    assert.equal(item.at, record.time, 'a request is placed at its arrival');
    assert.match(item.key, /^r\d+$/);
    assert.deepEqual(Object.keys(record).includes('feedItem'), false);
    assert.equal(JSON.stringify(record).includes('"key"'), false, 'the item never shows in JSON');
  });
});
