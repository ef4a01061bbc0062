/** The callback journal's bound and the long-poll waiters, without sockets. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCloudEvent } from '../../src/events/cloud-event.js';
import { EventJournal, type EventRecord } from '../../src/events/event-journal.js';
import { EventWaiters } from '../../src/events/event-waiters.js';

let n = 0;
function record(status: EventRecord['status'], type = 'CallConnected', operationContext?: string) {
  const event = buildCloudEvent(type, 'call-1', { operationContext }, Date.now());
  return {
    id: `r${++n}`,
    type: event.type,
    callConnectionId: 'call-1',
    url: 'http://127.0.0.1:1/cb',
    status,
    attempts: [],
    event,
  } satisfies EventRecord;
}

describe('event journal bound', () => {
  it('evicts the oldest finished records first and never a pending one', () => {
    const journal = new EventJournal(3);
    const p1 = record('pending');
    const d1 = record('delivered');
    const f1 = record('failed');
    for (const r of [p1, d1, f1]) journal.add(r);
    const d2 = record('delivered');
    journal.add(d2);
    assert.deepEqual(
      journal.list().map((r) => r.id),
      [p1.id, f1.id, d2.id],
    );
    const p2 = record('pending');
    const p3 = record('pending');
    journal.add(p2);
    journal.add(p3);
    // Only pending left to keep, so the journal holds more than its bound.
    assert.deepEqual(
      journal.list().map((r) => r.id),
      [p1.id, p2.id, p3.id],
    );
    const p4 = record('pending');
    journal.add(p4);
    assert.equal(journal.size, 4);
    // When one finishes, the journal shrinks back to its bound.
    p2.status = 'delivered';
    journal.changed(p2);
    assert.deepEqual(
      journal.list().map((r) => r.id),
      [p1.id, p3.id, p4.id],
    );
  });

  it('filters by call, full type, status and operationContext', () => {
    const journal = new EventJournal(10);
    const a = record('delivered', 'CallConnected', 'x');
    const b = record('pending', 'CallDisconnected', 'y');
    journal.add(a);
    journal.add(b);
    assert.deepEqual(journal.list({ type: 'Microsoft.Communication.CallDisconnected' }), [b]);
    assert.deepEqual(journal.list({ status: 'delivered' }), [a]);
    assert.deepEqual(journal.list({ operationContext: 'y', callConnectionId: 'call-1' }), [b]);
    assert.deepEqual(journal.list({ callConnectionId: 'other' }), []);
  });
});

describe('event waiters', () => {
  it('resolves at once with a record already there, the oldest match first', async () => {
    const journal = new EventJournal(10);
    const waiters = new EventWaiters(journal);
    const first = record('delivered');
    journal.add(first);
    journal.add(record('delivered'));
    assert.equal(await waiters.wait({ status: 'delivered' }, 0).result, first);
    assert.equal(waiters.size, 0);
  });

  it('resolves when a later record matches, or when one changes to match', async () => {
    const journal = new EventJournal(10);
    const waiters = new EventWaiters(journal);
    const added = waiters.wait({ type: 'Microsoft.Communication.CallDisconnected' }, 60_000);
    const changed = waiters.wait({ status: 'failed' }, 60_000);
    assert.equal(waiters.size, 2);
    const r = record('pending', 'CallDisconnected');
    journal.add(r);
    assert.equal(await added.result, r);
    r.status = 'failed';
    journal.changed(r);
    assert.equal(await changed.result, r);
    assert.equal(waiters.size, 0);
  });

  it('resolves undefined on timeout or cancel and forgets the waiter', async () => {
    const journal = new EventJournal(10);
    const waiters = new EventWaiters(journal);
    assert.equal(await waiters.wait({ status: 'failed' }, 1).result, undefined);
    const cancelled = waiters.wait({ status: 'failed' }, 60_000);
    cancelled.cancel();
    assert.equal(await cancelled.result, undefined);
    assert.equal(waiters.size, 0);
  });
});
