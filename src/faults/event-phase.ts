/**
 * Fault rules on callbacks (event phase), between the call service and delivery: drop an event
 * (journaled as `dropped`), send extra copies with the same id, send it late, or hold it until the
 * call's next event has been queued. Events no rule touches go straight to delivery.
 */
import type { CloudEvent } from '../events/cloud-event.js';
import type { Delivery } from '../events/delivery.js';
import type { EventMeta, EventSink } from '../events/event-sink.js';
import { LIMITS, type EventAction, type FaultMark } from './fault-rule.js';
import type { FaultRules, TakenFault } from './fault-rules.js';
import type { FaultTimers } from './fault-timers.js';

interface Outgoing {
  callConnectionId: string;
  url: string;
  event: CloudEvent;
  faults: FaultMark[];
}

interface Held extends Outgoing {
  cancel(): void;
}

export class CallbackFaults implements EventSink {
  /** Events a reorder rule holds, per call, in the order they were held. */
  private readonly reordered = new Map<string, Held[]>();

  constructor(
    private readonly delivery: Delivery,
    private readonly rules: FaultRules,
    private readonly timers: FaultTimers,
  ) {}

  enqueue(callConnectionId: string, url: string, event: CloudEvent, meta: EventMeta = {}): void {
    const out: Outgoing = { callConnectionId, url, event, faults: [...(meta.faults ?? [])] };
    const taken = this.rules.take({
      phase: 'event',
      callConnectionId,
      eventType: event.type,
      participants: () => (meta.participant !== undefined ? [meta.participant] : []),
    }) as TakenFault<EventAction> | undefined;
    if (!taken) {
      this.send(out);
      return;
    }
    const { action, mark } = taken;
    out.faults.push(mark);
    switch (action.type) {
      case 'drop':
        this.drop(out);
        return;
      case 'duplicate': {
        this.send(out);
        for (let copy = 1; copy <= (action.copies ?? 1); copy++)
          this.send({ ...out, faults: [...out.faults.slice(0, -1), { ...mark, copy }] });
        return;
      }
      case 'delayEvent':
        this.timers.after(action.ms, () => this.send(out), {
          onReset: () => undefined, // forgotten with everything else
          onStop: () => this.send(out), // cut short, so the stop's flush can still deliver it
        });
        return;
      case 'reorder':
        this.hold(out, action.maxHoldMs ?? LIMITS.defaultMaxHoldMs);
        return;
    }
  }

  /** Forgets held events (the timers are ended by FaultTimers.reset). */
  reset(): void {
    this.reordered.clear();
  }

  private send(out: Outgoing): void {
    this.delivery.enqueue(out.callConnectionId, out.url, out.event, out.faults);
    // A held event goes right after the next event of its call.
    const held = this.reordered.get(out.callConnectionId);
    if (!held) return;
    this.reordered.delete(out.callConnectionId);
    for (const h of held) {
      h.cancel();
      this.delivery.enqueue(h.callConnectionId, h.url, h.event, h.faults);
    }
  }

  /** Journaled as `dropped`, never posted. */
  private drop(out: Outgoing): void {
    this.delivery.recordDropped(out.callConnectionId, out.url, out.event, out.faults);
  }

  /** Holds for reorder; with no next event within `maxHoldMs`, it goes out on its own. */
  private hold(out: Outgoing, maxHoldMs: number): void {
    const release = () => {
      const held = this.reordered.get(out.callConnectionId) ?? [];
      const rest = held.filter((h) => h !== entry);
      if (rest.length > 0) this.reordered.set(out.callConnectionId, rest);
      else this.reordered.delete(out.callConnectionId);
      this.delivery.enqueue(out.callConnectionId, out.url, out.event, out.faults);
    };
    const entry: Held = {
      ...out,
      cancel: this.timers.after(maxHoldMs, release, {
        onReset: () => undefined,
        onStop: release,
      }),
    };
    const held = this.reordered.get(out.callConnectionId);
    if (held) held.push(entry);
    else this.reordered.set(out.callConnectionId, [entry]);
  }
}
