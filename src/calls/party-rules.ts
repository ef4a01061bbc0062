/**
 * How the people on the other end answer (PUT /admin/parties/{rawId}): per raw id, an answer and
 * when it comes. A party without a rule accepts after the connect delay.
 */
import type { PartyAnswer } from '../domain/results.js';

export interface PartyRule {
  rawId: string;
  answer: PartyAnswer;
  /** When the party answers, on the emulator clock; the connect delay when absent. */
  afterMs?: number;
}

/** What happens when a call, invitation or transfer reaches a party. */
export interface PartyPlan {
  answer: PartyAnswer;
  afterMs: number;
}

export class PartyRules {
  private readonly rules = new Map<string, PartyRule>();

  set(rule: PartyRule): void {
    this.rules.set(rule.rawId, rule);
  }

  get(rawId: string): PartyRule | undefined {
    return this.rules.get(rawId);
  }

  list(): PartyRule[] {
    return [...this.rules.values()];
  }

  /** False when there was no rule for `rawId`. */
  delete(rawId: string): boolean {
    return this.rules.delete(rawId);
  }

  clear(): void {
    this.rules.clear();
  }

  /** The party's plan: its rule, or accept after `connectDelayMs`. */
  plan(rawId: string, connectDelayMs: number): PartyPlan {
    const rule = this.rules.get(rawId);
    return { answer: rule?.answer ?? 'accept', afterMs: rule?.afterMs ?? connectDelayMs };
  }
}
