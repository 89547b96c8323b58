import { type Kysely, sql } from 'kysely';
import type { CaseState } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { bumpAuthEpoch } from '../auth/auth.repository.ts';
import { onSameDistrict } from '../auth/scope.ts';
import { categoriesInUse } from '../categories/categories.repository.ts';

/** The channel of every case an Open311 client sends in; the Open311 reads show these only. */
export const OPEN311_CHANNEL = 'api';

/**
 * Staff may record a case with channel `api` by hand too: only a case a client sent in (its first
 * timeline entry names the client) is ever shown through Open311.
 */
const FROM_A_CLIENT = sql<boolean>`e.detail->>'open311Client' is not null`;

export interface Open311ClientRow {
  district_code: string;
  id: string;
  name: string;
  created_at: Date;
  created_by_name: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface Open311CaseRow {
  id: string;
  number: string;
  district_code: string;
  state: CaseState;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  category_code: string | null;
  category_name: string | null;
  agency: string | null;
  detail: unknown;
}

/** All SQL of the Open311 server and of its clients' administration. */
export function createOpen311Repository(db: Kysely<DB>) {
  const clients = (districtCode: string) =>
    db
      .selectFrom('open311_client as c')
      .leftJoin('app_user as u', onSameDistrict('u.id', 'c.created_by'))
      .select([
        'c.district_code',
        'c.id',
        'c.name',
        'c.created_at',
        'u.display_name as created_by_name',
        'c.revoked_at',
        'c.last_used_at',
      ])
      .where('c.district_code', '=', districtCode);

  const cases = (districtCode: string) =>
    db
      .selectFrom('case_record as k')
      .leftJoin('case_category as g', onSameDistrict('g.id', 'k.category_id'))
      .leftJoin('department as d', onSameDistrict('d.id', 'k.unit_department_id'))
      .leftJoin('case_event as e', (j) =>
        j
          .onRef('e.district_code', '=', 'k.district_code')
          .onRef('e.case_id', '=', 'k.id')
          .on('e.seq', '=', 1),
      )
      .select([
        'k.id',
        'k.number',
        'k.district_code',
        'k.state',
        'k.description',
        'k.address',
        'k.latitude',
        'k.longitude',
        'k.created_at',
        'k.updated_at',
        'k.closed_at',
        'g.code as category_code',
        'g.name as category_name',
        'd.name as agency',
        'e.detail',
      ])
      .where('k.district_code', '=', districtCode)
      .where('k.channel', '=', OPEN311_CHANNEL)
      .where(FROM_A_CLIENT);

  return {
    async insertClient(row: {
      district_code: string;
      id: string;
      name: string;
      key_hash: Uint8Array;
      created_at: Date;
      created_by: string;
    }): Promise<void> {
      await db.insertInto('open311_client').values(row).execute();
    },

    listClients(districtCode: string): Promise<Open311ClientRow[]> {
      return clients(districtCode).orderBy('c.created_at', 'desc').orderBy('c.id').execute();
    },

    clientById(districtCode: string, id: string): Promise<Open311ClientRow | undefined> {
      return clients(districtCode).where('c.id', '=', id).executeTakeFirst();
    },

    /**
     * Revokes a client's key. Bumps the district's auth version in the caller's transaction:
     * servers keep a live client under it (create-request.ts).
     */
    async revokeClient(districtCode: string, id: string, by: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('open311_client')
        .set({ revoked_at: at, revoked_by: by })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      const revoked = Number(result.numUpdatedRows) > 0;
      if (revoked) await bumpAuthEpoch(db, districtCode);
      return revoked;
    },

    clientByKeyHash(districtCode: string, hash: Uint8Array) {
      return db
        .selectFrom('open311_client')
        .select(['district_code', 'id', 'name', 'revoked_at'])
        .where('district_code', '=', districtCode)
        .where('key_hash', '=', hash)
        .executeTakeFirst();
    },

    /**
     * Marks the client used, at most once a minute: a busy client's requests must not queue on
     * its one row (a non-matching UPDATE takes no lock).
     */
    async touchClient(districtCode: string, id: string, at: Date): Promise<void> {
      await db
        .updateTable('open311_client')
        .set({ last_used_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where((w) =>
          w.or([w('last_used_at', 'is', null), w('last_used_at', '<', new Date(at.getTime() - 60_000))]),
        )
        .execute();
    },

    /** One district's root region (a router read on Citus, unlike `districts`). */
    district(districtCode: string) {
      return db
        .selectFrom('region')
        .select(['district_code', 'id', 'path', 'name'])
        .where('district_code', '=', districtCode)
        .where('level', '=', 'district')
        .executeTakeFirst();
    },

    /** The districts (jurisdictions) this deployment holds, with their root region. */
    districts() {
      return db
        .selectFrom('region')
        .select(['district_code', 'id', 'path', 'name'])
        .where('level', '=', 'district')
        .orderBy('district_code')
        .execute();
    },

    /** When the services last changed (a category added, renamed, retired), anywhere served. */
    async servicesChangedAt(): Promise<Date | null> {
      const row = await db
        .selectFrom('case_category')
        .select((s) => s.fn.max('updated_at').as('at'))
        .executeTakeFirst();
      return row?.at ? new Date(row.at as Date | string) : null;
    },

    /** Active categories, each top one before its subcategories (the services list). */
    activeCategories(districtCode: string) {
      return db
        .selectFrom('case_category as c')
        .leftJoin('case_category as p', onSameDistrict('p.id', 'c.parent_id'))
        .select([
          'c.id',
          'c.code',
          'c.name',
          'c.name_en',
          'c.parent_id',
          'p.name as parent_name',
          'p.active as parent_active',
        ])
        .where('c.district_code', '=', districtCode)
        .where('c.active', '=', true)
        .orderBy(sql`coalesce(p.sort_order, c.sort_order)`)
        .orderBy(sql`coalesce(p.code, c.code)`)
        .orderBy(sql`case when c.parent_id is null then 0 else 1 end`)
        .orderBy('c.sort_order')
        .orderBy('c.code')
        .execute();
    },

    activeCategoryByCode(districtCode: string, code: string) {
      return categoriesInUse(db, districtCode)
        .select(['c.id', 'c.code', 'c.name'])
        .where('c.code', '=', code)
        .executeTakeFirst();
    },

    /**
     * The street, community or grid whose name the address holds, the longest name first (a
     * community's name usually contains its street's); grids last, their names repeat.
     */
    regionNamedIn(districtCode: string, address: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path', 'level'])
        .where('district_code', '=', districtCode)
        .where('level', 'in', ['street', 'community', 'grid'])
        .where(sql<boolean>`length(name) >= 2 and strpos(${address}, name) > 0`)
        .orderBy(sql`case when level = 'grid' then 1 else 0 end`)
        .orderBy(sql`length(name)`, 'desc')
        .orderBy('path', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** The grid and community boundaries whose centres lie nearest a point (candidates to test). */
    boundariesNear(districtCode: string, lat: number, lng: number, limit: number) {
      return db
        .selectFrom('region_boundary as b')
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'b.district_code').onRef('r.id', '=', 'b.region_id'),
        )
        .select(['r.id', 'r.path', 'r.level', 'b.geometry'])
        .where('b.district_code', '=', districtCode)
        .where('r.level', 'in', ['grid', 'community'])
        .orderBy(
          sql`(b.center_lat - ${lat}) * (b.center_lat - ${lat}) + (b.center_lng - ${lng}) * (b.center_lng - ${lng})`,
        )
        .limit(limit)
        .execute();
    },

    casesByNumbers(districtCode: string, numbers: readonly string[]): Promise<Open311CaseRow[]> {
      if (numbers.length === 0) return Promise.resolve([]);
      return cases(districtCode)
        .where('k.number', 'in', [...numbers])
        .orderBy('k.created_at', 'desc')
        .orderBy('k.id', 'desc')
        .execute() as Promise<Open311CaseRow[]>;
    },

    casesIn(
      districtCode: string,
      filter: {
        from: Date;
        to: Date;
        categoryCodes: readonly string[] | null;
        states: readonly CaseState[] | null;
        limit: number;
        offset: number;
      },
    ): Promise<Open311CaseRow[]> {
      let query = cases(districtCode)
        .where('k.created_at', '>=', filter.from)
        .where('k.created_at', '<=', filter.to);
      if (filter.categoryCodes) query = query.where('g.code', 'in', [...filter.categoryCodes]);
      if (filter.states) query = query.where('k.state', 'in', [...filter.states]);
      return query
        .orderBy('k.created_at', 'desc')
        .orderBy('k.id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute() as Promise<Open311CaseRow[]>;
    },

    /** The state changes of Open311 cases in a window, oldest first. */
    stateChanges(districtCode: string, from: Date, to: Date, limit: number) {
      return db
        .selectFrom('case_event as e')
        .innerJoin('case_record as k', (j) =>
          j.onRef('k.district_code', '=', 'e.district_code').onRef('k.id', '=', 'e.case_id'),
        )
        .select(['e.id', 'e.to_state', 'e.created_at', 'k.number'])
        .innerJoin('case_event as f', (j) =>
          j
            .onRef('f.district_code', '=', 'k.district_code')
            .onRef('f.case_id', '=', 'k.id')
            .on('f.seq', '=', 1),
        )
        .where('e.district_code', '=', districtCode)
        .where('k.channel', '=', OPEN311_CHANNEL)
        .where(sql<boolean>`f.detail->>'open311Client' is not null`)
        .where('e.created_at', '>=', from)
        .where('e.created_at', '<=', to)
        .where((w) => w.or([w('e.from_state', 'is', null), w('e.from_state', '<>', w.ref('e.to_state'))]))
        .orderBy('e.created_at')
        .orderBy('e.id')
        .limit(limit)
        .execute();
    },
  };
}
