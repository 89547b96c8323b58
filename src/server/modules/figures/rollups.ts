import type { Kysely } from 'kysely';
import { outermost } from '../../../shared/auth/reach.ts';
import { countersOf } from '../../../shared/figures/counters.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import {
  createRollupRepository,
  type FigureGrouping,
  type FigureKey,
  type FigureKind,
  type FigureRow,
  placeChains,
  type TotalRow,
} from './rollup.repository.ts';

/**
 * What every kind of kept figures shares (docs/ARCHITECTURE.md "Figures"): counters stored
 * without their zeros, added up per key, folded from deltas into the rollup, and read back as
 * the sum of both for a scope and a range of days.
 */

/** Counters without their zeros (what is stored). */
export function sparse(counters: Partial<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(counters).filter(([, v]) => v !== 0 && v !== undefined)) as Record<
    string,
    number
  >;
}

const keyOf = (k: FigureKey) => `${k.day}|${k.region_id}|${k.category_key}|${k.unit_key}`;

/**
 * Rows added up per key into `out`, zeros kept (a rebuild adds page after page; `withoutZeros`
 * once at the end).
 */
export function addByKey(rows: readonly FigureRow[], out: Map<string, FigureRow>): Map<string, FigureRow> {
  for (const r of rows) {
    const key = keyOf(r);
    const into = out.get(key) ?? {
      day: r.day,
      region_id: r.region_id,
      category_key: r.category_key,
      unit_key: r.unit_key,
      counters: {},
    };
    for (const [k, v] of Object.entries(r.counters)) into.counters[k] = (into.counters[k] ?? 0) + v;
    out.set(key, into);
  }
  return out;
}

/** The rows with their zero counters dropped, and rows left with none dropped. */
export function withoutZeros<R extends { counters: Record<string, number> }>(rows: Iterable<R>): R[] {
  const kept: R[] = [];
  for (const r of rows) {
    const counters = sparse(r.counters);
    if (Object.keys(counters).length > 0) kept.push({ ...r, counters });
  }
  return kept;
}

/** Rows added up per key, zeros dropped: what a fold or a rebuild writes into the rollup. */
export function sumByKey(rows: readonly FigureRow[]): Map<string, FigureRow> {
  return new Map(withoutZeros(addByKey(rows, new Map()).values()).map((r) => [keyOf(r), r]));
}

/**
 * The rows' counters added into the total of each day of their place and of every place above
 * it (`chains`: a place's id to the ids of it and its ancestors), zeros dropped.
 */
export function placeTotals(
  rows: readonly FigureRow[],
  chains: ReadonlyMap<string, readonly string[]>,
): TotalRow[] {
  const out = new Map<string, TotalRow>();
  for (const r of rows) {
    for (const regionId of chains.get(r.region_id) ?? []) {
      const key = `${regionId}|${r.day}`;
      const into = out.get(key) ?? { region_id: regionId, day: r.day, counters: {} };
      for (const [k, v] of Object.entries(r.counters)) into.counters[k] = (into.counters[k] ?? 0) + v;
      out.set(key, into);
    }
  }
  return withoutZeros(out.values());
}

/**
 * Adds summed rows (distinct keys) into the rollup and the per-place totals, reading the places'
 * ancestors under a share lock (see `placeChains`). In the caller's transaction.
 */
async function addRows(trx: Kysely<DB>, kind: FigureKind, districtCode: string, rows: readonly FigureRow[]) {
  const repo = createRollupRepository(trx, kind);
  await repo.addToRollup(districtCode, rows);
  const chains = await placeChains(
    trx,
    districtCode,
    rows.map((r) => r.region_id),
    true,
  );
  await repo.addToTotals(districtCode, placeTotals(rows, chains));
}

/** What a rebuild writes after clearing: the rows summed per key (zeros dropped) and their totals. */
export function writeRebuilt(
  trx: Kysely<DB>,
  kind: FigureKind,
  districtCode: string,
  summed: Map<string, FigureRow>,
): Promise<void> {
  return addRows(trx, kind, districtCode, withoutZeros(summed.values()));
}

export const FIGURE_KINDS: readonly FigureKind[] = ['case', 'visit', 'coverage'];

/**
 * Folds up to `batch` deltas of each kind and district into the rollup, each in one transaction
 * (claiming deletes them, so two folders never fold the same delta). Returns how many it folded.
 */
