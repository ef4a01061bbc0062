/**
 * SendDtmfTones as a pure machine over the call's list of sends: each send lasts a simulated time,
 * then SendDtmfTonesCompleted; a send still running when the call ends reports SendDtmfTonesFailed.
 * Finished sends stay listed (bounded) so the control API can show what the caller heard.
 * A send carrying an injected failure (a `failOperation` fault rule) fails at once.
 */
import type { InjectedFailure } from '../faults/fault-rule.js';
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
  failure?: InjectedFailure;
}

export type SendDtmfInput =
  | { type: 'send'; send: Omit<DtmfSend, 'status'>; durationMs: number }
  | { type: 'done'; id: string }
  | { type: 'callEnded' };

export type SendDtmfEffect =
  | { type: 'schedule'; key: string; ms: number; fire: { type: 'done'; id: string } }
  | {
      type: 'emit';
      event: 'SendDtmfTonesCompleted' | 'SendDtmfTonesFailed';
      send: DtmfSend;
    };

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
          effects: [{ type: 'emit', event: 'SendDtmfTonesFailed', send: failed }],
        };
      }
      return {
        sends: trim([...sends, { ...input.send, status: 'sending' }]),
        effects: [
          {
            type: 'schedule',
            key: input.send.id,
            ms: input.durationMs,
            fire: { type: 'done', id: input.send.id },
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
        effects: [{ type: 'emit', event: 'SendDtmfTonesCompleted', send: completed }],
      };
    }
    case 'callEnded': {
      const effects: SendDtmfEffect[] = [];
      const next = sends.map((s) => {
        if (s.status !== 'sending') return s;
        const failed: DtmfSend = { ...s, status: 'failed' };
        effects.push({ type: 'emit', event: 'SendDtmfTonesFailed', send: failed });
        return failed;
      });
      return { sends: next, effects };
    }
  }
}
