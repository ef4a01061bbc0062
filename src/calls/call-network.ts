/**
 * Who the calls reach: a createCall, invitation or transfer meets a party whose rule decides how it
 * answers, or a party the app owns, for which an IncomingCall rings until an app answers it. When
 * one is answered, the dialling call and the answering call become two legs of one conversation.
 * Moves take participants from one call into another.
 */
import type { Call } from '../domain/call.js';
import type { CallInput } from '../domain/call-machine.js';
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { newGuid, newServerCallId, newToken } from '../domain/ids.js';
import type { IncomingCall, IncomingCalls, IncomingOrigin } from '../domain/incoming-calls.js';
import type { Invitation } from '../domain/invitation.js';
import type { OperationFields } from '../domain/participants-machine.js';
import { isOwnedParty } from '../domain/resource-identity.js';
import type { Clock } from '../clock.js';
import { identifierFromRawId, type Identifier } from '../schemas/identifier.js';
import type { Admission, ApplyResult } from './call-results.js';
import type { IncomingCallNotifier } from './incoming-call-notifier.js';
import type { LegEnd, Legs } from './legs.js';
import type { PartyPlan, PartyRules } from './party-rules.js';

/** What the network needs of the call service. */
export interface NetworkRuntime {
  get(id: string): Call | undefined;
  apply(id: string, input: CallInput): ApplyResult;
  admit(build: () => Call, start?: PartyPlan): Admission;
  /** Stops the timer that would connect (or fail) a call, because an app answered for it. */
  cancelConnect(id: string): void;
  readonly incoming: IncomingCalls;
  readonly legs: Legs;
}

export interface NetworkOptions {
  clock: Clock;
  connectDelayMs: number;
  /** How the people on the other end answer (a store registered in state.ts). */
  parties: PartyRules;
  /** Sends an IncomingCall to its webhook. */
  notifyIncoming?: IncomingCallNotifier;
  /** --acs-resource-id: its users are inside the emulator. */
  resourceId?: string;
  /** --owned-numbers */
  ownedNumbers?: readonly string[];
  /** --incoming-call-timeout-ms: how long an incoming call or invitation rings by default. */
  ringTimeoutMs?: number;
}

/** An IncomingCall to raise: the control API's simulated caller, or a call to an owned party. */
export interface IncomingSpec {
  from: Identifier;
  to: Identifier;
  callerDisplayName?: string;
  customContext?: Record<string, unknown>;
  /** The webhook; every Event Grid subscription that takes IncomingCall when absent. */
  webhookUrl?: string;
  /** How long it rings; --incoming-call-timeout-ms when absent. */
  ringMs?: number;
  origin?: IncomingOrigin;
}

/** An addParticipant or transfer invitation, as the handler read it from the request. */
export interface InviteSpec extends OperationFields {
  kind: Invitation['kind'];
  participant: Identifier;
  transferee?: Identifier;
  /** invitationTimeoutInSeconds in ms; --incoming-call-timeout-ms when absent. */
  timeoutMs?: number;
  sourceCallerIdNumber?: string;
  sourceDisplayName?: string;
  /** A failOperation fault rule: the invitation fails with this result. */
  failure?: ForcedOutcome;
}

export class CallNetwork {
  constructor(
    private readonly runtime: NetworkRuntime,
    private readonly options: NetworkOptions,
  ) {}

  private get ringTimeoutMs(): number {
    return this.options.ringTimeoutMs ?? 30_000;
  }

  /** A phone number the app owns or a user of this resource: calls to it raise an IncomingCall. */
  isOwned(party: Identifier): boolean {
    return isOwnedParty(party, this.options.resourceId ?? '', this.options.ownedNumbers ?? []);
  }

