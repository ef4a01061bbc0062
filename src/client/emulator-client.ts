/**
 * A small typed client for the emulator's control API (/admin and the OpenID documents), for tests
 * written in TypeScript. It uses the global fetch and nothing from the server, so it works against
 * an emulator in the same process, another process or a container.
 */
import type { PartyRule } from '../calls/party-rules.js';
import type { PartyAnswer } from '../domain/results.js';
import type { DeliveryStatus, EventRecord } from '../events/event-journal.js';
import type { OpenIdConfiguration } from '../events/webhook-signer.js';
import type { FaultRule, FaultRuleInput } from '../faults/fault-rule.js';
import type { RequestRecord } from '../http/request-journal.js';

export interface EventQuery {
  callConnectionId?: string;
  /** Short (`CallConnected`) or full (`Microsoft.Communication.CallConnected`) type name. */
  type?: string;
  status?: DeliveryStatus;
  operationContext?: string;
}

export interface WaitForEventQuery extends EventQuery {
  /** How long the emulator waits before answering 408 (default 10000, at most 290000). */
  timeoutMs?: number;
}

export interface RequestQuery {
  callConnectionId?: string;
  /** The swagger operationId, e.g. `CreateCall` or `CallMedia_StopContinuousDtmfRecognition`. */
  operation?: string;
}

/** GET /admin/calls/{id}: ACS call properties plus what the cloud does not show. */
export interface AdminCallView {
  callConnectionId: string;
  callConnectionState: string;
  callbackUri?: string;
  serverCallId?: string;
  correlationId?: string;
  [field: string]: unknown;
}

/** How a party answers (PUT /admin/parties/{rawId}). */
export interface PartyRuleInput {
  answer: PartyAnswer;
  /** When it answers, in ms on the emulator clock; the connect delay when absent. */
  afterMs?: number;
}

export type { PartyRule } from '../calls/party-rules.js';
export type { PartyAnswer } from '../domain/results.js';

/** POST /admin/calls/{id}/participants/{rawId}/hang-up answers this. */
export interface ParticipantHangUp {
  callConnectionId: string;
  participant: string;
  /** The call's state after the participant left: `disconnected` when nobody was left. */
  callConnectionState: string;
}

export interface HealthReport {
  status: string;
  version: string;
  uptimeSeconds: number;
  calls: number;
  pendingCallbacks: number;
  /** Whether the control API has a key and is reachable from the network; `warning` when open. */
  controlPlane?: { protected: boolean; networkBound: boolean; warning?: string };
}

/** What POST /admin/calls/{id}/dtmf answers. */
/** What one pressed key did: taken, ignored (with why), or still to be pressed. */
export type PressedKey =
  | { tone: string; outcome: 'delivered'; to: ('recognize' | 'continuousRecognition')[] }
  | { tone: string; outcome: 'ignored'; reason: string }
  /** Pressed later (`intervalMs`); an ignored one then shows in GET /admin/caller-actions. */
  | { tone: string; outcome: 'scheduled' }
  /** Waiting for a recognize to listen (`when: 'listening'`). */
  | { tone: string; outcome: 'waiting' };

export interface PressedKeys {
  callConnectionId: string;
  participant: string;
  tones: string[];
  intervalMs: number;
  when: 'now' | 'listening';
  /** Only with `when: 'listening'`. */
  waitMs?: number;
  /** Each key in order. */
  keys: PressedKey[];
}

export interface PressKeysOptions {
  participant?: string;
  intervalMs?: number;
  /**
   * `'listening'`: wait (on the emulator clock, at most `waitMs`, default 30 s) until a recognize
   * for the participant is past its prompt, then press; keys pressed during a prompt that cannot
   * be interrupted are otherwise ignored.
   */
  when?: 'now' | 'listening';
  waitMs?: number;
}

/** The body of POST /admin/incoming-calls: who calls whom; raw ids or identifier models. */
export interface IncomingCallRequest {
  from: string | Record<string, unknown>;
  to: string | Record<string, unknown>;
  callerDisplayName?: string;
  /** Where IncomingCall is POSTed; the emulator's --incoming-call-webhook when absent. */
  webhookUrl?: string;
  customContext?: Record<string, unknown>;
}

