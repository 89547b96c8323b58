/**
 * Spot-check sampling (抽查): a reproducible random sample of visits. The same visits, percentage
 * and seed always give the same sample, whatever order the database returned the visits in, so a
 * supervisor's draw can be re-checked later by anyone holding the seed.
 */

/** Seeds are stored in a 32-bit signed integer column: 0 … 2^31 − 1. */
export const MAX_SEED = 2_147_483_647;

/** mulberry32: a small, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How many of `n` visits a `percent` sample takes: rounded up, so any sample of a non-empty set has one. */
export function sampleSize(n: number, percent: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
    throw new RangeError('percent must be an integer from 1 to 100');
  }
  return Math.ceil((n * percent) / 100);
}

/**
 * Draws `sampleSize(ids, percent)` distinct ids with a partial Fisher–Yates shuffle driven by the
 * seed. The ids are de-duplicated and sorted first; the sample comes back sorted too.
 */
export function drawSample(ids: readonly string[], percent: number, seed: number): string[] {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}`);
  }
  const pool = [...new Set(ids)].sort();
  const k = sampleSize(pool.length, percent);
  const random = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, k).sort();
}

/** A fresh seed for a draw that names none. */
export function newSeed(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * MAX_SEED);
}
