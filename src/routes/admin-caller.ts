/**
 * The simulated caller in the control API (route names are a contract): place an incoming call,
 * press keys, hang up. JSON in and out, no ACS auth.
 */
import { Router } from 'express';
import type { Call } from '../domain/call.js';
import { statusAt, type IncomingCall } from '../domain/incoming-calls.js';
import { parseTones, type Tone } from '../domain/tones.js';
import { checkPending } from '../http/backpressure.js';
import { errors } from '../http/errors.js';
import { checkIdentifier, identifierFromRawId, type Identifier } from '../schemas/identifier.js';
import { checkCallbackUri, validateRequest } from '../schemas/validate-request.js';
import { expectApplied } from './call-lookup.js';
import type { Services } from './handler.js';
import { adminParse } from './admin-body.js';
import type { CallerActionJournal } from '../calls/caller-actions.js';
import type { ListeningPresses } from '../calls/listening-presses.js';
import type { ToneFate } from '../domain/tone-fate.js';
import type { CallbackTargets } from '../callback-targets.js';
import type { Delivery } from '../events/delivery.js';
import { maskUrlFields } from '../safe-url.js';

export interface CallerDeps {
  services: Services;
  /** Every accepted action is journaled here (the call timelines show it). */
  actions: CallerActionJournal;
  /** Presses that wait for a recognize to listen (`"when": "listening"`). */
  listening?: ListeningPresses;
  /** Pending callbacks per destination: the caller's presses meet the same bound as requests. */
  delivery: Delivery;
  /** The emulator's one check of URLs it POSTs to. */
  targets?: CallbackTargets;
}

const INCOMING_FIELDS = ['from', 'to', 'callerDisplayName', 'webhookUrl', 'customContext'];
const DTMF_FIELDS = ['tones', 'participant', 'intervalMs', 'when', 'waitMs'];
const DEFAULT_LISTEN_WAIT_MS = 30_000;
const MAX_LISTEN_WAIT_MS = 600_000;

/** What the answer says of a key: its fate, or that it is still to be pressed. */
type KeyView = ToneFate | { tone: Tone; outcome: 'scheduled' | 'waiting' };

/** An identifier given as a raw id string or as a CommunicationIdentifierModel. */
function identifierField(value: unknown, name: string, problems: string[]): Identifier | undefined {
  if (typeof value === 'string' && value !== '') return identifierFromRawId(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const check = validateRequest<never>('CommunicationIdentifierModel', value);
    if (!check.ok) {
      problems.push(...check.problems.map((p) => `${name}${p.startsWith(' ') ? '' : ' '}${p}`));
      return undefined;
    }
    const resolved = checkIdentifier(value, name);
    if ('problems' in resolved) problems.push(...resolved.problems);
    else return resolved.identifier;
    return undefined;
  }
  problems.push(
    `${name} is required: a raw id such as "4:+14255550123" or a CommunicationIdentifierModel`,
  );
  return undefined;
}

function liveCall(services: Services, id: string): Call {
  const call = services.calls.get(id);
  if (!call) throw errors.adminCallNotFound(id);
  if (call.state === 'disconnected') throw errors.adminCallEnded(id);
  return call;
}

export function incomingCallView(incoming: IncomingCall, now: number): Record<string, unknown> {
  return maskUrlFields({
    incomingCallContext: incoming.incomingCallContext,
    serverCallId: incoming.serverCallId,
    correlationId: incoming.correlationId,
    from: incoming.from.model,
    to: incoming.to.model,
    callerDisplayName: incoming.callerDisplayName,
    status: statusAt(incoming, now),
    createdAt: new Date(incoming.createdAt).toISOString(),
    expiresAt: new Date(incoming.expiresAt).toISOString(),
    callConnectionId: incoming.callConnectionId,
    rejectReason: incoming.rejectReason,
    redirectedTo: incoming.redirectedTo,
    webhook: incoming.webhook,
    ...(incoming.origin ? { origin: incoming.origin } : {}),
  });
}

