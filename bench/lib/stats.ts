/** Small statistics for benchmark samples: percentiles, medians and the spread across runs. */

/** The p-th percentile (0..100) of the values, nearest-rank on a sorted copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Median with the smallest and largest run, the way the tables show a figure. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(runs: readonly number[]): Spread {
  return {
    median: median(runs),
    min: Math.min(...runs),
    max: Math.max(...runs),
    runs: [...runs],
  };
}

/** `1234 (1100-1300)` with the given number of decimals. */
export function formatSpread(s: Spread, decimals = 0): string {
  const f = (n: number) => n.toFixed(decimals);
  return `${f(s.median)} (${f(s.min)}-${f(s.max)})`;
}
