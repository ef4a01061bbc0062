/**
 * The live set of fault rules: add, list, remove, and `take` the rule that applies to a request,
 * outcome, tone or event. Newest rules are tried first; `times` counts down and the rule goes at 0;
 * `probability` draws from a seeded generator, so the same seed and the same traffic give the same
 * run. Pure: no HTTP, no timers, no clock (`now` is passed in).
 */
import { newToken } from '../domain/ids.js';
import {
  PHASE_OF,
  type FaultAction,
  type FaultMark,
  type FaultMatch,
  type FaultPhase,
  type FaultRule,
  type FaultRuleSpec,
} from './fault-rule.js';
import { between, seededRandom, type Random } from './prng.js';

/** What is known about the request, outcome, tone or event a rule is tried on. */
export interface FaultSubject {
  phase: FaultPhase;
  operation?: string;
  callConnectionId?: string;
  /** Full event type. */
  eventType?: string;
  /** Participants the subject is about; a function, because finding them may cost a parse. */
  participants?: () => readonly string[];
}

/** A rule chosen for a subject: its action and the mark the journals show. */
export interface TakenFault<A extends FaultAction = FaultAction> {
  rule: FaultRule;
  action: A;
  mark: FaultMark;
}

export class FaultRuleConflictError extends Error {
  constructor(readonly ruleId: string) {
    super(`a fault rule with id '${ruleId}' already exists`);
    this.name = 'FaultRuleConflictError';
  }
}

/** Adding a rule would pass --max-fault-rules. */
export class FaultRuleLimitError extends Error {
  constructor(readonly limit: number) {
    super(`${limit} fault rules are held already`);
    this.name = 'FaultRuleLimitError';
  }
}

export function matches(match: FaultMatch, subject: FaultSubject): boolean {
  if (match.operation !== undefined && match.operation !== subject.operation) return false;
  if (match.callConnectionId !== undefined && match.callConnectionId !== subject.callConnectionId)
    return false;
  if (match.eventType !== undefined && match.eventType !== subject.eventType) return false;
  if (match.participant !== undefined)
    return subject.participants?.().includes(match.participant) ?? false;
  return true;
}

export class FaultRules {
  /** Oldest first; tried from the end. */
  private rules: FaultRule[] = [];
  /** The ids in `rules`, so adding is O(1) and 1,000s of rules cost nothing to add or clear. */
  private readonly ids = new Set<string>();
  private random: Random;

  constructor(
    readonly seed: number,
    private readonly newId: () => string = () => newToken(12),
    /** --max-fault-rules: every request walks the rules, so their number is bounded. */
    readonly limit = Number.POSITIVE_INFINITY,
  ) {
    this.random = seededRandom(seed);
  }

  get size(): number {
    return this.rules.length;
  }

  /** Stores a rule; it is tried before every older one. Throws on a duplicate id or past the limit. */
  add(spec: FaultRuleSpec, now: number): FaultRule {
    const id = spec.id ?? this.newId();
    if (this.ids.has(id)) throw new FaultRuleConflictError(id);
    if (this.rules.length >= this.limit) throw new FaultRuleLimitError(this.limit);
    const rule: FaultRule = { ...spec, id, hits: 0, createdAt: new Date(now).toISOString() };
    this.rules.push(rule);
    this.ids.add(id);
    return { ...rule };
  }

  /** Rules in the order they are tried (newest first), with the `times` left. */
  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r })).reverse();
  }

  get(id: string): FaultRule | undefined {
    const rule = this.rules.find((r) => r.id === id);
    return rule ? { ...rule } : undefined;
  }

  remove(id: string): boolean {
    if (!this.ids.delete(id)) return false;
    this.rules = this.rules.filter((r) => r.id !== id);
    return true;
  }

  /** Forgets every rule (DELETE /admin/faults); the generator goes on. */
  clear(): void {
    this.rules = [];
    this.ids.clear();
  }

  /** Forgets every rule and restarts the generator from the seed, so a reset run replays. */
  reset(): void {
    this.clear();
    this.random = seededRandom(this.seed);
  }

  /**
   * The newest rule of the subject's phase that matches and wins its probability draw, without
   * counting it; {@link consume} counts it once the effect really happened. A rule that loses its
   * draw lets older rules be tried.
   */
  choose(subject: FaultSubject): TakenFault | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i] as FaultRule;
      if (PHASE_OF[rule.action.type] !== subject.phase || !matches(rule.match, subject)) continue;
      if (
        rule.probability !== undefined &&
        rule.probability < 1 &&
        this.random() >= rule.probability
      )
        continue;
      return { rule: { ...rule }, action: rule.action, mark: this.markOf(rule) };
    }
    return undefined;
  }

  /** Counts one firing of the rule: `hits` up, `times` down, gone at 0. */
  consume(id: string): void {
    const index = this.rules.findIndex((r) => r.id === id);
    const rule = this.rules[index];
    if (!rule) return;
    rule.hits++;
    if (rule.times === undefined) return;
    rule.times--;
    if (rule.times <= 0) {
      this.rules.splice(index, 1);
      this.ids.delete(id);
    }
  }

  /** {@link choose} and {@link consume} at once. */
  take(subject: FaultSubject): TakenFault | undefined {
    if (this.rules.length === 0) return undefined;
    const taken = this.choose(subject);
    if (taken) this.consume(taken.rule.id);
    return taken;
  }

  private markOf(rule: FaultRule): FaultMark {
    const action = rule.action;
    const mark: FaultMark = { ruleId: rule.id, action: action.type };
    if (action.type === 'delay')
      mark.ms = 'ms' in action ? action.ms : between(this.random, action.minMs, action.maxMs);
    else if (action.type === 'delayEvent') mark.ms = action.ms;
    return mark;
  }
}
