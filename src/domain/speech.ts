/**
 * What the simulated caller says: an utterance, how long it lasts by default, and how a spoken
 * phrase matches a recognize choice (case and punctuation do not count, as a speech recognizer's
 * display text differs from the app's phrase in both).
 */

export interface Utterance {
  text: string;
  /** Raw id of the participant who speaks. */
  participant: string;
  /** 0..1, reported as the recognizer's confidence. */
  confidence: number;
  durationMs: number;
  /** Emulator-clock time the utterance starts. */
  at: number;
}

/** The caller's confidence when the control API gives none. */
export const DEFAULT_SPEECH_CONFIDENCE = 0.9;

/** About 150 words a minute, the pace of conversational English, with a floor for one word. */
const MS_PER_WORD = 400;
const MIN_UTTERANCE_MS = 600;

export const wordsOf = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

export function defaultUtteranceMs(text: string): number {
  return Math.max(MIN_UTTERANCE_MS, wordsOf(text).length * MS_PER_WORD);
}

/** Lower case, punctuation dropped, runs of spaces made one: "Billing, please!" -> "billing please". */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ChoiceMatch {
  label: string;
  recognizedPhrase: string;
}

/**
 * The first choice one of whose phrases the utterance says: the whole utterance, or the phrase as
 * whole words inside it ("I want billing please" says "billing").
 */
export function matchChoice(
  text: string,
  choices: readonly { label: string; phrases?: readonly string[] }[],
): ChoiceMatch | undefined {
  const said = ` ${normalizePhrase(text)} `;
  for (const choice of choices) {
    for (const phrase of choice.phrases ?? []) {
      const wanted = normalizePhrase(phrase);
      if (wanted !== '' && said.includes(` ${wanted} `))
        return { label: choice.label, recognizedPhrase: phrase };
    }
  }
  return undefined;
}
