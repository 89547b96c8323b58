import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type SqlType, unnestRows } from '../../db/unnest.ts';
import { afterKey, containsPattern, inScope, keysetPage, onSameDistrict, type Scope } from '../auth/scope.ts';
import { liveMembersOf } from '../households/households.repository.ts';

/** A browse value as the API takes it: '' is "none" (a village house has no estate or unit). */
export type PlacePart = string;

export interface HouseholdFilter {
  /** Name, address, building or household code, contained anywhere. */
  q?: string;
  /** A member's phone ends in these four digits. */
  last4?: string;
  estate?: PlacePart;
  building?: PlacePart;
  unit?: PlacePart;
  gridId?: string;
}

export interface LastFour {
  district_code: string;
  id: string;
  last4: string;
}
const LAST_FOUR_COLUMNS = [
  ['district_code', 'varchar'],
  ['id', 'uuid'],
  ['last4', 'varchar'],
] as const satisfies readonly (readonly [keyof LastFour, SqlType])[];

// biome-ignore lint/suspicious/noExplicitAny: the fragments work on the aliased household query.
type AnyEb = ExpressionBuilder<any, any>;

/** `column = value`, or `column is null` for the empty browse value. */
function samePart(eb: AnyEb, column: string, value: PlacePart) {
  return value === '' ? eb(eb.ref(column), 'is', null) : eb(eb.ref(column), '=', value);
}

/**
 * All SQL of the field app's directory: households and enterprises in a scope (`inScope`),
 * searched, browsed by address parts, and one grid's whole directory for the phone to keep.
 */
