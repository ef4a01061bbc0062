/**
 * GET /admin/stream: every change in the emulator as server-sent events (docs/live-stream.md).
 * A new client first gets one `snapshot`; a client that reconnects with Last-Event-ID gets the
 * changes it missed, or a fresh `snapshot` when they are no longer kept.
 */
import { Router } from 'express';
import type { FaultRule } from '../faults/fault-rule.js';
import type { FeedEntry } from '../feed/feed-entry.js';
import { lastEventIdOf, openSse, type SseMessage } from '../http/sse.js';
import type { EmulatorState } from '../state.js';
import { adminCallView } from './admin-call-view.js';
import { incomingCallView } from './admin-caller.js';

/** Journal records a snapshot carries at most, newest kept (the JSON routes have them all). */
export const SNAPSHOT_RECORDS = 1_000;
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;
/** What may wait for a slow reader before the stream closes (it reconnects with Last-Event-ID). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function clockView(state: EmulatorState): { mode: 'system' | 'manual'; now: string } {
  return { mode: state.clock.kind, now: new Date(state.clock.now()).toISOString() };
}

export function faultsView(state: EmulatorState): { value: FaultRule[]; seed: number } {
  return { value: state.faults.rules.list(), seed: state.faults.rules.seed };
}

function snapshot(state: EmulatorState): Record<string, unknown> {
  const { feed } = state;
  const now = state.clock.now();
  return {
    calls: state.calls.list().map(adminCallView),
    incomingCalls: state.calls.incoming.list().map((i) => incomingCallView(i, now)),
    requests: state.requests
      .list()
      .slice(-SNAPSHOT_RECORDS)
      .map((r) => feed.request(r)),
    callbacks: state.delivery.journal
      .list()
      .slice(-SNAPSHOT_RECORDS)
      .map((r) => feed.callback(r)),
    callerActions: state.callerActions
      .list()
      .slice(-SNAPSHOT_RECORDS)
      .map((r) => feed.caller(r)),
    faults: faultsView(state),
    clock: clockView(state),
  };
}

function dataOf(entry: FeedEntry): { event: string; data: unknown } {
  const change = entry.change;
  switch (change.kind) {
    case 'call':
      return { event: 'call', data: adminCallView(change.call) };
    case 'request':
    case 'callback':
    case 'caller':
      return { event: change.kind, data: change.item };
    case 'clock':
      return { event: 'clock', data: { mode: change.mode, now: change.now } };
    case 'faults':
      return { event: 'faults', data: { value: change.value, seed: change.seed } };
    case 'reset':
      return { event: 'reset', data: {} };
  }
}

/** The feed position in a Last-Event-ID of this run (`<epoch>-<n>`), if it is one. */
function positionOf(id: string | undefined, epoch: string): number | undefined {
  const match = id === undefined ? null : /^([A-Za-z0-9]+)-(\d{1,15})$/.exec(id);
  return match && match[1] === epoch ? Number(match[2]) : undefined;
}

export function adminStreamRouter(state: EmulatorState): Router {
  const router = Router();
  const { feed } = state;
  const idOf = (seq: number) => `${feed.epoch}-${seq}`;

  router.get('/stream', (req, res) => {
    const header = lastEventIdOf(req.headers['last-event-id']);
    const from = positionOf(header, feed.epoch);
    const missed = from === undefined ? undefined : feed.since(from);
    let unsubscribe = () => {};
    const stream = openSse(res, {
      heartbeatMs: HEARTBEAT_MS,
      retryMs: RETRY_MS,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      onClose: () => unsubscribe(),
    });
    const send = (entry: FeedEntry) => {
      const message: SseMessage = { id: idOf(entry.seq), ...dataOf(entry) };
      stream.send(message);
    };
    // Everything below runs in one turn, so no change falls between the catch-up and the live feed.
    if (missed) for (const entry of missed) send(entry);
    else stream.send({ id: idOf(feed.last), event: 'snapshot', data: snapshot(state) });
    unsubscribe = feed.subscribe(send);
    if (res.destroyed || res.writableEnded) unsubscribe(); // the client left before we listened
  });

  return router;
}
