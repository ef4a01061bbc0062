/**
 * Fault rules on an API request (request phase), tried right after the operation is known and
 * before api-version and auth, as a flaky front end would: answer an ACS error, wait, reset the
 * connection or hang. The HTTP room asks here and acts on the verdict; it never reads a rule.
 */
import { LIMITS, type FaultMark, type RequestAction } from './fault-rule.js';
import type { FaultRules, TakenFault } from './fault-rules.js';
import type { FaultTimers } from './fault-timers.js';

/** What is known about the request before its body is validated. */
export interface RequestSubject {
  operation: string;
  callConnectionId?: string;
  /** Raw ids the body is about; asked only when a rule matches on `participant`, at most once. */
  participants: () => readonly string[];
}

/** The request's connection, as far as a fault needs it. */
export interface RequestConnection {
  /** Drops the connection without an answer. */
  destroy(): void;
  /** Runs `listener` when the client goes away first. */
  onClose(listener: () => void): void;
}

export type ErrorAction = Extract<RequestAction, { type: 'error' }>;

export type RequestVerdict =
  /** Go on handling the request (no rule applied, or a delay has passed). */
  | { type: 'proceed'; mark?: FaultMark }
  /** Answer this ACS error instead. */
  | { type: 'error'; mark: FaultMark; action: ErrorAction }
  /** The connection was reset, or is held until the hang ends: send nothing. */
  | { type: 'closed'; mark: FaultMark };

const PROCEED: RequestVerdict = { type: 'proceed' };

export async function requestPhase(
  rules: FaultRules,
  timers: FaultTimers,
  subject: RequestSubject,
  connection: RequestConnection,
): Promise<RequestVerdict> {
  if (rules.size === 0) return PROCEED;
  const taken = rules.take({ phase: 'request', ...subject }) as
    TakenFault<RequestAction> | undefined;
  if (!taken) return PROCEED;
  const { action, mark } = taken;
  switch (action.type) {
    case 'error':
      return { type: 'error', mark, action };
    case 'delay':
      await timers.delay(mark.ms ?? 0);
      return { type: 'proceed', mark };
    case 'reset':
      connection.destroy();
      return { type: 'closed', mark };
    case 'hang': {
      const ms = action.ms ?? LIMITS.defaultHangMs;
      const close = () => connection.destroy();
      const cancel = timers.after(ms, close, { onReset: close, onStop: close });
      // A client that gives up first ends the wait too.
      connection.onClose(cancel);
      return { type: 'closed', mark: { ...mark, ms } };
    }
  }
}