export function createFieldDirectoryRepository(db: Kysely<DB>) {
  const households = (scope: Scope, filter: HouseholdFilter) => {
    let base = db
      .selectFrom('household as h')
      .where((eb) => inScope(eb, 'h.region_path', 'h.district_code', scope))
      .where('h.removed_at', 'is', null);
    if (filter.gridId) base = base.where('h.grid_id', '=', filter.gridId);
    const { estate, building, unit } = filter;
    if (estate !== undefined) base = base.where((eb) => samePart(eb, 'h.estate', estate));
    if (building !== undefined) base = base.where((eb) => samePart(eb, 'h.building', building));
    if (unit !== undefined) base = base.where((eb) => samePart(eb, 'h.unit', unit));
    if (filter.q || filter.last4) {
      const q = filter.q ? containsPattern(filter.q) : null;
      const last4 = filter.last4;
      base = base.where((eb) => {
        const member = liveMembersOf(eb);
        return eb.or([
          ...(q
            ? [
                eb('h.address', 'like', q),
                eb('h.code', 'like', q),
                eb('h.building', 'like', q),
                eb.exists(member.where('p.name', 'like', q)),
              ]
            : []),
          ...(last4 ? [eb.exists(member.where('p.phone_last4', '=', last4))] : []),
        ]);
      });
    }
    return base;
  };

  /** The household row as the directory shows it: its address parts, grid, members' names and phone ends. */
  const householdRows = (base: ReturnType<typeof households>) =>
    base.innerJoin('region as g', onSameDistrict('g.id', 'h.grid_id')).select([
      'h.id',
      'h.code',
      'h.address',
      'h.estate',
      'h.building',
      'h.unit',
      'h.room',
      'h.grid_id',
      'g.name as grid_name',
      'h.is_key',
      'h.last_visit_at',
      sql<string[] | null>`(select array_agg(p.name order by p.birth_date, p.id) from person p
          where p.district_code = h.district_code and p.household_id = h.id and p.removed_at is null)`.as(
        'names',
      ),
      sql<string[] | null>`(select array_agg(p.phone_last4 order by p.birth_date, p.id) from person p
          where p.district_code = h.district_code and p.household_id = h.id and p.removed_at is null
            and p.phone_last4 is not null)`.as('phone_last4'),
    ]);

  const enterprises = (
    scope: Scope,
    filter: { q?: string; last4?: string; liaisonUserId?: string; gridId?: string },
  ) => {
    let base = db
      .selectFrom('enterprise as e')
      .where('e.removed_at', 'is', null)
      .where((eb) => inScope(eb, 'e.region_path', 'e.district_code', scope));
    if (filter.gridId) base = base.where('e.grid_id', '=', filter.gridId);
    if (filter.liaisonUserId) base = base.where('e.liaison_user_id', '=', filter.liaisonUserId);
    if (filter.q || filter.last4) {
      const q = filter.q ? containsPattern(filter.q) : null;
      const last4 = filter.last4;
      base = base.where((eb) =>
        eb.or([
          ...(q
            ? [eb('e.name', 'like', q), eb('e.address', 'like', q), eb('e.contact_name', 'like', q)]
            : []),
          ...(last4 ? [eb('e.contact_phone_last4', '=', last4)] : []),
        ]),
      );
    }
    return base;
  };

  const enterpriseRows = (base: ReturnType<typeof enterprises>) =>
    base
      .innerJoin('region as g', onSameDistrict('g.id', 'e.grid_id'))
      .leftJoin('app_user as l', onSameDistrict('l.id', 'e.liaison_user_id'))
      .select([
        'e.id',
        'e.name',
        'e.address',
        'e.grid_id',
        'g.name as grid_name',
        'e.contact_name',
        'e.contact_phone_last4',
        'e.liaison_user_id',
        'l.display_name as liaison_name',
        'e.last_visit_at',
      ]);

  return {
    /** A page of households in scope, in household-code order (keyset on code, id). */
    async householdPage(scope: Scope, filter: HouseholdFilter & { after?: [string, string]; limit: number }) {
      const base = households(scope, filter);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      let page = householdRows(base)
        .orderBy('h.code')
        .orderBy('h.id')
        .limit(filter.limit + 1);
      if (filter.after) {
        const after = filter.after;
        page = page.where((eb) => afterKey(eb, 'h.code', 'h.id', after));
      }
      return keysetPage(await page.execute(), filter.limit, total?.n);
    },

    /** The distinct values of one address part among the households in scope (and the parts above it). */
    places(scope: Scope, level: 'estate' | 'building' | 'unit', filter: HouseholdFilter) {
      const column = `h.${level}` as const;
      return households(scope, filter)
        .select([
          sql<string>`coalesce(${sql.ref(column)}, '')`.as('value'),
          (eb) => eb.fn.countAll<number>().as('households'),
        ])
        .groupBy(column)
        .orderBy('value')
        .limit(2000)
        .execute();
    },

    /** A page of enterprises in scope, by name (keyset on name, id). */
    async enterprisePage(
      scope: Scope,
      filter: { q?: string; last4?: string; liaisonUserId?: string; after?: [string, string]; limit: number },
    ) {
      const base = enterprises(scope, filter);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      let page = enterpriseRows(base)
        .orderBy('e.name')
        .orderBy('e.id')
        .limit(filter.limit + 1);
      if (filter.after) {
        const after = filter.after;
        page = page.where((eb) => afterKey(eb, 'e.name', 'e.id', after));
      }
      return keysetPage(await page.execute(), filter.limit, total?.n);
    },

    /** Grids in scope with how many live households and enterprises each holds, in path order. */
    grids(householdScope: Scope, enterpriseScope: Scope, gridScope: Scope, limit: number) {
      return db
        .selectFrom('region as g')
        .leftJoin('region as c', onSameDistrict('c.id', 'g.parent_id'))
        .where('g.level', '=', 'grid')
        .where((eb) => inScope(eb, 'g.path', 'g.district_code', gridScope))
        .select([
          'g.id',
          'g.name',
          'g.path',
          'c.name as parent_name',
          (eb) =>
            eb
              .selectFrom('household as h')
              .whereRef('h.district_code', '=', 'g.district_code')
              .whereRef('h.grid_id', '=', 'g.id')
              .where('h.removed_at', 'is', null)
              .where((e) => inScope(e, 'h.region_path', 'h.district_code', householdScope))
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('households'),
          (eb) =>
            eb
              .selectFrom('enterprise as e')
              .whereRef('e.district_code', '=', 'g.district_code')
              .whereRef('e.grid_id', '=', 'g.id')
              .where('e.removed_at', 'is', null)
              .where((e) => inScope(e, 'e.region_path', 'e.district_code', enterpriseScope))
              .select((e) => e.fn.countAll<number>().as('n'))
              .as('enterprises'),
        ])
        .orderBy('g.path')
        .limit(limit + 1)
        .execute();
    },

    /** The grids of the visit teams (走访组) a user belongs to. */
    async teamGrids(districtCode: string, userId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('visit_team_member as m')
        .innerJoin('visit_team as v', onSameDistrict('v.id', 'm.team_id'))
        .select('v.grid_id')
        .where('m.district_code', '=', districtCode)
        .where('m.user_id', '=', userId)
        .execute();
      return rows.map((r) => r.grid_id);
    },

    /** A grid in the scope, or undefined. */
    gridInScope(scope: Scope, id: string) {
      return db
        .selectFrom('region as g')
        .select(['g.id', 'g.name', 'g.path'])
        .where('g.id', '=', id)
        .where('g.level', '=', 'grid')
        .where((eb) => inScope(eb, 'g.path', 'g.district_code', scope))
        .executeTakeFirst();
    },

    /** Up to `limit + 1` households of one grid in scope (the extra row says the grid holds more). */
    gridHouseholds(scope: Scope, gridId: string, limit: number) {
      return householdRows(households(scope, { gridId }))
        .orderBy('h.code')
        .orderBy('h.id')
        .limit(limit + 1)
        .execute();
    },

    gridEnterprises(scope: Scope, gridId: string, limit: number) {
      return enterpriseRows(enterprises(scope, { gridId }))
        .orderBy('e.name')
        .orderBy('e.id')
        .limit(limit + 1)
        .execute();
    },

    // ----- the last four digits of rows written before they were kept (fill-phone-last-four.ts) -----

    personsWithoutLastFour(limit: number) {
      return db
        .selectFrom('person')
        .select(['district_code', 'id', 'phone_enc'])
        .where('phone_enc', 'is not', null)
        .where('phone_last4', 'is', null)
        .limit(limit)
        .execute();
    },

    enterprisesWithoutLastFour(limit: number) {
      return db
        .selectFrom('enterprise')
        .select(['district_code', 'id', 'contact_phone_enc'])
        .where('contact_phone_enc', 'is not', null)
        .where('contact_phone_last4', 'is', null)
        .limit(limit)
        .execute();
    },

    /** '' marks a phone with fewer than four digits, so the fill does not come back to it. */
    async setPersonLastFour(rows: readonly LastFour[]) {
      await sql`
        update person as p set phone_last4 = u.last4
        from ${unnestRows(rows, LAST_FOUR_COLUMNS)}
        where p.district_code = u.district_code and p.id = u.id`.execute(db);
    },

    async setEnterpriseLastFour(rows: readonly LastFour[]) {
      await sql`
        update enterprise as e set contact_phone_last4 = u.last4
        from ${unnestRows(rows, LAST_FOUR_COLUMNS)}
        where e.district_code = u.district_code and e.id = u.id`.execute(db);
    },
  };
}

export type FieldDirectoryRepository = ReturnType<typeof createFieldDirectoryRepository>;
