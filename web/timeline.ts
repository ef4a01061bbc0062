/**
 * One call's timeline: the app's requests, the callbacks sent and the caller's actions, in the
 * order they happened. Pure, for the unit tests.
 */
import type { CallbackRecord, CallerAction, Item, Model, RequestRecord } from './model.js';

export type TimelineEntry =
  | { kind: 'request'; key: string; at: string; record: RequestRecord }
  | { kind: 'callback'; key: string; at: string; record: CallbackRecord }
  | { kind: 'caller'; key: string; at: string; record: CallerAction };

/** At the same millisecond, the cause comes first: a request or a caller action, then callbacks. */
const RANK: Record<TimelineEntry['kind'], number> = { request: 0, caller: 0, callback: 1 };

const keyNumber = (key: string) => Number(key.slice(1)) || 0;

export function timelineOf(model: Model, callConnectionId: string): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const contexts = new Set<string>();
  for (const item of model.requests.values()) {
    if (item.record.callConnectionId !== callConnectionId) continue;
    entries.push({ kind: 'request', ...item });
    const body = item.record.body as { incomingCallContext?: unknown } | undefined;
    if (item.record.operation === 'AnswerCall' && typeof body?.incomingCallContext === 'string')
      contexts.add(body.incomingCallContext);
  }
  for (const item of model.callbacks.values())
    if (item.record.callConnectionId === callConnectionId)
      entries.push({ kind: 'callback', ...(item as Item<CallbackRecord>) });
  for (const item of model.callerActions.values()) {
    const { record } = item;
    const placedThisCall =
      record.action === 'incomingCall' &&
      contexts.has(String(record.detail.incomingCallContext ?? ''));
    if (record.callConnectionId === callConnectionId || placedThisCall)
      entries.push({ kind: 'caller', ...item });
  }
  return entries.sort(
    (a, b) =>
      a.at.localeCompare(b.at) ||
      RANK[a.kind] - RANK[b.kind] ||
      keyNumber(a.key) - keyNumber(b.key),
  );
}

/** Whether an entry went wrong: a 4xx/5xx answer, a dropped connection, or a failed delivery. */
export function isFailure(entry: TimelineEntry): boolean {
  if (entry.kind === 'request') return entry.record.status === 0 || entry.record.status >= 400;
  if (entry.kind === 'callback')
    return entry.record.status === 'failed' || entry.record.status === 'dropped';
  return false;
}

/** Short text for a timeline row. */
export function summaryOf(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'request': {
      const r = entry.record;
      const error = r.errorCode ? ` ${r.errorCode}` : '';
      return `${r.operation ?? `${r.method} ${r.path}`} → ${r.status === 0 ? 'no answer' : r.status}${error}`;
    }
    case 'callback': {
      const r = entry.record;
      const name = r.type.replace(/^Microsoft\.Communication\./, '');
      const attempts = `${r.attempts.length} attempt${r.attempts.length === 1 ? '' : 's'}`;
      return `${name} → ${r.status} (${attempts})`;
    }
    case 'caller': {
      const r = entry.record;
      if (r.action === 'dtmf')
        return `caller pressed ${(r.detail.tones as string[] | undefined)?.join(', ') ?? ''}`;
      if (r.action === 'dtmfIgnored')
        return `caller's ${(r.detail.tone as string | undefined) ?? 'key'} ignored: ${(r.detail.reason as string | undefined) ?? ''}`;
      if (r.action === 'hangUp') return 'caller hung up';
      return `caller placed an incoming call`;
    }
  }
}

/** Per call, how many of its requests were refused and callbacks went undelivered. */
export function failuresByCall(model: Model): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (entry: TimelineEntry) => {
    const id = entry.record.callConnectionId;
    if (id !== undefined && isFailure(entry)) counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const item of model.requests.values()) add({ kind: 'request', ...item });
  for (const item of model.callbacks.values()) add({ kind: 'callback', ...item });
  return counts;
}
