import { type Rng, weighted } from './random.ts';

/**
 * Mobile numbers with prefixes that the three operators actually issue (China Mobile holds about
 * 60% of subscribers in Zhejiang, Telecom and Unicom most of the rest). The 8 remaining digits
 * are random; numbers are not made unique, as family members sometimes share one.
 */
// biome-ignore format: a compact table reads better than one entry per line
const pickPrefix = weighted<string>([
  ['139', 8],
  ['138', 8],
  ['137', 6],
  ['136', 6],
  ['135', 6],
  ['134', 3],
  ['150', 4],
  ['151', 4],
  ['152', 3],
  ['157', 3],
  ['158', 5],
  ['159', 5],
  ['182', 3],
  ['183', 3],
  ['187', 4],
  ['188', 4],
  ['198', 2],
  ['195', 1],
  ['130', 2],
  ['131', 2],
  ['132', 2],
  ['155', 2],
  ['156', 2],
  ['185', 2],
  ['186', 3],
  ['166', 1],
  ['176', 2],
  ['133', 2],
  ['153', 2],
  ['180', 2],
  ['181', 2],
  ['189', 3],
  ['177', 2],
  ['173', 1],
  ['199', 1],
  ['191', 1],
]);

export function mobilePhone(rng: Rng): string {
  return pickPrefix(rng) + String(rng.int(100_000_000)).padStart(8, '0');
}
