/**
 * Event Grid subscriptions: named webhooks that receive Event Grid events (IncomingCall,
 * RecordingFileStatusUpdated), each optionally filtered by event type, as an Event Grid
 * subscription on an ACS resource is. The ones from settings (--event-grid-webhook,
 * --incoming-call-webhook) stay through /admin/reset; the ones added over the control API do not.
 */
import type { Delivery } from './delivery.js';
import type { EventGridEvent } from './event-grid.js';
import type { EventGridRecord } from './event-journal.js';

export interface EventSubscription {
  name: string;
  url: string;
  /** Full event types (`Microsoft.Communication.IncomingCall`); every type when absent. */
  eventTypes?: readonly string[];
  /** Set by a setting; kept on reset. */
  fromSettings?: boolean;
}

export const INCOMING_CALL_EVENT_TYPE = 'Microsoft.Communication.IncomingCall';

export class EventGridSubscriptions {
  private readonly subscriptions = new Map<string, EventSubscription>();

  constructor(
    private readonly delivery: Delivery,
    settings: { eventGridWebhook?: string; incomingCallWebhook?: string } = {},
  ) {
    if (settings.eventGridWebhook)
      this.put({ name: 'event-grid-webhook', url: settings.eventGridWebhook, fromSettings: true });
    if (settings.incomingCallWebhook)
      this.put({
        name: 'incoming-call-webhook',
        url: settings.incomingCallWebhook,
        eventTypes: [INCOMING_CALL_EVENT_TYPE],
        fromSettings: true,
      });
  }

  /** Adds or replaces a subscription; returns whether it replaced one. */
  put(subscription: EventSubscription): boolean {
    const replaced = this.subscriptions.has(subscription.name);
    this.subscriptions.set(subscription.name, subscription);
    return replaced;
  }

  get(name: string): EventSubscription | undefined {
    return this.subscriptions.get(name);
  }

  delete(name: string): boolean {
    return this.subscriptions.delete(name);
  }

  list(): EventSubscription[] {
    return [...this.subscriptions.values()];
  }

  /** The URLs that receive `eventType`, each once, in the order subscriptions were added. */
  urlsFor(eventType: string): string[] {
    const urls = new Set<string>();
    for (const s of this.subscriptions.values())
      if (!s.eventTypes || s.eventTypes.includes(eventType)) urls.add(s.url);
    return [...urls];
  }

  /** Queues `event` for every matching subscription under Event Grid's policy. */
  publish(event: EventGridEvent): EventGridRecord[] {
    return this.urlsFor(event.eventType).map((url) => this.delivery.enqueueEventGrid(url, event));
  }

  /** Forgets the subscriptions added over the control API. */
  reset(): void {
    for (const [name, s] of this.subscriptions)
      if (!s.fromSettings) this.subscriptions.delete(name);
  }
}
