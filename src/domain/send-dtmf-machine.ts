/**
 * SendDtmfTones as a pure machine over the call's list of sends: each send lasts a simulated time,
 * then SendDtmfTonesCompleted; a send still running when the call ends reports SendDtmfTonesFailed.
 * Finished sends stay listed (bounded) so the control API can show what the caller heard.
 * A send carrying an injected failure (a `failOperation` fault rule) fails at once.
 */
import { emit, type Effect, type EmitEffect } from './effect.js';
import type { ForcedOutcome } from './forced-outcome.js';
import type { Tone } from './tones.js';

export interface DtmfSend {
  id: string;
  participant: string;
  tones: readonly Tone[];
  operationContext?: string;
  callbackUri?: string;
  status: 'sending' | 'completed' | 'failed';
  at: number;
  /** Set by a `failOperation` fault rule. */
  failure?: ForcedOutcome;
}

export type SendDtmfInput =
  | { type: 'send'; send: Omit<DtmfSend, 'status'>; durationMs: number }
  | SendDtmfTimerInput
  | { type: 'callEnded' };

export type SendDtmfTimerInput = { type: 'done'; id: string };

export type SendDtmfEffect = Effect<SendDtmfTimerInput>;

/** The event that reports a send, with the request's context and any forced result. */
function reported(
  event: 'SendDtmfTonesCompleted' | 'SendDtmfTonesFailed',
  send: DtmfSend,
): EmitEffect {
  return emit(event, {
    participant: send.participant,
    ...(send.operationContext !== undefined ? { operationContext: send.operationContext } : {}),
    ...(send.callbackUri !== undefined ? { callbackUri: send.callbackUri } : {}),
    ...(send.failure
      ? { resultInformation: send.failure.resultInformation, fault: send.failure.fault }
      : {}),
  });
}

export interface SendDtmfStep {
  sends: DtmfSend[];
  effects: SendDtmfEffect[];
}

/** Sends kept per call; the oldest finished ones go first. */
export const SENT_DTMF_LIMIT = 50;

function trim(sends: DtmfSend[]): DtmfSend[] {
  const extra = sends.length - SENT_DTMF_LIMIT;
  if (extra <= 0) return sends;
  let dropped = 0;
  return sends.filter((s) => s.status === 'sending' || dropped++ >= extra);
}

export function stepSendDtmf(sends: readonly DtmfSend[], input: SendDtmfInput): SendDtmfStep {
  switch (input.type) {
    case 'send': {
      if (input.send.failure) {
        const failed: DtmfSend = { ...input.send, status: 'failed' };
        return {
          sends: trim([...sends, failed]),
          effects: [reported('SendDtmfTonesFailed', failed)],
        };
      }
      return {
        sends: trim([...sends, { ...input.send, status: 'sending' }]),
        effects: [
          {
            type: 'schedule',
            key: input.send.id,
            ms: input.durationMs,
            input: { type: 'done', id: input.send.id },
          },
        ],
      };
    }
    case 'done': {
      const send = sends.find((s) => s.id === input.id && s.status === 'sending');
      if (!send) return { sends: [...sends], effects: [] };
      const completed: DtmfSend = { ...send, status: 'completed' };
      return {
        sends: sends.map((s) => (s === send ? completed : s)),
        effects: [reported('SendDtmfTonesCompleted', completed)],
      };
    }
    case 'callEnded': {
      const effects: SendDtmfEffect[] = [];
      const next = sends.map((s) => {
        if (s.status !== 'sending') return s;
        const failed: DtmfSend = { ...s, status: 'failed' };
        effects.push(reported('SendDtmfTonesFailed', failed));
        return failed;
      });
      return { sends: next, effects };
    }
  }
}
