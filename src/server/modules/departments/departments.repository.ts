import type { Kysely } from 'kysely';
import type { DepartmentLevel } from '../../../shared/domain/department.ts';
import { codeTaken, ensureCoded } from '../../db/coded-rows.repository.ts';
import type { DB } from '../../db/schema.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';
import { onSameDistrict } from '../auth/scope.ts';

export interface DepartmentInsert {
  district_code: string;
  id: string;
  code: string;
  name: string;
  level: DepartmentLevel;
  region_id: string;
  sort_order: number;
}

/** All SQL about departments (职能部门). The list is district-wide: every signed-in user may read it. */
export function createDepartmentRepository(db: Kysely<DB>) {
  const base = (districtCode: string) =>
    db
      .selectFrom('department as d')
      .innerJoin('region as r', onSameDistrict('r.id', 'd.region_id'))
      .select((eb) => [
        'd.id',
        'd.code',
        'd.name',
        'd.level',
        'd.region_id',
        'r.name as region_name',
        'r.path as region_path',
        'd.active',
        'd.sort_order',
        eb
          .selectFrom('case_category as c')
          .whereRef('c.district_code', '=', 'd.district_code')
          .whereRef('c.department_id', '=', 'd.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('category_count'),
      ])
      .where('d.district_code', '=', districtCode);

  return {
    /** District departments first, then streets', each in their order. */
    list(districtCode: string) {
      return base(districtCode)
        .orderBy('d.level')
        .orderBy('r.path')
        .orderBy('d.sort_order')
        .orderBy('d.code')
        .execute();
    },

    find(districtCode: string, id: string) {
      return base(districtCode).where('d.id', '=', id).executeTakeFirst();
    },

    codeTaken(districtCode: string, code: string): Promise<boolean> {
      return codeTaken(db, 'department', districtCode, code);
    },

    async nextSortOrder(districtCode: string, regionId: string): Promise<number> {
      const row = await db
        .selectFrom('department')
        .select((eb) => eb.fn.max<number | null>('sort_order').as('n'))
        .where('district_code', '=', districtCode)
        .where('region_id', '=', regionId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    insert(row: DepartmentInsert) {
      return db.insertInto('department').values(row).execute();
    },

    /** For the seeder: adds the row unless its code exists, and answers the code's id either way. */
    ensure(row: DepartmentInsert): Promise<string> {
      return ensureCoded(db, 'department', row);
    },

    async update(
      districtCode: string,
      id: string,
      values: Partial<{ name: string; active: boolean; sort_order: number }>,
    ) {
      const result = await db
        .updateTable('department')
        .set({ ...values, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
      // A department-scoped grant carries the department's name: principals must see the new one.
      await bumpAuthEpoch(db, districtCode);
      return result;
    },

    /** Active categories the department owns: it may not be deactivated while they route to it. */
    async activeCategoryCount(districtCode: string, id: string): Promise<number> {
      const row = await db
        .selectFrom('case_category')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('district_code', '=', districtCode)
        .where('department_id', '=', id)
        .where('active', '=', true)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type DepartmentRepository = ReturnType<typeof createDepartmentRepository>;
export type DepartmentRow = NonNullable<Awaited<ReturnType<DepartmentRepository['find']>>>;
