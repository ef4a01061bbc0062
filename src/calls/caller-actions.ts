/**
 * The bounded journal of what the simulated caller did through the control API (placed an
 * incoming call, pressed keys, hung up), so a call's timeline can show the caller beside the app's
 * requests and the callbacks. Recorded once the action was accepted.
 */
import { BoundedJournal } from '../journal/bounded-journal.js';

/** `dtmfIgnored`: keys the caller pressed that nothing on the call took, with the reason. */
export type CallerActionType = 'incomingCall' | 'dtmf' | 'dtmfIgnored' | 'hangUp';

export interface CallerAction {
  /** The order actions were accepted in (from 1). */
  sequence: number;
  /** When the control API received it (wall clock, ISO 8601), like the request journal's `time`. */
  time: string;
  action: CallerActionType;
  /** Absent for an incoming call that nobody has answered yet. */
  callConnectionId?: string;
  /** What the control API answered, plus what the caller sent. */
  detail: Record<string, unknown>;
}

export interface CallerActionFilter {
  callConnectionId?: string;
}

export class CallerActionJournal extends BoundedJournal<CallerAction, CallerActionFilter> {
  private sequence = 0;

  constructor(limit: number) {
    super({
      limit,
      matches: (a, f) =>
        f.callConnectionId === undefined || a.callConnectionId === f.callConnectionId,
    });
  }

  /**
   * Journals an accepted action, numbering it. `receivedAt` is when its request arrived, so it
   * sorts before the callbacks it caused.
   */
  record(action: Omit<CallerAction, 'sequence' | 'time'>, receivedAt: Date): CallerAction {
    const entry: CallerAction = {
      sequence: ++this.sequence,
      time: receivedAt.toISOString(),
      ...action,
    };
    this.add(entry);
    return entry;
  }
}
