import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/server/db/schema.ts';
import {
  createRollupRepository,
  type FigureKind,
  placeChains,
  type TotalRow,
} from '../../src/server/modules/figures/rollup.repository.ts';
import {
  foldFigureDeltas,
  placeTotals,
  sumByKey,
  withoutZeros,
} from '../../src/server/modules/figures/rollups.ts';

/** Counters rounded to 9 decimals (handling days add as decimals in SQL, as floats in JavaScript). */
function rounded(rows: Map<string, { counters: Record<string, number> }>) {
  return new Map(
    [...rows].map(([key, r]) => [
      key,
      Object.fromEntries(Object.entries(r.counters).map(([k, v]) => [k, Math.round(v * 1e9) / 1e9])),
    ]),
  );
}

const byPlaceAndDay = (rows: readonly TotalRow[]) =>
  rounded(new Map(withoutZeros(rows).map((r) => [`${r.region_id}|${String(r.day)}`, r])));

/**
 * The kept per-place totals, folded first, checked against the keyed rollup summed up each
 * place's ancestors as they stand (`placeTotals`): one is never stale against the other.
 */
export async function expectTotalsAgree(db: Kysely<DB>, kind: FigureKind, districtCode: string) {
  await foldFigureDeltas(db);
  const repo = createRollupRepository(db, kind);
  const rows = [...sumByKey(await repo.allRows(districtCode)).values()];
  const chains = await placeChains(
    db,
    districtCode,
    rows.map((r) => r.region_id),
    false,
  );
  const totals = byPlaceAndDay(await repo.allTotals(districtCode));
  expect(totals, `${kind} per-place totals`).toEqual(byPlaceAndDay(placeTotals(rows, chains)));
  return totals;
}

/**
 * Asserts that a rebuild from the data leaves the same figures (per key, and per place and day)
 * as were kept.
 */
export async function expectRebuildEqualsKept(
  db: Kysely<DB>,
  kind: FigureKind,
  districtCode: string,
  rebuild: (db: Kysely<DB>, districtCode: string) => Promise<unknown>,
): Promise<void> {
  const repo = createRollupRepository(db, kind);
  const kept = rounded(sumByKey(await repo.allRows(districtCode)));
  expect(kept.size, `${kind} figures kept`).toBeGreaterThan(0);
  const keptTotals = await expectTotalsAgree(db, kind, districtCode);
  await rebuild(db, districtCode);
  expect(rounded(sumByKey(await repo.allRows(districtCode))), `${kind} figures rebuilt`).toEqual(kept);
  expect(byPlaceAndDay(await repo.allTotals(districtCode)), `${kind} totals rebuilt`).toEqual(keptTotals);
}