  /**
   * createCall: the callee's party rule decides when (and whether) it answers; a callee the app
   * owns rings as an IncomingCall until an app answers it or the ringing times out (then its rule
   * decides).
   */
  dial(build: () => Call, callee: Identifier): Admission {
    const owned = this.isOwned(callee);
    const plan = this.options.parties.plan(callee.rawId, this.options.connectDelayMs);
    const admitted = this.runtime.admit(
      build,
      owned ? { ...plan, afterMs: this.ringTimeoutMs } : plan,
    );
    if (admitted.ok && owned) {
      const call = admitted.call;
      this.raiseIncoming({
        from: this.callerOf(call, call.sourceCallerIdNumber?.value),
        to: callee,
        ...(call.sourceDisplayName !== undefined
          ? { callerDisplayName: call.sourceDisplayName }
          : {}),
        origin: { callConnectionId: call.callConnectionId },
      });
    }
    return admitted;
  }

  /** Who an owned party sees calling: the caller id number given, or the app's own identity. */
  private callerOf(call: Call, phone: string | undefined): Identifier {
    if (phone !== undefined) return identifierFromRawId(`4:${phone}`);
    return call.self ?? call.participants[0]?.identifier ?? identifierFromRawId('8:acs:unknown');
  }

  /** Stores a ringing IncomingCall and sends it to the webhook. */
  raiseIncoming(spec: IncomingSpec): IncomingCall {
    const now = this.options.clock.now();
    const webhookUrl = spec.webhookUrl;
    const incoming: IncomingCall = {
      incomingCallContext: newToken(32),
      serverCallId: newServerCallId(),
      correlationId: newGuid(),
      from: spec.from,
      to: spec.to,
      ...(spec.callerDisplayName !== undefined
        ? { callerDisplayName: spec.callerDisplayName }
        : {}),
      ...(spec.customContext ? { customContext: spec.customContext } : {}),
      status: 'ringing',
      createdAt: now,
      expiresAt: now + (spec.ringMs ?? this.ringTimeoutMs),
      ...(spec.origin ? { origin: spec.origin } : {}),
    };
    const notice = this.options.notifyIncoming?.(incoming, webhookUrl);
    if (notice) incoming.webhook = notice;
    this.runtime.incoming.add(incoming);
    return incoming;
  }

  /**
   * addParticipant and transfer: the invitation rings; the party's rule decides, or, for a party
   * the app owns, an app answering the IncomingCall (its rule decides when the ringing times out).
   */
  invite(id: string, spec: InviteSpec): ApplyResult & { invitationId: string } {
    const invitationId = newGuid();
    const timeoutMs = spec.timeoutMs ?? this.ringTimeoutMs;
    const owned = this.isOwned(spec.participant);
    const rule = this.options.parties.plan(spec.participant.rawId, this.options.connectDelayMs);
    const plan = owned ? { ...rule, afterMs: timeoutMs } : rule;
    const invitation: Invitation = {
      invitationId,
      kind: spec.kind,
      participant: spec.participant,
      ...(spec.transferee ? { transferee: spec.transferee } : {}),
      status: 'ringing',
      ...(spec.operationContext !== undefined ? { operationContext: spec.operationContext } : {}),
      ...(spec.callbackUri !== undefined ? { callbackUri: spec.callbackUri } : {}),
      ...(spec.sourceCallerIdNumber !== undefined
        ? { sourceCallerIdNumber: spec.sourceCallerIdNumber }
        : {}),
      ...(spec.sourceDisplayName !== undefined
        ? { sourceDisplayName: spec.sourceDisplayName }
        : {}),
      createdAt: this.options.clock.now(),
    };
    const input = {
      type: 'invite' as const,
      invitation,
      ...plan,
      timeoutMs,
      ...(spec.failure ? { failure: spec.failure } : {}),
    };
    const result = this.runtime.apply(id, {
      type: 'participants',
      input,
      at: this.options.clock.now(),
    });
    if (result.ok && owned) {
      this.raiseIncoming({
        from: spec.transferee ?? this.callerOf(result.call, spec.sourceCallerIdNumber),
        to: spec.participant,
        ...(spec.sourceDisplayName !== undefined
          ? { callerDisplayName: spec.sourceDisplayName }
          : {}),
        ringMs: timeoutMs,
        origin: { callConnectionId: id, invitationId },
      });
    }
    return { ...result, invitationId };
  }

