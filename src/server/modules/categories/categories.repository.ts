import { type Kysely, sql } from 'kysely';
import { codeTaken, ensureCoded } from '../../db/coded-rows.repository.ts';
import type { DB } from '../../db/schema.ts';
import { withAuthEpochBump } from '../auth/auth.repository.ts';
import { onSameDistrict } from '../auth/scope.ts';

export interface CategoryInsert {
  district_code: string;
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  name_en: string | null;
  path: string;
  department_id: string | null;
  sort_order: number;
}

/**
 * The district's categories a case may be filed under (`c`): active, and under an active top
 * category, since deactivating a top category takes its subcategories out of use without changing
 * their own flags (shared/domain/category.ts `isSelectable`, the same rule in memory). Every check
 * of a category named by a request starts here.
 */
export function categoriesInUse(db: Kysely<DB>, districtCode: string) {
  return db
    .selectFrom('case_category as c')
    .leftJoin('case_category as p', onSameDistrict('p.id', 'c.parent_id'))
    .where('c.district_code', '=', districtCode)
    .where('c.active', '=', true)
    .where((eb) => eb.or([eb('c.parent_id', 'is', null), eb('p.active', '=', true)]));
}

/** All SQL about the case category tree. It is district-wide: everyone signed in reads it. */
export function createCategoryRepository(db: Kysely<DB>) {
  const base = (districtCode: string) =>
    db
      .selectFrom('case_category as c')
      .leftJoin('case_category as p', onSameDistrict('p.id', 'c.parent_id'))
      .leftJoin('department as d', onSameDistrict('d.id', 'c.department_id'))
      .select([
        'c.id',
        'c.parent_id',
        'c.code',
        'c.path',
        'c.name',
        'c.name_en',
        'c.department_id',
        'd.name as department_name',
        'c.active',
        'c.sort_order',
      ])
      .where('c.district_code', '=', districtCode);

  return {
    /** Top categories in their order, each followed by its subcategories in theirs. */
    list(districtCode: string) {
      return base(districtCode)
        .orderBy(sql`coalesce(p.sort_order, c.sort_order)`)
        .orderBy(sql`coalesce(p.path, c.path)`)
        .orderBy(sql`case when c.parent_id is null then 0 else 1 end`)
        .orderBy('c.sort_order')
        .orderBy('c.path')
        .execute();
    },

    find(districtCode: string, id: string) {
      return base(districtCode).where('c.id', '=', id).executeTakeFirst();
    },

    codeTaken(districtCode: string, code: string): Promise<boolean> {
      return codeTaken(db, 'case_category', districtCode, code);
    },

    async nextSortOrder(districtCode: string, parentId: string | null): Promise<number> {
      const row = await db
        .selectFrom('case_category')
        .select((eb) => eb.fn.max<number | null>('sort_order').as('n'))
        .where('district_code', '=', districtCode)
        .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    insert(row: CategoryInsert) {
      return db.insertInto('case_category').values(row).execute();
    },

    /** For the seeder: adds the row unless its code exists, and answers the code's id either way. */
    ensure(row: CategoryInsert): Promise<string> {
      return ensureCoded(db, 'case_category', row);
    },

    update(
      districtCode: string,
      id: string,
      values: Partial<{
        name: string;
        name_en: string | null;
        department_id: string | null;
        active: boolean;
        sort_order: number;
      }>,
    ) {
      // An intake keeps the category's activity in memory under the auth version (versioned-cache.ts).
      return withAuthEpochBump(db, districtCode, (trx) =>
        trx
          .updateTable('case_category')
          .set({ ...values, updated_at: new Date() })
          .where('district_code', '=', districtCode)
          .where('id', '=', id)
          .execute(),
      );
    },

    /** The department a category may be given: one of the district's, and active. */
    department(districtCode: string, id: string) {
      return db
        .selectFrom('department')
        .select(['id', 'active'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}

export type CategoryRepository = ReturnType<typeof createCategoryRepository>;
export type CategoryRow = NonNullable<Awaited<ReturnType<CategoryRepository['find']>>>;