export async function foldFigureDeltas(db: Kysely<DB>, batch = 5_000): Promise<number> {
  let folded = 0;
  for (const kind of FIGURE_KINDS) {
    for (const district of await createRollupRepository(db, kind).districtsWithDeltas()) {
      folded += await runTransaction(db, async (trx) => {
        const claimed = await createRollupRepository(trx, kind).claimDeltas(district, batch);
        await addRows(trx, kind, district, [...sumByKey(claimed).values()]);
        return claimed.length;
      });
    }
  }
  return folded;
}

/**
 * The stored counters of a kind for days [from, to) in the subtrees of `paths`, added up: the
 * totals of the outermost of those places and the unfolded deltas below them.
 */
export async function storedCounters(
  db: Kysely<DB>,
  kind: FigureKind,
  districtCode: string,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<Record<string, number>> {
  const rows = await createRollupRepository(db, kind).totalsIn(districtCode, outermost(paths), from, to);
  const total: Record<string, number> = {};
  for (const r of rows) addInto(total, r.counters);
  return total;
}

function addInto(total: Record<string, number>, counters: Record<string, number>) {
  for (const [k, v] of Object.entries(counters)) total[k] = (total[k] ?? 0) + Number(v);
}

/**
 * As `storedCounters`, added up per group: per Beijing day, place path (as the place stands
 * now), category id ('' for none) or unit key ('d:<department>', 'r:<region>', 'u:<user>' or '').
 */
export async function storedCountersBy<K extends string>(
  db: Kysely<DB>,
  kind: FigureKind,
  keys: readonly K[],
  districtCode: string,
  paths: readonly string[],
  from: string,
  to: string,
  by: FigureGrouping,
): Promise<Map<string, Record<K, number>>> {
  const repo = createRollupRepository(db, kind);
  // By day the per-place totals answer with a row per day; other groupings need the keyed rows.
  const rows =
    by === 'day'
      ? (await repo.totalsIn(districtCode, outermost(paths), from, to)).map((r) => ({
          group: r.day,
          counters: r.counters,
        }))
      : await repo.countersGroupedIn(districtCode, paths, from, to, by);
  return new Map([...sumByGroup(rows)].map(([group, stored]) => [group, countersOf(keys, stored)]));
}

/**
 * Every district's stored counters of a kind for days [from, to), added up per district: the
 * totals at its root and its unfolded deltas (a province's figures, read across workers on Citus).
 */
export async function storedCountersByDistrict<K extends string>(
  db: Kysely<DB>,
  kind: FigureKind,
  keys: readonly K[],
  from: string,
  to: string,
): Promise<Map<string, Record<K, number>>> {
  const rows = await createRollupRepository(db, kind).districtTotals(from, to);
  const groups = sumByGroup(rows.map((r) => ({ group: r.district_code, counters: r.counters })));
  return new Map([...groups].map(([district, stored]) => [district, countersOf(keys, stored)]));
}

function sumByGroup(rows: readonly { group: string; counters: Record<string, number> }[]) {
  const groups = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const total = groups.get(r.group) ?? {};
    addInto(total, r.counters);
    groups.set(r.group, total);
  }
  return groups;
}

/**
 * A moved place's history moves with it (the move's transaction, after its paths are rewritten,
 * so that a fold of its deltas either finished before or reads the new ancestors): its totals
 * leave every old ancestor and join every new one. The keyed rollup needs nothing: it is read
 * through the places' paths as they stand.
 */
export async function shiftPlaceTotals(
  trx: Kysely<DB>,
  districtCode: string,
  placeId: string,
  oldAncestorIds: readonly string[],
  newAncestorIds: readonly string[],
): Promise<void> {
  for (const kind of FIGURE_KINDS) {
    const repo = createRollupRepository(trx, kind);
    const totals = await repo.totalsOf(districtCode, placeId);
    const negated = totals.map((t) => ({
      ...t,
      counters: Object.fromEntries(Object.entries(t.counters).map(([k, v]) => [k, -Number(v)])),
    }));
    // Ancestors both chains share keep the place's totals (and a statement may not add twice to a row).
    const at = (ids: readonly string[], others: readonly string[], rows: readonly TotalRow[]) =>
      ids.filter((id) => !others.includes(id)).flatMap((id) => rows.map((r) => ({ ...r, region_id: id })));
    await repo.addToTotals(districtCode, [
      ...at(oldAncestorIds, newAncestorIds, negated),
      ...at(newAncestorIds, oldAncestorIds, totals),
    ]);
  }
}
