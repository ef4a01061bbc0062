/**
 * The summary summarizeCall reports, built from what was said on the call. It is synthetic and
 * says so: no language model reads the call; it lists who spoke and their first words.
 */
import type { Utterance } from './speech.js';

const MAX_QUOTE = 80;

const quote = (text: string) =>
  text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;

export function summarizeUtterances(utterances: readonly Utterance[]): string {
  if (utterances.length === 0) return 'Synthetic summary (emulator): nothing was said on the call.';
  const speakers = [...new Set(utterances.map((u) => u.participant))];
  const lines = utterances.map((u) => `${u.participant}: "${quote(u.text)}"`);
  return `Synthetic summary (emulator): ${utterances.length} utterance(s) by ${speakers.length} participant(s). ${lines.join(' ')}`;
}
