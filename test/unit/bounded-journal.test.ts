/**
 * The journal room's bounded journal, shared by the request and the event journals: bound,
 * filter, eviction (oldest finished first, pending never) and waits, without sockets.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedJournal } from '../../src/journal/bounded-journal.js';
import { JournalWaiters } from '../../src/journal/journal-waiters.js';
import { RequestJournal, type RequestRecord } from '../../src/http/request-journal.js';

interface Rec {
  id: number;
  pending: boolean;
  tag?: string;
}

/** How often the journal looked at a record's state: its work, counted rather than timed. */
let looks = 0;

const journalOf = (limit: number) =>
  new BoundedJournal<Rec, { tag?: string }>({
    limit,
    matches: (r, f) => f.tag === undefined || r.tag === f.tag,
    isPending: (r) => {
      looks++;
      return r.pending;
    },
  });

const ids = (journal: BoundedJournal<Rec, { tag?: string }>) => journal.list().map((r) => r.id);

describe('bounded journal', () => {
  it('holds 100,000 records with 50,000 pending at the pending count plus nothing finished past the bound', () => {
    const journal = journalOf(1_000);
    looks = 0;
    const records: Rec[] = [];
    for (let id = 0; id < 100_000; id++) {
      const record = { id, pending: id % 2 === 0 };
      records.push(record);
      journal.add(record);
    }
    // Every pending record stays; finished ones only fill what is left of the bound: none.
    assert.equal(journal.size, 50_000);
    const kept = journal.list();
    assert.ok(kept.every((r) => r.pending));
    assert.deepEqual(
      kept.slice(0, 3).map((r) => r.id),
      [0, 2, 4],
      'oldest first',
    );

    // Half of them finish, oldest first: the journal shrinks back as they do.
    for (let id = 0; id < 50_000; id += 2) {
      const record = records[id] as Rec;
      record.pending = false;
      journal.changed(record);
    }
    assert.equal(journal.size, 25_000);
    assert.ok(journal.list().every((r) => r.pending));

    // The rest finish: exactly the bound stays, the most recently finished ones, in order.
    for (let id = 50_000; id < 100_000; id += 2) {
      const record = records[id] as Rec;
      record.pending = false;
      journal.changed(record);
    }
    assert.equal(journal.size, 1_000);
    const last = journal.list();
    assert.equal(last[0]?.id, 98_000);
    assert.equal(last.at(-1)?.id, 99_998);
    assert.ok(last.every((r, i) => i === 0 || r.id > (last[i - 1] as Rec).id));

    // New finished records push the oldest out one for one.
    journal.add({ id: 100_000, pending: false });
    assert.equal(journal.size, 1_000);
    assert.equal(journal.list()[0]?.id, 98_002);

    // 150,001 adds and changes: a constant amount of work each, not one pass over the backlog.
    assert.ok(looks < 5 * 150_001, `${looks} looks at record state`);
  });

  it('evicts finished records behind pending ones without moving the pending ones', () => {
    const journal = journalOf(3);
    const a = { id: 1, pending: true };
    journal.add(a);
    journal.add({ id: 2, pending: false });
    journal.add({ id: 3, pending: true });
    journal.add({ id: 4, pending: false });
    assert.deepEqual(ids(journal), [1, 3, 4]);
    journal.add({ id: 5, pending: true });
    assert.deepEqual(ids(journal), [1, 3, 5]);
    // Record 1, passed over while pending, finishes: within the bound, it stays...
    a.pending = false;
    journal.changed(a);
    assert.deepEqual(ids(journal), [1, 3, 5]);
    // ...and, now the oldest finished record, it is the next to go.
    journal.add({ id: 6, pending: false });
    assert.deepEqual(ids(journal), [3, 5, 6]);
    journal.add({ id: 7, pending: false });
    assert.deepEqual(ids(journal), [3, 5, 7]);
  });

  it('filters, finds the oldest match, and forgets everything on clear', () => {
    const journal = journalOf(10);
    journal.add({ id: 1, pending: false, tag: 'x' });
    journal.add({ id: 2, pending: false, tag: 'y' });
    journal.add({ id: 3, pending: false, tag: 'x' });
    assert.deepEqual(
      journal.list({ tag: 'x' }).map((r) => r.id),
      [1, 3],
    );
    assert.equal(journal.find({ tag: 'x' })?.id, 1);
    assert.equal(journal.find({ tag: 'z' }), undefined);
    journal.clear();
    assert.equal(journal.size, 0);
    journal.add({ id: 4, pending: false });
    assert.deepEqual(ids(journal), [4]);
  });

  it('tells subscribers of adds and changes, and waiters get the first match past or future', async () => {
    const journal = journalOf(10);
    const seen: number[] = [];
    const unsubscribe = journal.subscribe((r) => seen.push(r.id));
    const waiters = new JournalWaiters(journal);
    journal.add({ id: 1, pending: false, tag: 'old' });
    assert.equal((await waiters.wait({ tag: 'old' }, 0).result)?.id, 1);
    const later = waiters.wait({ tag: 'new' }, 60_000);
    const record = { id: 2, pending: true, tag: 'other' };
    journal.add(record);
    record.tag = 'new';
    journal.changed(record);
    assert.equal((await later.result)?.id, 2);
    assert.equal(waiters.size, 0);
    unsubscribe();
    journal.add({ id: 3, pending: false });
    assert.deepEqual(seen, [1, 2, 2]);
  });
});

describe('request journal', () => {
  const request = (id: string, callConnectionId: string, operation: string): RequestRecord => ({
    id,
    sequence: Number(id),
    time: new Date(0).toISOString(),
    method: 'POST',
    path: '/x',
    operation,
    callConnectionId,
    status: 200,
    headers: {},
  });

  it('keeps the newest records up to its bound and filters by call and operation', () => {
    const journal = new RequestJournal(3);
    for (let i = 1; i <= 5; i++)
      journal.add(request(String(i), i % 2 ? 'a' : 'b', i < 4 ? 'CreateCall' : 'HangupCall'));
    assert.deepEqual(
      journal.list().map((r) => r.id),
      ['3', '4', '5'],
    );
    assert.deepEqual(
      journal.list({ callConnectionId: 'a' }).map((r) => r.id),
      ['3', '5'],
    );
    assert.deepEqual(
      journal.list({ callConnectionId: 'a', operation: 'HangupCall' }).map((r) => r.id),
      ['5'],
    );
  });
});
