/**
 * What the page knows, kept up to date from GET /admin/stream. Pure (no DOM): the unit tests drive
 * it with the stream's messages. The shapes are the control API's JSON as documented in
 * docs/live-stream.md; the page never imports the server's code.
 */

export interface Identifier {
  rawId: string;
  kind?: string;
  [field: string]: unknown;
}

export interface CallView {
  callConnectionId: string;
  callConnectionState: string;
  createdAt: string;
  connectedAt?: string;
  endedAt?: string;
  endedBy?: string;
  source?: Identifier;
  targets?: Identifier[];
  participants: { identifier: Identifier; isMuted: boolean; isOnHold: boolean }[];
  [field: string]: unknown;
}

export interface FaultMark {
  ruleId: string;
  action: string;
  [field: string]: unknown;
}

export interface RequestRecord {
  id: string;
  time: string;
  method: string;
  path: string;
  operation?: string;
  callConnectionId?: string;
  status: number;
  errorCode?: string;
  body?: unknown;
  faults?: FaultMark[];
  [field: string]: unknown;
}

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface CallbackRecord {
  id: string;
  type: string;
  url: string;
  status: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
  callConnectionId?: string;
  faults?: FaultMark[];
  event: { data?: Record<string, unknown>; [field: string]: unknown };
  [field: string]: unknown;
}

export interface CallerAction {
  sequence: number;
  time: string;
  action: 'incomingCall' | 'dtmf' | 'dtmfIgnored' | 'hangUp';
  callConnectionId?: string;
  detail: Record<string, unknown>;
}

/** A journal record with the stream's stable key and when the emulator first saw it. */
export interface Item<T> {
  key: string;
  at: string;
  record: T;
}

export interface FaultRule {
  id: string;
  match?: Record<string, unknown>;
  action: { type: string; [field: string]: unknown };
  times?: number;
  probability?: number;
  hits?: number;
  [field: string]: unknown;
}

export interface ClockView {
  mode: 'system' | 'manual';
  now: string;
}

export interface Snapshot {
  calls: CallView[];
  requests: Item<RequestRecord>[];
  callbacks: Item<CallbackRecord>[];
  callerActions: Item<CallerAction>[];
  faults: { value: FaultRule[]; seed: number };
  clock: ClockView;
}

/** Records the page holds per journal; older ones go (the JSON routes keep the full journals). */
export const PAGE_RECORD_LIMIT = 5_000;

export class Model {
  calls = new Map<string, CallView>();
  requests = new Map<string, Item<RequestRecord>>();
  callbacks = new Map<string, Item<CallbackRecord>>();
  callerActions = new Map<string, Item<CallerAction>>();
  faults: FaultRule[] = [];
  seed = 0;
  clock: ClockView = { mode: 'system', now: new Date(0).toISOString() };
  /** Bumped on every change, so the view knows when to draw again. */
  version = 0;

  /** Applies one stream message; unknown message types are ignored (a newer emulator may add some). */
  apply(event: string, data: unknown): void {
    this.version++;
    switch (event) {
      case 'snapshot':
        return this.load(data as Snapshot);
      case 'call': {
        const call = data as CallView;
        this.calls.set(call.callConnectionId, call);
        return;
      }
      case 'request':
        return put(this.requests, data as Item<RequestRecord>);
      case 'callback':
        return put(this.callbacks, data as Item<CallbackRecord>);
      case 'caller':
        return put(this.callerActions, data as Item<CallerAction>);
      case 'faults': {
        const faults = data as Snapshot['faults'];
        this.faults = faults.value;
        this.seed = faults.seed;
        return;
      }
      case 'clock':
        this.clock = data as ClockView;
        return;
      case 'reset':
        return this.load({ ...EMPTY, faults: { value: [], seed: this.seed }, clock: this.clock });
    }
  }

  private load(snapshot: Snapshot): void {
    this.calls = new Map(snapshot.calls.map((c) => [c.callConnectionId, c]));
    this.requests = new Map(snapshot.requests.map((i) => [i.key, i]));
    this.callbacks = new Map(snapshot.callbacks.map((i) => [i.key, i]));
    this.callerActions = new Map(snapshot.callerActions.map((i) => [i.key, i]));
    this.faults = snapshot.faults.value;
    this.seed = snapshot.faults.seed;
    this.clock = snapshot.clock;
  }
}

const EMPTY: Omit<Snapshot, 'faults' | 'clock'> = {
  calls: [],
  requests: [],
  callbacks: [],
  callerActions: [],
};

/** Replaces an item in place (a Map keeps its first insertion order) and bounds the map. */
function put<T>(map: Map<string, Item<T>>, item: Item<T>): void {
  map.set(item.key, item);
  if (map.size > PAGE_RECORD_LIMIT) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
