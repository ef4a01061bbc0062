/** Where the call service hands the events it produces: delivery, or the fault layer in front of it. */
import type { FaultMark } from '../domain/forced-outcome.js';
import type { CloudEvent } from './cloud-event.js';

/** What the producer knows about an event beyond its envelope. */
export interface EventMeta {
  /** Raw id of the participant the event is about, when it is about one. */
  participant?: string;
  /** Fault rules that already touched it (failOperation, failTone). */
  faults?: readonly FaultMark[];
}

export interface EventSink {
  enqueue(callConnectionId: string, url: string, event: CloudEvent, meta?: EventMeta): void;
}
