import type { Kysely } from 'kysely';
import { countersOf } from '../../../shared/figures/counters.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import {
  createRollupRepository,
  type FigureGrouping,
  type FigureKey,
  type FigureKind,
  type FigureRow,
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

/** Rows added up per key (into `out`), zeros dropped: what a fold or a rebuild writes into the rollup. */
export function sumByKey(
  rows: readonly FigureRow[],
  out = new Map<string, FigureRow>(),
): Map<string, FigureRow> {
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
  for (const [key, r] of out) {
    r.counters = sparse(r.counters);
    if (Object.keys(r.counters).length === 0) out.delete(key);
  }
  return out;
}

export const FIGURE_KINDS: readonly FigureKind[] = ['case', 'visit'];

/**
 * Folds up to `batch` deltas of each kind and district into the rollup, each in one transaction
 * (claiming deletes them, so two folders never fold the same delta). Returns how many it folded.
 */
export async function foldFigureDeltas(db: Kysely<DB>, batch = 5_000): Promise<number> {
  let folded = 0;
  for (const kind of FIGURE_KINDS) {
    for (const district of await createRollupRepository(db, kind).districtsWithDeltas()) {
      folded += await runTransaction(db, async (trx) => {
        const repo = createRollupRepository(trx, kind);
        const claimed = await repo.claimDeltas(district, batch);
        await repo.addToRollup(district, [...sumByKey(claimed).values()]);
        return claimed.length;
      });
    }
  }
  return folded;
}

/** The stored counters of a kind for days [from, to) in the subtrees of `paths`, added up. */
export async function storedCounters(
  db: Kysely<DB>,
  kind: FigureKind,
  districtCode: string,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<Record<string, number>> {
  const rows = await createRollupRepository(db, kind).countersIn(districtCode, paths, from, to);
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
  const rows = await createRollupRepository(db, kind).countersGroupedIn(districtCode, paths, from, to, by);
  const groups = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const total = groups.get(r.group) ?? {};
    addInto(total, r.counters);
    groups.set(r.group, total);
  }
  return new Map([...groups].map(([group, stored]) => [group, countersOf(keys, stored)]));
}
