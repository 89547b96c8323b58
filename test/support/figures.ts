import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import {
  createRollupRepository,
  type FigureKind,
} from '../../src/server/modules/figures/rollup.repository.ts';
import { sumByKey } from '../../src/server/modules/figures/rollups.ts';

/** Counters rounded to 9 decimals (handling days add as decimals in SQL, as floats in JavaScript). */
function rounded(rows: Map<string, { counters: Record<string, number> }>) {
  return new Map(
    [...rows].map(([key, r]) => [
      key,
      Object.fromEntries(Object.entries(r.counters).map(([k, v]) => [k, Math.round(v * 1e9) / 1e9])),
    ]),
  );
}

/** Asserts that a rebuild from the data leaves the same figures (per key) as were kept. */
export async function expectRebuildEqualsKept(
  db: Kysely<DB>,
  kind: FigureKind,
  districtCode: string,
  rebuild: (db: Kysely<DB>, districtCode: string) => Promise<unknown>,
): Promise<void> {
  const repo = createRollupRepository(db, kind);
  const kept = rounded(sumByKey(await repo.allRows(districtCode)));
  expect(kept.size, `${kind} figures kept`).toBeGreaterThan(0);
  await rebuild(db, districtCode);
  expect(rounded(sumByKey(await repo.allRows(districtCode))), `${kind} figures rebuilt`).toEqual(kept);
}
