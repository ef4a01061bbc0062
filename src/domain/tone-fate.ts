/**
 * What a key the simulated caller presses does on a call, decided before it is pressed, so the
 * control API can say so instead of dropping it silently (a prompt that cannot be interrupted
 * swallows keys, and the recognize then fails on silence).
 */
import type { Call } from './call.js';
import type { Tone } from './tones.js';

export type ToneListener = 'recognize' | 'continuousRecognition';

export type ToneFate =
  | { tone: Tone; outcome: 'delivered'; to: ToneListener[] }
  | { tone: Tone; outcome: 'ignored'; reason: string };

/** The running recognize for `participant` that takes keys and is past its prompt. */
export function isListening(call: Call, participant: string): boolean {
  const head = call.media?.[0];
  return (
    call.state === 'connected' &&
    head?.kind === 'recognize' &&
    head.spec.participant === participant &&
    head.spec.inputType !== 'speech' &&
    (head.state.phase === 'listening' || head.state.phase === 'collecting')
  );
}

/** Why the running recognize would not take a key now; undefined when it takes it (or none runs). */
function recognizeRefusal(call: Call, participant: string): string | undefined {
  const head = call.media?.[0];
  if (head?.kind !== 'recognize' || head.spec.participant !== participant) return undefined;
  if (head.spec.inputType === 'speech') return 'the running recognize takes speech only';
  switch (head.state.phase) {
    case 'prompting':
      return head.spec.interruptPrompt
        ? undefined
        : "a prompt was playing and the recognize's interruptPrompt is false";
    case 'hearing':
      return 'the running recognize is hearing speech, so it takes no keys';
    case 'queued':
    case 'done':
      return 'no recognition running for this participant';
    default:
      return undefined;
  }
}

export function toneFate(call: Call, participant: string, tone: Tone): ToneFate {
  if (call.state !== 'connected')
    return { tone, outcome: 'ignored', reason: `the call is ${call.state}, not connected` };
  const to: ToneListener[] = [];
  const head = call.media?.[0];
  const refusal = recognizeRefusal(call, participant);
  if (head?.kind === 'recognize' && head.spec.participant === participant && !refusal)
    to.push('recognize');
  if (call.dtmf[participant]?.status === 'active') to.push('continuousRecognition');
  if (to.length > 0) return { tone, outcome: 'delivered', to };
  return {
    tone,
    outcome: 'ignored',
    reason:
      refusal ??
      'no recognition running for this participant (no recognize, no continuous DTMF recognition)',
  };
}
