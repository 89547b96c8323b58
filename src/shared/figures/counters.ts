/**
 * Counters are what figures are made of: flat records of numbers that add up across days,
 * places and units, so a rollup can store them, a change can move them by a delta, and a period's
 * figures are a sum followed by the ratios (case-figures.ts, visit-figures.ts).
 */
export type Counters<K extends string> = Record<K, number>;

export function emptyCounters<K extends string>(keys: readonly K[]): Counters<K> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Counters<K>;
}

/** Stored (sparse) counters as a full record of `keys`: missing keys are 0, unknown ones dropped. */
export function countersOf<K extends string>(
  keys: readonly K[],
  stored: Partial<Record<string, number>>,
): Counters<K> {
  return Object.fromEntries(keys.map((k) => [k, Number(stored[k] ?? 0)])) as Counters<K>;
}

/** The sum of counters (an empty list sums to zeros). */
export function addCounters<K extends string>(
  keys: readonly K[],
  ...all: readonly Counters<K>[]
): Counters<K> {
  const out = emptyCounters(keys);
  for (const c of all) for (const k of keys) out[k] += c[k];
  return out;
}

/** What a change moves the counters by: `after − before`, only the keys that moved. */
export function counterDelta<K extends string>(
  keys: readonly K[],
  before: Counters<K> | null,
  after: Counters<K> | null,
): Partial<Counters<K>> {
  const delta: Partial<Counters<K>> = {};
  for (const k of keys) {
    const d = (after?.[k] ?? 0) - (before?.[k] ?? 0);
    if (d !== 0) delta[k] = d;
  }
  return delta;
}

/** A ratio with what it is made of; `value` is null when there is nothing to divide by. */
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

/**
 * The smallest bucket index at or below which `share` of the counted items fall (a percentile of
 * whole units from a histogram); null for an empty histogram.
 */
export function percentileOfHistogram(histogram: readonly number[], share: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const needed = Math.ceil(total * share);
  let seen = 0;
  for (const [i, count] of histogram.entries()) {
    seen += count;
    if (seen >= needed) return i;
  }
  return histogram.length - 1;
}
