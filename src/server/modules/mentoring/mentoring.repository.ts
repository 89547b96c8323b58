import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inScope, inSubtree, onSameDistrict, type Scope } from '../auth/scope.ts';

// biome-ignore lint/suspicious/noExplicitAny: the fragment runs inside queries over several tables.
type AnyEb = ExpressionBuilder<any, any>;

/**
 * Some grant of the user named by `userRef` stands in the scope (and below `underPath`, when
 * given). A district-wide grant stands on the district node itself.
 */
export function grantReaches(eb: AnyEb, userRef: string, scope: Scope, underPath?: string) {
  let grants = eb
    .selectFrom('role_grant as g')
    .leftJoin('region as gr', onSameDistrict('gr.id', 'g.scope_region_id'))
    .select('g.id')
    .where('g.district_code', '=', scope.districtCode)
    .whereRef('g.user_id', '=', eb.ref(userRef))
    .where('g.scope_department_id', 'is', null);
  const wholeDistrict = scope.paths.includes(scope.districtCode);
  if (!wholeDistrict) grants = grants.where((e) => inScope(e, 'gr.path', 'g.district_code', scope));
  if (underPath && underPath !== scope.districtCode) {
    grants = grants.where((e) => inSubtree(e, 'gr.path', underPath));
  }
  return eb.exists(grants);
}

