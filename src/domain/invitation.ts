/** An addParticipant or transfer invitation: the invited party rings until it answers or not. */
import type { Identifier } from '../schemas/identifier.js';
import type { PartyAnswer } from './results.js';

export type InvitationStatus = 'ringing' | 'accepted' | 'failed' | 'canceled';

export interface Invitation {
  invitationId: string;
  kind: 'add' | 'transfer';
  /** The invited party (the transfer target for a transfer). */
  participant: Identifier;
  /** Transfer only: who is transferred. */
  transferee?: Identifier;
  status: InvitationStatus;
  /** How the party answered, once it did (or did not). */
  outcome?: PartyAnswer;
  operationContext?: string;
  /** The operation's operationCallbackUri. */
  callbackUri?: string;
  /** The caller id the invitee sees (sourceCallerIdNumber / sourceDisplayName of the request). */
  sourceCallerIdNumber?: string;
  sourceDisplayName?: string;
  createdAt: number;
  endedAt?: number;
}
