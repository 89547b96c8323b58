import type { Kysely } from 'kysely';
import { childToward } from '../../../shared/auth/reach.ts';
import { addCounters } from '../../../shared/figures/counters.ts';
import type { DB } from '../../db/schema.ts';
import { createFigureUnitRepository } from './figure-units.repository.ts';

/**
 * Kept counters read by part (rollups.ts `storedCountersBy`) made into the parts people read:
 * a place's child places (a drill-down, a league table, a campaign's communities) and handling
 * units by name.
 */

/** Counters grouped by place path, added up per child of `parentPath`; the parent's own dropped. */
export function countersByChild<K extends string>(
  keys: readonly K[],
  parentPath: string,
  groups: Map<string, Record<K, number>>,
): Map<string, Record<K, number>> {
  const out = new Map<string, Record<K, number>>();
  for (const [path, counters] of groups) {
    const child = childToward(parentPath, path);
    if (child === null) continue;
    const before = out.get(child);
    out.set(child, before ? addCounters(keys, before, counters) : counters);
  }
  return out;
}

/** The names of unit keys ('d:<department id>', 'r:<region id>'); other keys are not named. */
export function unitNames(db: Kysely<DB>, districtCode: string, unitKeys: Iterable<string>) {
  const keys = [...unitKeys];
  const idsOf = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2));
  return createFigureUnitRepository(db).unitNames(districtCode, idsOf('d:'), idsOf('r:'));
}
