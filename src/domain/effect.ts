/**
 * The one effect type every machine returns: send an event, set a timer, clear a timer. `I` is the
 * input a timer feeds back to the machine that set it; a machine that embeds another lifts the
 * inner effects with {@link liftEffects} and nothing else.
 */
import type { FaultMark } from './forced-outcome.js';
import type { EventName, ResultInformation } from './results.js';

export interface EmitEffect {
  type: 'emit';
  event: EventName;
  operationContext?: string;
  /** The operation's operationCallbackUri; the call's callbackUri when absent. */
  callbackUri?: string;
  /** The event's result; the catalogue's default for the event when absent. */
  resultInformation?: ResultInformation;
  /** Event-specific data fields (tone, sequenceId, dtmfResult, ...). */
  data?: Record<string, unknown>;
  /** Raw id of the participant the event is about, when it is about one (fault rules match it). */
  participant?: string;
  /** The fault rule that forced this event (failOperation, failTone). */
  fault?: FaultMark;
}

/** Sets (or replaces) timer `key`; when it fires, `input` goes back to the machine. */
export interface ScheduleEffect<I> {
  type: 'schedule';
  key: string;
  ms: number;
  input: I;
}

export interface CancelEffect {
  type: 'cancel';
  key: string;
}

export type Effect<I> = EmitEffect | ScheduleEffect<I> | CancelEffect;

export interface Lift<I, J> {
  /** Wraps a timer's input into the outer machine's input. */
  input: (input: I) => J;
  /** Renames timer keys, e.g. to the id of the operation that owns them. */
  key?: (key: string) => string;
  /** Fields every emitted event gets when it has none of its own (context, callback, participant). */
  emit?: Omit<Partial<EmitEffect>, 'type' | 'event'>;
}

/** Inner effects as the outer machine's: timers wrapped and re-keyed, events given defaults. */
export function liftEffects<I, J>(effects: readonly Effect<I>[], lift: Lift<I, J>): Effect<J>[] {
  return effects.map((effect): Effect<J> => {
    switch (effect.type) {
      case 'schedule':
        return {
          ...effect,
          key: lift.key?.(effect.key) ?? effect.key,
          input: lift.input(effect.input),
        };
      case 'cancel':
        return lift.key ? { type: 'cancel', key: lift.key(effect.key) } : effect;
      case 'emit':
        return lift.emit ? withDefaults(effect, lift.emit) : effect;
    }
  });
}

function withDefaults(effect: EmitEffect, defaults: Lift<unknown, unknown>['emit']): EmitEffect {
  const out: EmitEffect = { ...effect };
  for (const [name, value] of Object.entries(defaults ?? {}) as [keyof EmitEffect, unknown][]) {
    if (out[name] === undefined && value !== undefined)
      (out as unknown as Record<string, unknown>)[name] = value;
  }
  return out;
}

export const emit = (
  event: EventName,
  fields: Omit<EmitEffect, 'type' | 'event'> = {},
): EmitEffect => ({
  type: 'emit',
  event,
  ...fields,
});

export const isEmit = <I>(effect: Effect<I>): effect is EmitEffect => effect.type === 'emit';
