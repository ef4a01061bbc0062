/**
 * The live feed behind GET /admin/stream: it listens to the request, callback and caller journals
 * and to the call service, numbers every change, and keeps the last few thousand so a client that
 * reconnects with Last-Event-ID gets what it missed. Work per change is O(1) whether or not anyone
 * listens (a ring buffer, and the feed's item kept on the record under a symbol).
 */
import type { CallerAction, CallerActionJournal } from '../calls/caller-actions.js';
import { newToken } from '../domain/ids.js';
import type { CallRuntime } from '../calls/call-runtime.js';
import type { EventJournal, EventRecord } from '../events/event-journal.js';
import type { RequestJournal, RequestRecord } from '../http/request-journal.js';
import type { FeedChange, FeedEntry, FeedItem } from './feed-entry.js';

export interface FeedSources {
  requests: RequestJournal;
  callbacks: EventJournal;
  caller: CallerActionJournal;
  calls: CallRuntime;
}

type Listener = (entry: FeedEntry) => void;

/** Where a record keeps its feed item (one feed per emulator, so one item per record). */
const ITEM = Symbol('feedItem');

export class LiveFeed {
  private readonly ring: (FeedEntry | undefined)[];
  private seq = 0;
  private keys = 0;
  private readonly listeners = new Set<Listener>();
  /** Names this run of the emulator in event ids, so an id from an earlier run is never taken as ours. */
  readonly epoch = newToken(8).replace(/[^A-Za-z0-9]/g, 'x');

  /** `capacity` entries are kept for replay; an older Last-Event-ID gets a snapshot instead. */
  constructor(
    sources: FeedSources,
    readonly capacity: number,
  ) {
    this.ring = new Array<FeedEntry | undefined>(Math.max(1, capacity));
    sources.requests.subscribe((r) => this.publish({ kind: 'request', item: this.request(r) }));
    sources.callbacks.subscribe((r) => this.publish({ kind: 'callback', item: this.callback(r) }));
    sources.caller.subscribe((r) => this.publish({ kind: 'caller', item: this.caller(r) }));
    sources.calls.subscribe((call) => this.publish({ kind: 'call', call }));
  }

  /** The number of the newest entry (0 before the first). */
  get last(): number {
    return this.seq;
  }

  /** Adds a change that no journal reports (the clock moved, fault rules changed, reset). */
  publish(change: FeedChange): void {
    const entry: FeedEntry = { seq: ++this.seq, change };
    this.ring[entry.seq % this.ring.length] = entry;
    for (const listener of this.listeners) listener(entry);
  }

  /**
   * The entries after `seq`, oldest first, or undefined when some of them are gone (or `seq` is
   * from the future, e.g. another run of the emulator): then the client needs a snapshot.
   */
  since(seq: number): FeedEntry[] | undefined {
    if (seq > this.seq || seq < this.seq - this.ring.length) return undefined;
    const out: FeedEntry[] = [];
    for (let n = seq + 1; n <= this.seq; n++) {
      const entry = this.ring[n % this.ring.length];
      if (entry?.seq !== n) return undefined;
      out.push(entry);
    }
    return out;
  }

  /** Calls `listener` on every new entry; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A request as the feed shows it; it is placed by when it arrived. */
  request(record: RequestRecord): FeedItem<RequestRecord> {
    return this.itemOf(record, 'r', record.time);
  }

  /** A callback as the feed shows it; it is placed by when it was produced. */
  callback(record: EventRecord): FeedItem<EventRecord> {
    return this.itemOf(record, 'e', undefined);
  }

  /** A caller action as the feed shows it. */
  caller(record: CallerAction): FeedItem<CallerAction> {
    return this.itemOf(record, 'a', record.time);
  }

  private itemOf<T extends object>(record: T, prefix: string, at: string | undefined): FeedItem<T> {
    const tagged = record as T & { [ITEM]?: FeedItem<T> };
    let item = tagged[ITEM];
    if (!item) {
      item = { key: `${prefix}${++this.keys}`, at: at ?? new Date().toISOString(), record };
      // A symbol key: JSON never shows it, and it is faster than a WeakMap of every record.
      Object.defineProperty(tagged, ITEM, { value: item, enumerable: false });
    }
    return item;
  }
}
