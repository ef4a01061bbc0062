/** Collects the problems of one fault rule, each naming its field; shared by the rule parsers. */

export interface FaultProblem {
  /** Path of the bad field, e.g. `action.status`. */
  field: string;
  /** What is wrong, starting with the field's path. */
  message: string;
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects problems for one rule; `at` prefixes every field path. */
export class Checker {
  readonly problems: FaultProblem[] = [];
  constructor(private readonly at: string) {}

  fail(field: string, problem: string): undefined {
    const path = `${this.at}${field}`;
    this.problems.push({ field: path, message: `${path} ${problem}` });
    return undefined;
  }

  unknown(value: Json, known: readonly string[], field: string, why?: string): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      this.fail(
        `${field}${key}`,
        why ?? `is not a known field (known: ${known.length > 0 ? known.join(', ') : 'none'})`,
      );
    }
  }

  int(value: unknown, field: string, min: number, max: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
      return value;
    return this.fail(field, `must be a whole number from ${min} to ${max}`);
  }

  text(value: unknown, field: string, max = 1_000): string | undefined {
    if (typeof value === 'string' && value.length > 0 && value.length <= max) return value;
    return this.fail(field, `must be a non-empty string of at most ${max} characters`);
  }
}

/** `{key: value}` when the value is given, `{}` otherwise. */
export const optional = <K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> => (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
