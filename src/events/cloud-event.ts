/** The CloudEvents 1.0 envelope of a Call Automation callback. */
import { newGuid } from '../domain/ids.js';
import { fullEventType } from './catalogue.js';

export interface CloudEvent {
  id: string;
  source: string;
  type: string;
  data: Record<string, unknown>;
  time: string;
  specversion: '1.0';
  datacontenttype: 'application/json';
  subject: string;
}

/**
 * The service writes `time` as .NET does: fractional seconds with trailing zeros dropped and a
 * `+00:00` offset, e.g. `2025-06-16T20:52:33.731103+00:00` (its recorded callbacks). The emulator's
 * clock has milliseconds, so at most three digits are significant; at least one is always written.
 */
export function serviceTime(now: number): string {
  // Events come in bursts within one millisecond: the last answer is kept.
  if (now === lastTime.now) return lastTime.text;
  const iso = new Date(now).toISOString(); // 2025-06-16T20:52:33.731Z
  const fraction = iso.slice(20, 23).replace(/0+$/, '') || '0';
  lastTime = { now, text: `${iso.slice(0, 19)}.${fraction}+00:00` };
  return lastTime.text;
}

let lastTime = { now: Number.NaN, text: '' };

export function buildCloudEvent(
  name: string,
  callConnectionId: string,
  data: Record<string, unknown>,
  now: number,
): CloudEvent {
  const source = `calling/callConnections/${callConnectionId}`;
  return {
    id: newGuid(),
    source,
    type: fullEventType(name),
    data,
    time: serviceTime(now),
    specversion: '1.0',
    datacontenttype: 'application/json',
    subject: source,
  };
}

/** The wire body: a JSON array holding exactly one event (the SDK parser reads only element 0). */
export const callbackBody = (event: CloudEvent): string => JSON.stringify([event]);
