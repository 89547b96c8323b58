import { type Kysely, sql } from 'kysely';
import { LIST_TOTAL_CAP } from '../../../shared/domain/paging.ts';
import type { DB } from '../../db/schema.ts';
import {
  afterKey,
  cappedPage,
  containsPattern,
  inScope,
  inSubtree,
  onSameDistrict,
  type Scope,
} from '../auth/scope.ts';

export interface EnterpriseListFilter {
  regionPath?: string;
  q?: string;
  tag?: string;
  /** Only enterprises whose liaison is this user. */
  liaisonUserId?: string;
  /** Keyset: the rows after this (credit code, id). */
  after?: [string, string];
  /** A numbered page: rows skipped, at most LIST_TOTAL_CAP (shared/domain/paging.ts). */
  offset?: number;
  limit: number;
}

export interface EnterpriseValues {
  grid_id: string;
  region_path: string;
  name: string;
  credit_code: string;
  address: string;
  tags: string[];
  contact_name: string | null;
  contact_phone_enc: Uint8Array | null;
  contact_phone_hash: Uint8Array | null;
  contact_phone_last4?: string | null;
  /** WGS84, both or neither; left as they are when absent. */
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * All SQL about enterprises, always within a data scope. A removed enterprise (removed_at set)
 * is kept for the record and the retention job but no read here returns it.
 */
export function createEnterpriseRepository(db: Kysely<DB>) {
  const live = () =>
    db
      .selectFrom('enterprise as e')
      .where('e.removed_at', 'is', null)
      .innerJoin('region as g', onSameDistrict('g.id', 'e.grid_id'))
      .leftJoin('app_user as l', onSameDistrict('l.id', 'e.liaison_user_id'));

  return {
    async list(scope: Scope, filter: EnterpriseListFilter) {
      let base = db
        .selectFrom('enterprise as e')
        .where('e.removed_at', 'is', null)
        .where((eb) => inScope(eb, 'e.region_path', 'e.district_code', scope));
      if (filter.regionPath) {
        const path = filter.regionPath;
        base = base.where((eb) => inSubtree(eb, 'e.region_path', path));
      }
      if (filter.q) {
        const q = containsPattern(filter.q);
        // Credit codes are stored upper-case; people often type them in lower case.
        const code = containsPattern(filter.q.toUpperCase());
        base = base.where((eb) =>
          eb.or([eb('e.name', 'like', q), eb('e.credit_code', 'like', code), eb('e.address', 'like', q)]),
        );
      }
      if (filter.tag) {
        const tag = filter.tag;
        base = base.where(sql<boolean>`${tag} = any(e.tags)`);
      }
      if (filter.liaisonUserId) base = base.where('e.liaison_user_id', '=', filter.liaisonUserId);
      const counted = await db
        .selectFrom(
          base
            .select('e.id')
            .limit(LIST_TOTAL_CAP + 1)
            .as('t'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirst();
      let page = base
        .innerJoin('region as g', onSameDistrict('g.id', 'e.grid_id'))
        .leftJoin('app_user as l', onSameDistrict('l.id', 'e.liaison_user_id'))
        .select([
          'e.id',
          'e.name',
          'e.credit_code',
          'e.address',
          'e.grid_id',
          'g.name as grid_name',
          'e.tags',
          'l.display_name as liaison_name',
          'e.last_visit_at',
        ])
        .orderBy('e.credit_code')
        .orderBy('e.id')
        .limit(filter.limit + 1);
      if (filter.after) {
        const after = filter.after;
        page = page.where((eb) => afterKey(eb, 'e.credit_code', 'e.id', after));
      }
      if (filter.offset) page = page.offset(filter.offset);
      return cappedPage(await page.execute(), filter.limit, counted?.n);
    },

    /** A live enterprise inside the scope; removed ones and those outside are not found alike. */
    findInScope(scope: Scope, id: string) {
      return live()
        .select([
          'e.id',
          'e.name',
          'e.credit_code',
          'e.address',
          'e.grid_id',
          'g.name as grid_name',
          'e.latitude',
          'e.longitude',
          'e.tags',
          'e.contact_name',
          'e.contact_phone_enc',
          'e.region_path',
          'e.district_code',
          'e.liaison_user_id',
          'l.display_name as liaison_name',
        ])
        .where('e.id', '=', id)
        .where((eb) => inScope(eb, 'e.region_path', 'e.district_code', scope))
        .executeTakeFirst();
    },

    /** The enterprise (live or removed) holding a credit code in the district, if any. */
    holderOfCreditCode(districtCode: string, creditCode: string) {
      return db
        .selectFrom('enterprise')
        .select(['id', 'removed_at'])
        .where('district_code', '=', districtCode)
        .where('credit_code', '=', creditCode)
        .executeTakeFirst();
    },

    insert(districtCode: string, id: string, values: EnterpriseValues) {
      return db
        .insertInto('enterprise')
        .values({ district_code: districtCode, id, ...values })
        .execute();
    },

    update(districtCode: string, id: string, values: Partial<EnterpriseValues>) {
      return db
        .updateTable('enterprise')
        .set({ ...values, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    markRemoved(districtCode: string, id: string, at: Date) {
      return db
        .updateTable('enterprise')
        .set({ removed_at: at, updated_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .execute();
    },

    setLiaison(districtCode: string, id: string, userId: string | null) {
      return db
        .updateTable('enterprise')
        .set({ liaison_user_id: userId, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /**
     * Active accounts of the district holding a liaison grant, with the path and name of each
     * grant's scope (a district-wide grant's path is the district code, the root of every path).
     */
    liaisonGrants(districtCode: string, userId?: string) {
      let q = db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as rg', onSameDistrict('rg.user_id', 'u.id'))
        .leftJoin('region as r', onSameDistrict('r.id', 'rg.scope_region_id'))
        .select(['u.id', 'u.display_name', 'u.active', 'r.path as scope_path', 'r.name as scope_name'])
        .where('u.district_code', '=', districtCode)
        .where('rg.role', '=', 'liaison')
        // A grant scoped to a department reaches no enterprise by region.
        .where('rg.scope_department_id', 'is', null);
      if (userId) q = q.where('u.id', '=', userId);
      return q.orderBy('u.display_name').orderBy('u.id').execute();
    },

    districtName(districtCode: string) {
      return db
        .selectFrom('region')
        .select('name')
        .where('district_code', '=', districtCode)
        .where('path', '=', districtCode)
        .executeTakeFirst()
        .then((r) => r?.name ?? districtCode);
    },

    /** An account of the district, active or not (to say why it cannot be a liaison). */
    userInDistrict(districtCode: string, userId: string) {
      return db
        .selectFrom('app_user')
        .select(['id', 'active', 'display_name'])
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .executeTakeFirst();
    },
  };
}

export type EnterpriseRepository = ReturnType<typeof createEnterpriseRepository>;
