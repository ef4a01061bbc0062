/** In-memory call connections by id. */
import type { Call } from '../domain/call.js';

export class CallStore {
  private readonly calls = new Map<string, Call>();

  get(id: string): Call | undefined {
    return this.calls.get(id);
  }

  put(call: Call): void {
    this.calls.set(call.callConnectionId, call);
  }

  delete(id: string): void {
    this.calls.delete(id);
  }

  list(): Call[] {
    return [...this.calls.values()];
  }

  get size(): number {
    return this.calls.size;
  }

  clear(): void {
    this.calls.clear();
  }
}