/** All SQL about mentor and mentee pairs (结对帮带). */
export function createMentoringRepository(db: Kysely<DB>) {
  const pairs = () =>
    db
      .selectFrom('mentor_pair as p')
      .innerJoin('app_user as mr', onSameDistrict('mr.id', 'p.mentor_id'))
      .innerJoin('app_user as me', onSameDistrict('me.id', 'p.mentee_id'))
      .select((eb) => [
        'p.id',
        'p.district_code',
        'p.mentor_id',
        'mr.display_name as mentor_name',
        'p.mentee_id',
        'me.display_name as mentee_name',
        'p.started_on',
        'p.ended_on',
        eb
          .selectFrom('visit_visitor as a')
          .innerJoin('visit_visitor as b', (j) =>
            j
              .onRef('b.district_code', '=', 'a.district_code')
              .onRef('b.visit_id', '=', 'a.visit_id')
              .onRef('b.user_id', '=', 'p.mentee_id'),
          )
          .whereRef('a.district_code', '=', 'p.district_code')
          .whereRef('a.user_id', '=', 'p.mentor_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('joint_visits'),
      ]);

  return {
    list(scope: Scope, filter: { regionPath?: string; open?: boolean }) {
      let q = pairs()
        .where('p.district_code', '=', scope.districtCode)
        .where((eb) => grantReaches(eb, 'p.mentee_id', scope, filter.regionPath));
      if (filter.open === true) q = q.where('p.ended_on', 'is', null);
      if (filter.open === false) q = q.where('p.ended_on', 'is not', null);
      return q.orderBy('p.started_on', 'desc').orderBy('p.id').limit(1000).execute();
    },

    findInScope(scope: Scope, id: string) {
      return pairs()
        .where('p.district_code', '=', scope.districtCode)
        .where('p.id', '=', id)
        .where((eb) => grantReaches(eb, 'p.mentee_id', scope))
        .executeTakeFirst();
    },

    /** The caller's own open pairs as mentor. */
    mine(districtCode: string, mentorId: string) {
      return pairs()
        .where('p.district_code', '=', districtCode)
        .where('p.mentor_id', '=', mentorId)
        .where('p.ended_on', 'is', null)
        .orderBy('me.display_name')
        .execute();
    },

    /** The names of the places users' grants stand on (the district's name for district-wide ones). */
    async scopeNames(districtCode: string, userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('role_grant as g')
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .leftJoin('region as d', (j) =>
          j.onRef('d.district_code', '=', 'g.district_code').on('d.path', '=', districtCode),
        )
        .select(['g.user_id', 'g.role', 'r.name as region_name', 'r.path', 'd.name as district_name'])
        .where('g.district_code', '=', districtCode)
        .where('g.user_id', 'in', [...userIds])
        .where('g.scope_department_id', 'is', null)
        .orderBy('r.path')
        .execute();
      const names = new Map<string, string>();
      for (const r of rows) {
        if (!names.has(r.user_id)) names.set(r.user_id, r.region_name ?? r.district_name ?? districtCode);
      }
      return names;
    },

    /** Active accounts of the district with a grant in the scope, for choosing a mentor or mentee. */
    candidates(scope: Scope, regionPath: string | undefined) {
      return db
        .selectFrom('app_user as u')
        .select((eb) => [
          'u.id',
          'u.display_name',
          eb
            .selectFrom('role_grant as rg')
            .whereRef('rg.district_code', '=', 'u.district_code')
            .whereRef('rg.user_id', '=', 'u.id')
            .select(sql<string>`string_agg(distinct rg.role, ',')`.as('roles'))
            .as('roles'),
        ])
        .where('u.district_code', '=', scope.districtCode)
        .where('u.active', '=', true)
        .where((eb) => grantReaches(eb, 'u.id', scope, regionPath))
        .orderBy('u.display_name')
        .orderBy('u.id')
        .limit(500)
        .execute();
    },

    /** An account of the district, locked so two pairings of the same mentee queue. */
    lockUser(districtCode: string, id: string) {
      return db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'active'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async userInScope(scope: Scope, id: string): Promise<boolean> {
      const row = await db
        .selectFrom('app_user as u')
        .select('u.id')
        .where('u.district_code', '=', scope.districtCode)
        .where('u.id', '=', id)
        .where((eb) => grantReaches(eb, 'u.id', scope))
        .executeTakeFirst();
      return row !== undefined;
    },

    async openPairOf(districtCode: string, menteeId: string) {
      return db
        .selectFrom('mentor_pair')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('mentee_id', '=', menteeId)
        .where('ended_on', 'is', null)
        .executeTakeFirst();
    },

    insert(row: {
      district_code: string;
      id: string;
      mentor_id: string;
      mentee_id: string;
      started_on: string;
      created_by: string;
    }) {
      return db.insertInto('mentor_pair').values(row).execute();
    },

    end(districtCode: string, id: string, endedOn: string) {
      return db
        .updateTable('mentor_pair')
        .set({ ended_on: endedOn })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /**
     * The mentee's visits in the reader's scope, newest first, with whether the mentor went too
     * and how many comments each has.
     */
    menteeVisits(scope: Scope, mentorId: string, menteeId: string, limit: number) {
      return db
        .selectFrom('visit_visitor as vv')
        .innerJoin('visit as v', onSameDistrict('v.id', 'vv.visit_id'))
        .select((eb) => [
          'v.id',
          'v.started_at',
          eb
            .exists(
              eb
                .selectFrom('visit_visitor as m')
                .select('m.user_id')
                .whereRef('m.district_code', '=', 'v.district_code')
                .whereRef('m.visit_id', '=', 'v.id')
                .where('m.user_id', '=', mentorId),
            )
            .as('joint'),
          eb
            .selectFrom('visit_comment as c')
            .whereRef('c.district_code', '=', 'v.district_code')
            .whereRef('c.visit_id', '=', 'v.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('comments'),
        ])
        .where('vv.district_code', '=', scope.districtCode)
        .where('vv.user_id', '=', menteeId)
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .orderBy('vv.started_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(limit)
        .execute();
    },

    async visitCountSince(scope: Scope, menteeId: string, since: Date): Promise<number> {
      const row = await db
        .selectFrom('visit_visitor as vv')
        .innerJoin('visit as v', onSameDistrict('v.id', 'vv.visit_id'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('vv.district_code', '=', scope.districtCode)
        .where('vv.user_id', '=', menteeId)
        .where('vv.started_at', '>=', since)
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type MentoringRepository = ReturnType<typeof createMentoringRepository>;
