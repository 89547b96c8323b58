import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The names of the units counters are kept under ('d:<department>', 'r:<place office>'). */
export function createFigureUnitRepository(db: Kysely<DB>) {
  return {
    async unitNames(districtCode: string, departmentIds: string[], regionIds: string[]) {
      const names = new Map<string, string>();
      if (departmentIds.length > 0) {
        for (const d of await db
          .selectFrom('department')
          .select(['id', 'name'])
          .where('district_code', '=', districtCode)
          .where('id', 'in', departmentIds)
          .execute())
          names.set(`d:${d.id}`, d.name);
      }
      if (regionIds.length > 0) {
        for (const r of await db
          .selectFrom('region')
          .select(['id', 'name'])
          .where('district_code', '=', districtCode)
          .where('id', 'in', regionIds)
          .execute())
          names.set(`r:${r.id}`, r.name);
      }
      return names;
    },
  };
}
