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
    time: new Date(now).toISOString(),
    specversion: '1.0',
    datacontenttype: 'application/json',
    subject: source,
  };
}

/** The wire body: a JSON array holding exactly one event (the SDK parser reads only element 0). */
export const callbackBody = (event: CloudEvent): string => JSON.stringify([event]);