export interface PlacedIncomingCall {
  incomingCallContext: string;
  serverCallId: string;
  correlationId: string;
}

/** A non-2xx answer from the emulator, with the ACS error envelope's code and message. */
export class EmulatorClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorClientError';
  }
}

export class EmulatorClient {
  /** The emulator's base URL, always with a trailing slash. */
  readonly baseUrl: string;

  /**
   * @param endpoint the emulator's URL (`http://127.0.0.1:8833`) or a connection string
   *   (`endpoint=http://127.0.0.1:8833/;accesskey=...`).
   */
  constructor(endpoint: string) {
    const fromConnectionString = /(?:^|;)\s*endpoint=([^;]+)/i.exec(endpoint)?.[1];
    const url = new URL(fromConnectionString ?? endpoint);
    this.baseUrl = url.href.endsWith('/') ? url.href : `${url.href}/`;
  }

  /** Recorded callbacks, oldest first. */
  async listEvents(query: EventQuery = {}): Promise<EventRecord[]> {
    return (await this.get<{ value: EventRecord[] }>('admin/events', { ...query })).value;
  }

  /**
   * The first callback record that matches, whether it was recorded before this call or arrives
   * during the wait. Rejects with an {@link EmulatorClientError} of status 408 when none does.
   */
  async waitForEvent(query: WaitForEventQuery = {}): Promise<EventRecord> {
    const { timeoutMs, ...filter } = query;
    return this.get<EventRecord>('admin/events/wait', {
      ...filter,
      ...(timeoutMs !== undefined ? { timeoutMs: String(timeoutMs) } : {}),
    });
  }

  /** The journal of ACS API requests, oldest first (Authorization redacted). */
  async listRequests(query: RequestQuery = {}): Promise<RequestRecord[]> {
    return (await this.get<{ value: RequestRecord[] }>('admin/requests', { ...query })).value;
  }

  async listCalls(): Promise<AdminCallView[]> {
    return (await this.get<{ value: AdminCallView[] }>('admin/calls', {})).value;
  }

  async getCall(callConnectionId: string): Promise<AdminCallView> {
    return this.get<AdminCallView>(`admin/calls/${encodeURIComponent(callConnectionId)}`, {});
  }

  /**
   * Adds a fault rule (POST /admin/faults); it is tried before every older rule. Resolves with the
   * stored rule and its `id`; rejects with status 400 naming the bad field of a malformed rule.
   */
  async addFault(rule: FaultRuleInput): Promise<FaultRule> {
    const response = await this.send('POST', 'admin/faults', {}, rule);
    return (await response.json()) as FaultRule;
  }

  /** The fault rules in the order they are tried (newest first), with the `times` left. */
  async listFaults(): Promise<FaultRule[]> {
    return (await this.get<{ value: FaultRule[] }>('admin/faults', {})).value;
  }

  /** The seed of the fault rules' generator (--seed, or the random one chosen at start). */
  async faultSeed(): Promise<number> {
    return (await this.get<{ seed: number }>('admin/faults', {})).seed;
  }

  /** Removes one fault rule; rejects with status 404 when no rule has that id. */
  async removeFault(id: string): Promise<void> {
    await this.send('DELETE', `admin/faults/${encodeURIComponent(id)}`, {});
  }

  /** Removes every fault rule. */
  async clearFaults(): Promise<void> {
    await this.send('DELETE', 'admin/faults', {});
  }

  /**
   * The simulated caller presses `tones` (e.g. `'1234#'`) on the call: the first now, each next
   * one `intervalMs` later on the emulator clock. `participant` defaults to the remote party.
   * The answer says what each key did (`keys`).
   */
  async pressKeys(
    callConnectionId: string,
    tones: string,
    options: PressKeysOptions = {},
  ): Promise<PressedKeys> {
    const response = await this.send(
      'POST',
      `admin/calls/${encodeURIComponent(callConnectionId)}/dtmf`,
      {},
      { tones, ...options },
    );
    return (await response.json()) as PressedKeys;
  }

  /**
   * Sends a failed or dropped event again (same id, new attempts appended to its record); resolves
   * with the records that went back to `pending`.
   */
  async redeliverEvent(eventId: string): Promise<EventRecord[]> {
    const response = await this.send(
      'POST',
      `admin/events/${encodeURIComponent(eventId)}/redeliver`,
      {},
      {},
    );
    return ((await response.json()) as { value: EventRecord[] }).value;
  }

