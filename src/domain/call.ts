/** The state the emulator keeps per call connection. */
import type { DtmfState } from './dtmf-machine.js';
import type { Identifier, IdentifierModel } from '../schemas/identifier.js';

/** CallConnectionStateModel values the emulator moves through. */
export type CallState = 'connecting' | 'connected' | 'disconnected';

export interface Participant {
  identifier: Identifier;
  isMuted: boolean;
  isOnHold: boolean;
}

export interface Call {
  callConnectionId: string;
  serverCallId: string;
  correlationId: string;
  state: CallState;
  callbackUri: string;
  /** api-version of the request that created the call; events carry it as `version`. */
  apiVersion: string;
  operationContext?: string;
  source?: IdentifierModel;
  sourceCallerIdNumber?: { value: string; isAnonymous?: boolean; assertedId?: string };
  sourceDisplayName?: string;
  targets: Identifier[];
  participants: Participant[];
  /** Continuous DTMF recognition per participant raw id; absent means idle. */
  dtmf: Readonly<Record<string, DtmfState>>;
  createdAt: number;
  connectedAt?: number;
  endedAt?: number;
  endedBy?: EndReason;
}

export type EndReason = 'hangUp' | 'terminate' | 'remoteHangUp';
