/** The bounded event journal: the oldest finished record goes first, a pending one never does. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventJournal,
  type DeliveryStatus,
  type EventRecord,
} from '../../src/events/event-journal.js';

const record = (id: string, status: DeliveryStatus): EventRecord =>
  ({
    id,
    type: 'T',
    callConnectionId: 'c',
    url: 'http://x',
    status,
    attempts: [],
  }) as unknown as EventRecord;

describe('EventJournal eviction', () => {
  it('drops the oldest record when it is finished', () => {
    const journal = new EventJournal(2);
    journal.add(record('a', 'delivered'));
    journal.add(record('b', 'delivered'));
    journal.add(record('c', 'pending'));
    assert.deepEqual(
      journal.list().map((r) => r.id),
      ['b', 'c'],
    );
  });

  it('keeps pending records and drops the oldest finished one behind them', () => {
    const journal = new EventJournal(3);
    journal.add(record('a', 'pending'));
    journal.add(record('b', 'failed'));
    journal.add(record('c', 'delivered'));
    journal.add(record('d', 'pending'));
    assert.deepEqual(
      journal.list().map((r) => r.id),
      ['a', 'c', 'd'],
    );
  });

  it('grows past its limit rather than drop a pending record', () => {
    const journal = new EventJournal(1);
    journal.add(record('a', 'pending'));
    journal.add(record('b', 'pending'));
    assert.deepEqual(
      journal.list().map((r) => r.id),
      ['a', 'b'],
    );
  });
});
