/**
 * Fault rules on a pressed tone (tone phase): a `failTone` rule turns the tone that continuous
 * recognition would report into ContinuousDtmfRecognitionToneFailed. Asked by the call service
 * only when the tone meets an active continuous recognition.
 */
import type { ForcedOutcome } from '../domain/forced-outcome.js';
import { DEFAULT_RESULTS } from '../domain/results.js';
import { TONE_RECEIVED } from './fault-rule.js';
import type { FaultRules } from './fault-rules.js';

export function tonePhase(
  rules: FaultRules,
  callConnectionId: string,
  participant: string,
): ForcedOutcome | undefined {
  if (rules.size === 0) return undefined;
  const taken = rules.take({
    phase: 'tone',
    callConnectionId,
    eventType: TONE_RECEIVED,
    participants: () => [participant],
  });
  if (taken?.action.type !== 'failTone') return undefined;
  const base = DEFAULT_RESULTS.ContinuousDtmfRecognitionToneFailed;
  return {
    resultInformation: { ...base, ...taken.action.resultInformation },
    fault: taken.mark,
  };
}