  /**
   * An app answered or rejected an IncomingCall the emulator raised for an owned party: the call
   * or invitation that dialled it connects (and the two calls become legs of one conversation) or
   * is declined.
   */
  incomingTaken(incoming: IncomingCall): void {
    const origin = incoming.origin;
    if (!origin) return;
    const at = this.options.clock.now();
    const accepted = incoming.status === 'answered' && incoming.callConnectionId !== undefined;
    const newLeg: LegEnd | undefined = accepted
      ? { callConnectionId: incoming.callConnectionId as string, participant: incoming.from.rawId }
      : undefined;
    const dialled: LegEnd = {
      callConnectionId: origin.callConnectionId,
      participant: incoming.to.rawId,
    };
    if (origin.invitationId === undefined) {
      this.runtime.cancelConnect(origin.callConnectionId);
      if (newLeg) this.runtime.legs.link(dialled, newLeg);
      this.runtime.apply(
        origin.callConnectionId,
        accepted ? { type: 'connected', at } : { type: 'connectFailed', outcome: 'decline', at },
      );
      return;
    }
    const invitation = this.runtime
      .get(origin.callConnectionId)
      ?.invitations?.find((i) => i.invitationId === origin.invitationId);
    if (newLeg && invitation?.kind === 'transfer') {
      // The transferee's own leg, if it is another call here, now ends in the new call.
      this.runtime.legs.move(
        { callConnectionId: origin.callConnectionId, participant: incoming.from.rawId },
        newLeg.callConnectionId,
      );
    } else if (newLeg) {
      this.runtime.legs.link(dialled, newLeg);
    }
    const outcome = accepted ? ('accept' as const) : ('decline' as const);
    const input = { type: 'inviteOutcome' as const, invitationId: origin.invitationId, outcome };
    this.runtime.apply(origin.callConnectionId, { type: 'participants', input, at });
  }

  /**
   * moveParticipants: those in a live `fromId` join `toId` (MoveParticipantSucceeded, then
   * ParticipantsUpdated on both calls; `fromId` ends when nobody is left), the others get
   * MoveParticipantFailed.
   */
  move(
    toId: string,
    fromId: string,
    participants: readonly Identifier[],
    fields: OperationFields,
  ): ApplyResult {
    const from = this.runtime.get(fromId);
    const inFrom = (p: Identifier) =>
      from?.state === 'connected' && from.participants.some((q) => q.identifier.rawId === p.rawId);
    const moving = participants.filter(inFrom);
    const failing = participants.filter((p) => !inFrom(p));
    const at = this.options.clock.now();
    let result: ApplyResult | undefined;
    if (moving.length > 0) {
      const input = { type: 'moveIn' as const, participants: moving, fromCall: fromId, ...fields };
      result = this.runtime.apply(toId, { type: 'participants', input, at });
      if (!result.ok) return result;
    }
    if (failing.length > 0) {
      const input = {
        type: 'moveFailed' as const,
        participants: failing,
        fromCall: fromId,
        ...fields,
      };
      const failed = this.runtime.apply(toId, { type: 'participants', input, at });
      if (!failed.ok) return failed;
      result = failed;
    }
    if (moving.length > 0) {
      for (const p of moving)
        this.runtime.legs.move({ callConnectionId: fromId, participant: p.rawId }, toId);
      const input = { type: 'moveOut' as const, participants: moving.map((p) => p.rawId) };
      this.runtime.apply(fromId, { type: 'participants', input, at });
    }
    return result ?? { ok: false, rejection: { reason: 'notFound' } };
  }
}