  /** Sends every failed event of a call again; resolves with those records (none failed: []). */
  async redeliverFailedEvents(callConnectionId: string): Promise<EventRecord[]> {
    const response = await this.send(
      'POST',
      `admin/calls/${encodeURIComponent(callConnectionId)}/events/redeliver`,
      {},
      {},
    );
    return ((await response.json()) as { value: EventRecord[] }).value;
  }

  /** The remote party hangs up: the call ends with CallDisconnected. */
  async hangUp(callConnectionId: string): Promise<void> {
    await this.send('POST', `admin/calls/${encodeURIComponent(callConnectionId)}/hang-up`, {}, {});
  }

  /**
   * Places an incoming call: the emulator POSTs IncomingCall to `webhookUrl` (or the
   * --incoming-call-webhook); resolves with the `incomingCallContext` the app answers with.
   */
  async placeIncomingCall(call: IncomingCallRequest): Promise<PlacedIncomingCall> {
    const response = await this.send('POST', 'admin/incoming-calls', {}, call);
    return (await response.json()) as PlacedIncomingCall;
  }

  /**
   * Sets how a phone number (`4:+1...`) or ACS user (`8:acs:...`) answers a call, an invitation or
   * a transfer that reaches it; replaces its earlier rule.
   */
  async setParty(rawId: string, rule: PartyRuleInput): Promise<PartyRule> {
    const response = await this.send('PUT', `admin/parties/${encodeURIComponent(rawId)}`, {}, rule);
    return (await response.json()) as PartyRule;
  }

  /** The party rules; a party without one accepts after the connect delay. */
  async listParties(): Promise<PartyRule[]> {
    return (await this.get<{ value: PartyRule[] }>('admin/parties', {})).value;
  }

  /** Forgets one party's rule; rejects with status 404 when it has none. */
  async removeParty(rawId: string): Promise<void> {
    await this.send('DELETE', `admin/parties/${encodeURIComponent(rawId)}`, {});
  }

  /**
   * One participant of the call hangs up: ParticipantsUpdated, and CallDisconnected (5001) when
   * nobody is left on the other end.
   */
  async hangUpParticipant(callConnectionId: string, rawId: string): Promise<ParticipantHangUp> {
    const response = await this.send(
      'POST',
      `admin/calls/${encodeURIComponent(callConnectionId)}/participants/${encodeURIComponent(rawId)}/hang-up`,
      {},
    );
    return (await response.json()) as ParticipantHangUp;
  }

  /** Forgets every call, callback record, request record and fault rule. */
  async reset(): Promise<void> {
    await this.send('POST', 'admin/reset', {});
  }

  /** Moves a --clock manual emulator forward; resolves with the new time (ISO 8601). */
  async advanceClock(ms: number): Promise<string> {
    const response = await this.send('POST', 'admin/clock/advance', {}, { ms });
    return ((await response.json()) as { now: string }).now;
  }

  async health(): Promise<HealthReport> {
    return this.get<HealthReport>('health', {});
  }

  /** The discovery document whose jwks_uri verifies the JWT on every callback. */
  async openIdConfiguration(): Promise<OpenIdConfiguration> {
    return this.get<OpenIdConfiguration>('calling/.well-known/acsopenidconfiguration', {});
  }

  private async get<T>(path: string, query: Record<string, string | undefined>): Promise<T> {
    const response = await this.send('GET', path, query);
    return (await response.json()) as T;
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    query: Record<string, string | undefined>,
    body?: unknown,
  ): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, value);
    const response = await fetch(url, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    if (response.ok) return response;
    const text = await response.text();
    let code = `Http${response.status}`;
    let message = text || response.statusText;
    try {
      const envelope = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = envelope.error?.code ?? code;
      message = envelope.error?.message ?? message;
    } catch {
      // Not the ACS envelope (a proxy's page, say): keep the raw text as the message.
    }
    throw new EmulatorClientError(
      response.status,
      code,
      `${method} ${url.pathname}: ${response.status} ${code}: ${message}`,
    );
  }
}