export function callerRouter({
  services,
  actions,
  listening,
  delivery,
  targets,
}: CallerDeps): Router {
  const router = Router();
  const { calls, clock, config } = services;

  router.post('/incoming-calls', (req, res) => {
    const receivedAt = new Date();
    const body = adminParse(req.body, INCOMING_FIELDS);
    const problems: string[] = [];
    const from = identifierField(body.from, 'from', problems);
    const to = identifierField(body.to, 'to', problems);
    const display = body.callerDisplayName;
    if (display !== undefined && typeof display !== 'string')
      problems.push('callerDisplayName must be a string');
    const webhookUrl = body.webhookUrl;
    if (webhookUrl !== undefined) {
      const problem =
        typeof webhookUrl === 'string'
          ? checkCallbackUri(webhookUrl, 'webhookUrl', {
              callbackAllow: config.callbackAllow,
              targets,
            })
          : 'webhookUrl must be a string';
      if (problem) problems.push(problem);
    }
    if (body.customContext !== undefined) {
      const check = validateRequest('CustomCallingContext', body.customContext);
      if (!check.ok) problems.push(...check.problems.map((p) => `customContext: ${p}`));
    }
    if (problems.length > 0 || !from || !to) throw errors.invalidBody(problems);
    const incoming = calls.network.raiseIncoming({
      from,
      to,
      ...(typeof display === 'string' ? { callerDisplayName: display } : {}),
      ...(body.customContext
        ? { customContext: body.customContext as Record<string, unknown> }
        : {}),
      ...(typeof webhookUrl === 'string' ? { webhookUrl } : {}),
    });
    const answer = {
      incomingCallContext: incoming.incomingCallContext,
      serverCallId: incoming.serverCallId,
      correlationId: incoming.correlationId,
    };
    actions.record(
      {
        action: 'incomingCall',
        detail: {
          ...answer,
          from: from.model,
          to: to.model,
          ...(typeof display === 'string' ? { callerDisplayName: display } : {}),
        },
      },
      receivedAt,
    );
    res.status(201).json(answer);
  });

  router.get('/incoming-calls', (_req, res) => {
    const now = clock.now();
    res.json({ value: calls.incoming.list().map((i) => incomingCallView(i, now)) });
  });

  router.post('/calls/:callConnectionId/dtmf', (req, res) => {
    const receivedAt = new Date();
    const id = req.params.callConnectionId;
    const body = adminParse(req.body, DTMF_FIELDS);
    const call = liveCall(services, id);
    const parsed = parseTones(body.tones);
    if (!parsed.ok) throw errors.invalidBody([parsed.problem]);
    // Each key is an event or more: one request must not queue unbounded work.
    if (parsed.tones.length > config.maxCallerTones)
      throw errors.invalidBody([
        `'tones' has ${parsed.tones.length} keys; one request may press at most ${config.maxCallerTones} (--max-caller-tones / ACS_EMULATOR_MAX_CALLER_TONES)`,
      ]);
    const participant = body.participant ?? call.participants[0]?.identifier.rawId;
    if (typeof participant !== 'string' || participant === '')
      throw errors.invalidBody(['participant must be a raw id string such as "4:+14255550123"']);
    const intervalMs = body.intervalMs ?? config.callerToneIntervalMs;
    if (
      typeof intervalMs !== 'number' ||
      !Number.isInteger(intervalMs) ||
      intervalMs < 0 ||
      intervalMs > 60_000
    )
      throw errors.invalidBody([
        'intervalMs must be a whole number of milliseconds from 0 to 60000',
      ]);
    const tones = parsed.tones as [Tone, ...Tone[]];
    // Presses make callbacks like any request: they meet the same per-destination bound.
    checkPending(
      [
        call.callbackUri,
        ...Object.values(call.dtmf).flatMap((d) =>
          d.status === 'active' && d.callbackUri ? [d.callbackUri] : [],
        ),
      ],
      (url) => delivery.pendingTo(url),
      config.maxPendingCallbacks,
    );
    const when = body.when ?? 'now';
    if (when !== 'now' && when !== 'listening')
      throw errors.invalidBody([
        `when must be "now" (press at once) or "listening" (wait until a recognize for the participant is past its prompt)`,
      ]);
    const waitMs = body.waitMs ?? DEFAULT_LISTEN_WAIT_MS;
    if (
      typeof waitMs !== 'number' ||
      !Number.isInteger(waitMs) ||
      waitMs < 0 ||
      waitMs > MAX_LISTEN_WAIT_MS
    )
      throw errors.invalidBody([
        `waitMs must be a whole number of milliseconds from 0 to ${MAX_LISTEN_WAIT_MS}`,
      ]);
    if (body.waitMs !== undefined && when !== 'listening')
      throw errors.invalidBody(['waitMs only applies with "when": "listening"']);
    // Each key's fate: in the answer when known at once, and a journal entry when it was ignored.
    const keys: KeyView[] = tones.map((tone) => ({
      tone,
      outcome: when === 'listening' ? 'waiting' : 'scheduled',
    }));
    let answered = false;
    let next = 0;
    // Ignored keys are journaled after the press itself, which is journaled once answered.
    const early: ToneFate[] = [];
    const journalIgnored = (fate: ToneFate, index: number) => {
      if (fate.outcome !== 'ignored') return;
      actions.record(
        {
          action: 'dtmfIgnored',
          callConnectionId: id,
          detail: { participant, tone: fate.tone, key: index, reason: fate.reason },
        },
        new Date(),
      );
    };
    const onFate = (fate: ToneFate) => {
      const index = next++;
      if (answered) return journalIgnored(fate, index);
      keys[index] = fate;
      early.push(fate);
    };
    if (when === 'listening' && listening)
      listening.start({ callConnectionId: id, participant, tones, intervalMs, waitMs, onFate });
    else expectApplied(services, id, calls.press(id, participant, tones, intervalMs, onFate));
    answered = true;
    const answer = {
      callConnectionId: id,
      participant,
      tones,
      intervalMs,
      when,
      ...(when === 'listening' ? { waitMs } : {}),
      keys,
    };
    actions.record({ action: 'dtmf', callConnectionId: id, detail: answer }, receivedAt);
    early.forEach(journalIgnored);
    res.status(202).json(answer);
  });

  router.post('/calls/:callConnectionId/hang-up', (req, res) => {
    const receivedAt = new Date();
    const id = req.params.callConnectionId;
    adminParse(req.body, []);
    liveCall(services, id);
    const at = clock.now();
    expectApplied(services, id, calls.apply(id, { type: 'end', reason: 'remoteHangUp', at }));
    const answer = { callConnectionId: id, endedBy: 'remoteHangUp' };
    actions.record({ action: 'hangUp', callConnectionId: id, detail: answer }, receivedAt);
    res.status(202).json(answer);
  });

  // One participant leaves; when nobody is left on the other end the call ends (5001).
  router.post('/calls/:callConnectionId/participants/:rawId/hang-up', (req, res) => {
    const id = req.params.callConnectionId;
    const rawId = req.params.rawId;
    adminParse(req.body, []);
    const call = liveCall(services, id);
    if (!call.participants.some((p) => p.identifier.rawId === rawId))
      throw errors.participantNotFound(rawId, id);
    const input = { type: 'leave' as const, participant: rawId };
    const after = expectApplied(
      services,
      id,
      calls.apply(id, { type: 'participants', input, at: clock.now() }),
    );
    res.status(202).json({
      callConnectionId: id,
      participant: rawId,
      callConnectionState: after.state,
    });
  });

  return router;
}
