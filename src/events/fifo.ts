/**
 * A first-in first-out queue with O(1) push and shift (an array's `shift` copies the array once
 * it is large, and one delivery queue can hold tens of thousands of events).
 */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private start = 0;

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, left in place. */
  peek(): T | undefined {
    return this.items[this.start];
  }

  shift(): T | undefined {
    if (this.start >= this.items.length) return undefined;
    const item = this.items[this.start] as T;
    this.items[this.start] = undefined; // let it be collected before the next compaction
    this.start++;
    // Drop the consumed front once it is most of the array: amortized O(1).
    if (this.start > 1024 && this.start * 2 > this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    return item;
  }

  get length(): number {
    return this.items.length - this.start;
  }

  /** The items, oldest first. */
  toArray(): T[] {
    return this.items.slice(this.start) as T[];
  }
}
