/**
 * One shared copy of strings that many calls repeat (an app gives every call the same callback
 * URL): each call that stores the pooled copy saves the bytes of its own. Bounded: when full the
 * pool starts over, which only costs the sharing of strings seen before.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  constructor(private readonly limit: number) {}

  intern = (value: string): string => {
    const kept = this.strings.get(value);
    if (kept !== undefined) return kept;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    return value;
  };

  get size(): number {
    return this.strings.size;
  }

  clear(): void {
    this.strings.clear();
  }
}
