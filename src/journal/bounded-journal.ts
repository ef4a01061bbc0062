/**
 * A bounded, observable journal of records, oldest first. Past its bound, the oldest *finished*
 * record goes; a record that is still pending is never evicted, so the journal may hold more than
 * its bound while more than that many records are pending, and shrinks back as they finish.
 *
 * Work per add or change is O(1) amortized whatever the backlog: records sit in a linked list in
 * insertion order, and eviction scans it with a cursor that only moves forward. A pending record
 * the cursor passes is left in place (never copied); if it finishes later it joins a queue of
 * "late" finished records, all older than anything at or after the cursor, which go first.
 */

interface Node<T> {
  record: T;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
  /** The eviction cursor has passed it (it was pending then). */
  passed: boolean;
  /** Queued in `late` (finished after the cursor passed it). */
  late: boolean;
}

export type JournalListener<T> = (record: T) => void;

export interface JournalOptions<T, F> {
  /** Records kept once finished; at least 0. */
  limit: number;
  /** Whether a record matches a filter (`list`, `find`, waits). */
  matches: (record: T, filter: F) => boolean;
  /** A pending record is never evicted; when absent, every record counts as finished. */
  isPending?: (record: T) => boolean;
}

export class BoundedJournal<T extends object, F> {
  private head: Node<T> | undefined;
  private tail: Node<T> | undefined;
  /** The next record eviction looks at; undefined when it has passed every record. */
  private cursor: Node<T> | undefined;
  /** Finished records behind the cursor, in the order they finished. */
  private late: Node<T>[] = [];
  private lateStart = 0;
  private readonly nodes = new Map<T, Node<T>>();
  private readonly listeners = new Set<JournalListener<T>>();

  constructor(private readonly options: JournalOptions<T, F>) {}

  /** Appends a record, evicts what the bound asks, then tells listeners. */
  add(record: T): void {
    const node: Node<T> = { record, prev: this.tail, next: undefined, passed: false, late: false };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.cursor ??= node;
    this.nodes.set(record, node);
    this.trim();
    this.notify(record);
  }

  /** Tells listeners a record changed (an attempt or a new status); may let old records go. */
  changed(record: T): void {
    const node = this.nodes.get(record);
    if (node?.passed && !node.late && !this.pending(record)) {
      node.late = true;
      this.late.push(node);
    }
    this.trim();
    this.notify(record);
  }

  /** Records that match `filter` (all without one), oldest first. */
  list(filter?: F): T[] {
    const out: T[] = [];
    for (let node = this.head; node; node = node.next)
      if (filter === undefined || this.options.matches(node.record, filter)) out.push(node.record);
    return out;
  }

  /** The oldest record that matches, if any. */
  find(filter: F): T | undefined {
    for (let node = this.head; node; node = node.next)
      if (this.options.matches(node.record, filter)) return node.record;
    return undefined;
  }

  /** Whether `record` matches `filter` (the journal's own rule, for waiters). */
  matches(record: T, filter: F): boolean {
    return this.options.matches(record, filter);
  }

  /** Whether the record is still held (not evicted, not cleared). */
  has(record: T): boolean {
    return this.nodes.has(record);
  }

  /** Calls `listener` on every add and change; returns the unsubscribe function. */
  subscribe(listener: JournalListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Forgets every record (listeners stay). */
  clear(): void {
    this.head = this.tail = this.cursor = undefined;
    this.late = [];
    this.lateStart = 0;
    this.nodes.clear();
  }

  private pending(record: T): boolean {
    return this.options.isPending?.(record) ?? false;
  }

  private trim(): void {
    while (this.nodes.size > this.options.limit) {
      const victim = this.nextLate() ?? this.nextFinished();
      if (!victim) return; // everything left is pending
      this.remove(victim);
    }
  }

  /** The oldest-finished record behind the cursor, if any. */
  private nextLate(): Node<T> | undefined {
    while (this.lateStart < this.late.length) {
      const node = this.late[this.lateStart] as Node<T>;
      this.lateStart++;
      if (this.lateStart > 1024 && this.lateStart * 2 > this.late.length) {
        this.late = this.late.slice(this.lateStart);
        this.lateStart = 0;
      }
      if (this.nodes.get(node.record) !== node) continue;
      node.late = false;
      if (!this.pending(node.record)) return node;
    }
    return undefined;
  }

  /** Moves the cursor past pending records to the next finished one. */
  private nextFinished(): Node<T> | undefined {
    while (this.cursor && this.pending(this.cursor.record)) {
      this.cursor.passed = true;
      this.cursor = this.cursor.next;
    }
    const found = this.cursor;
    if (found) this.cursor = found.next;
    return found;
  }

  private remove(node: Node<T>): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    if (this.cursor === node) this.cursor = node.next;
    this.nodes.delete(node.record);
  }

  private notify(record: T): void {
    for (const listener of this.listeners) listener(record);
  }
}
