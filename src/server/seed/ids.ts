import { v7 as uuidv7 } from 'uuid';
import { createRng } from './random.ts';

/**
 * Deterministic UUIDv7 ids: the timestamp field counts up one millisecond per id from the data's
 * reference date, and the random bits come from the seeded PRNG. Ids are therefore unique, sort
 * in generation order (as real UUIDv7 ids sort in insertion order) and repeat exactly for a seed.
 */
export function createIdFactory(seed: number, baseMs: number): () => string {
  const rng = createRng(seed, 'ids');
  const random = new Uint8Array(16);
  let counter = 0;
  return () => uuidv7({ msecs: baseMs + counter++, random: rng.fill(random) });
}
