/**
 * The call connection as a pure machine: step(call, input) -> { call, effects } or a rejection.
 * Effects name the events to send; the caller stores the call and hands effects to delivery.
 */
import type { Call, EndReason } from './call.js';
import { DTMF_IDLE, stepDtmf, type DtmfInput } from './dtmf-machine.js';
import type { EventName } from '../events/catalogue.js';

export interface EmitEffect {
  type: 'emit';
  event: EventName;
  operationContext?: string;
  /** Where to send it; the call's callbackUri when the operation gave no override. */
  callbackUri: string;
}

export type CallInput =
  | { type: 'connected'; at: number }
  | { type: 'end'; reason: EndReason; at: number }
  | { type: 'dtmf'; participant: string; input: DtmfInput };

export type Rejection =
  | { reason: 'ended' }
  | { reason: 'notConnected'; state: Call['state'] }
  | { reason: 'participantNotFound'; participant: string };

export type CallStep =
  { ok: true; call: Call; effects: EmitEffect[] } | { ok: false; rejection: Rejection };

const emit = (
  call: Call,
  event: EventName,
  operationContext?: string,
  callbackUri?: string,
): EmitEffect => ({
  type: 'emit',
  event,
  operationContext,
  callbackUri: callbackUri ?? call.callbackUri,
});

export function stepCall(call: Call, input: CallInput): CallStep {
  if (call.state === 'disconnected') return { ok: false, rejection: { reason: 'ended' } };
  switch (input.type) {
    case 'connected':
      if (call.state === 'connected') return { ok: true, call, effects: [] };
      return {
        ok: true,
        call: { ...call, state: 'connected', connectedAt: input.at },
        effects: [emit(call, 'CallConnected', call.operationContext)],
      };
    case 'end': {
      // Every active recognition stops first, then the call reports its disconnection.
      const effects: EmitEffect[] = [];
      for (const participant of call.participants) {
        const state = call.dtmf[participant.identifier.rawId] ?? DTMF_IDLE;
        for (const effect of stepDtmf(state, { type: 'callEnded' }).effects) {
          effects.push(
            emit(
              call,
              'ContinuousDtmfRecognitionStopped',
              effect.operationContext,
              effect.callbackUri,
            ),
          );
        }
      }
      effects.push(emit(call, 'CallDisconnected', call.operationContext));
      return {
        ok: true,
        call: {
          ...call,
          state: 'disconnected',
          dtmf: {},
          endedAt: input.at,
          endedBy: input.reason,
        },
        effects,
      };
    }
    case 'dtmf': {
      if (call.state !== 'connected')
        return { ok: false, rejection: { reason: 'notConnected', state: call.state } };
      if (!call.participants.some((p) => p.identifier.rawId === input.participant)) {
        return {
          ok: false,
          rejection: { reason: 'participantNotFound', participant: input.participant },
        };
      }
      const step = stepDtmf(call.dtmf[input.participant] ?? DTMF_IDLE, input.input);
      const effects = step.effects.map((e) =>
        emit(call, 'ContinuousDtmfRecognitionStopped', e.operationContext, e.callbackUri),
      );
      return {
        ok: true,
        call: { ...call, dtmf: { ...call.dtmf, [input.participant]: step.state } },
        effects,
      };
    }
  }
}
