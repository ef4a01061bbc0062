/**
 * Waits on the emulator's callback journal by condition: re-checked on every journal change
 * (a new record, an attempt, a status), never on a timer.
 */
import type { Emulator } from '../../src/emulator.js';
import type { EventRecord } from '../../src/events/event-journal.js';

export function untilJournal(
  emulator: Emulator,
  check: (records: EventRecord[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const journal = emulator.delivery.journal;
  return new Promise((resolve, reject) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
    };
    const unsubscribe = journal.subscribe(() => {
      if (check(journal.list())) {
        done();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting until ${what}`));
    }, timeoutMs);
    if (check(journal.list())) {
      done();
      resolve();
    }
  });
}

/** The journal record of the one event of `type` (short name) on the call. */
export function recordOf(emulator: Emulator, callConnectionId: string, type: string): EventRecord {
  const found = emulator.delivery.journal.list({
    callConnectionId,
    type: `Microsoft.Communication.${type}`,
  });
  if (found.length !== 1) throw new Error(`expected one ${type} record, found ${found.length}`);
  return found[0] as EventRecord;
}
