import type { Expression, ExpressionBuilder, Insertable, Kysely, SqlBool } from 'kysely';
import type { DB, OpinionTable } from '../../db/schema.ts';
import { beforeInstant, inScope, inSubtree, keysetPage, onSameDistrict, type Scope } from '../auth/scope.ts';

export interface OpinionListFilter {
  regionPath?: string;
  from?: Date;
  to?: Date;
  /** The (recorded_at, id) of the last row of the previous page. */
  after?: [string, string];
  limit: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the fragment works on the list's joined query.
type AnyEb = ExpressionBuilder<any, any>;

/** All SQL of opinions (意见建议): recording, the scoped list, promotion to a case. */
export function createOpinionRepository(db: Kysely<DB>) {
  /** Opinions with the names the list shows: place, recorder, category, promoted case. */
  const named = () =>
    db
      .selectFrom('opinion as o')
      .innerJoin('region as r', onSameDistrict('r.id', 'o.region_id'))
      .innerJoin('app_user as u', onSameDistrict('u.id', 'o.recorded_by'))
      .leftJoin('case_category as cat', onSameDistrict('cat.id', 'o.category_id'))
      .leftJoin('case_record as c', onSameDistrict('c.id', 'o.promoted_case_id'))
      .select([
        'o.id',
        'o.visit_id',
        'o.region_id',
        'o.region_path',
        'r.name as region_name',
        'o.text',
        'o.category_id',
        'cat.name as category_name',
        'o.recorded_by',
        'u.display_name as recorder_name',
        'o.recorded_at',
        'o.promoted_case_id',
        'c.number as promoted_case_number',
      ]);

  return {
    async insert(rows: Insertable<OpinionTable>[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('opinion').values(rows).execute();
    },

    /** Which of these categories are active in the district (an opinion names only a live one). */
    async activeCategories(districtCode: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('case_category')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', 'in', ids)
        .where('active', '=', true)
        .execute();
      return new Set(rows.map((r) => r.id));
    },

    /** Opinions in scope matching the filter, newest first, keyset paged, with the filter's total. */
    async list(scope: Scope, filter: OpinionListFilter) {
      let base = db
        .selectFrom('opinion as o')
        .where((eb) => inScope(eb, 'o.region_path', 'o.district_code', scope));
      let page = named().where((eb) => inScope(eb, 'o.region_path', 'o.district_code', scope));
      const apply = (fn: (eb: AnyEb) => Expression<SqlBool>) => {
        base = base.where(fn);
        page = page.where(fn);
      };
      const { regionPath, from, to, after } = filter;
      if (regionPath) apply((eb) => inSubtree(eb, 'o.region_path', regionPath));
      if (from) apply((eb) => eb('o.recorded_at', '>=', from));
      if (to) apply((eb) => eb('o.recorded_at', '<', to));
      const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      if (after) page = page.where((eb) => beforeInstant(eb, 'o.recorded_at', 'o.id', after));
      const rows = await page
        .orderBy('o.recorded_at', 'desc')
        .orderBy('o.id', 'desc')
        .limit(filter.limit + 1)
        .execute();
      return keysetPage(rows, filter.limit, totalRow?.n);
    },

    async findInScope(scope: Scope, id: string) {
      return named()
        .where((eb) => inScope(eb, 'o.region_path', 'o.district_code', scope))
        .where('o.id', '=', id)
        .executeTakeFirst();
    },

    /** The visit an opinion was heard on: where its case is placed and what it names. */
    async visitOf(districtCode: string, visitId: string) {
      return db
        .selectFrom('visit as v')
        .leftJoin('household as h', onSameDistrict('h.id', 'v.household_id'))
        .leftJoin('enterprise as e', onSameDistrict('e.id', 'v.enterprise_id'))
        .select([
          'v.id',
          'v.region_id',
          'v.place_name',
          'h.address as household_address',
          'e.address as enterprise_address',
        ])
        .where('v.district_code', '=', districtCode)
        .where('v.id', '=', visitId)
        .executeTakeFirst();
    },

    /**
     * Links an opinion to its case, only if none is linked yet: of two promotions racing, the
     * second finds the row taken (it waits for the first's lock) and changes nothing.
     */
    async markPromoted(districtCode: string, id: string, caseId: string): Promise<boolean> {
      const result = await db
        .updateTable('opinion')
        .set({ promoted_case_id: caseId })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('promoted_case_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type OpinionRepository = ReturnType<typeof createOpinionRepository>;
export type OpinionRow = NonNullable<Awaited<ReturnType<OpinionRepository['findInScope']>>>;
