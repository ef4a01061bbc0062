/**
 * Incoming calls the simulated caller placed: each rings until it is answered, rejected or
 * redirected once, or until its timeout passes on the clock (checked when someone asks, so no
 * timer is needed and a manual clock jumps over it).
 */
import type { Identifier, IdentifierModel } from '../schemas/identifier.js';

export type IncomingStatus = 'ringing' | 'answered' | 'rejected' | 'redirected' | 'expired';

/** How the IncomingCall Event Grid event is getting on: a live view of its delivery record. */
export interface WebhookNotice {
  readonly url: string;
  /** The event's id in the event journal (GET /admin/events). */
  readonly eventId: string;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly lastStatus?: number;
  readonly lastError?: string;
}

export interface IncomingCall {
  incomingCallContext: string;
  serverCallId: string;
  correlationId: string;
  from: Identifier;
  to: Identifier;
  callerDisplayName?: string;
  customContext?: Record<string, unknown>;
  status: Exclude<IncomingStatus, 'expired'>;
  createdAt: number;
  expiresAt: number;
  handledAt?: number;
  /** Set once answered. */
  callConnectionId?: string;
  rejectReason?: string;
  redirectedTo?: IdentifierModel;
  webhook?: WebhookNotice;
  /**
   * Set when the emulator raised this call for a party the app owns: the call connection that
   * dialled it, and the invitation (addParticipant or transfer) when it was not a createCall.
   */
  origin?: IncomingOrigin;
}

export interface IncomingOrigin {
  callConnectionId: string;
  invitationId?: string;
}

export type IncomingAction =
  | { type: 'answer'; callConnectionId: string }
  | { type: 'reject'; reason: string }
  | { type: 'redirect'; target: IdentifierModel };

export type TakeResult =
  | { ok: true; incoming: IncomingCall }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'handled'; incoming: IncomingCall }
  | { ok: false; reason: 'expired'; incoming: IncomingCall };

/** The status as of `now`: a ringing call past its timeout has expired. */
export const statusAt = (incoming: IncomingCall, now: number): IncomingStatus =>
  incoming.status === 'ringing' && now >= incoming.expiresAt ? 'expired' : incoming.status;

const HANDLED: Record<IncomingAction['type'], IncomingCall['status']> = {
  answer: 'answered',
  reject: 'rejected',
  redirect: 'redirected',
};

export class IncomingCalls {
  private readonly byContext = new Map<string, IncomingCall>();

  add(incoming: IncomingCall): void {
    this.byContext.set(incoming.incomingCallContext, incoming);
  }

  get(context: string): IncomingCall | undefined {
    return this.byContext.get(context);
  }

  list(): IncomingCall[] {
    return [...this.byContext.values()];
  }

  /** Answers, rejects or redirects a ringing call; each incoming call can be taken once. */
  take(context: string, action: IncomingAction, now: number): TakeResult {
    const incoming = this.byContext.get(context);
    if (!incoming) return { ok: false, reason: 'unknown' };
    const status = statusAt(incoming, now);
    if (status === 'expired') return { ok: false, reason: 'expired', incoming };
    if (status !== 'ringing') return { ok: false, reason: 'handled', incoming };
    const taken: IncomingCall = {
      ...incoming,
      status: HANDLED[action.type],
      handledAt: now,
      ...(action.type === 'answer' ? { callConnectionId: action.callConnectionId } : {}),
      ...(action.type === 'reject' ? { rejectReason: action.reason } : {}),
      ...(action.type === 'redirect' ? { redirectedTo: action.target } : {}),
    };
    this.byContext.set(context, taken);
    return { ok: true, incoming: taken };
  }

  clear(): void {
    this.byContext.clear();
  }
}
