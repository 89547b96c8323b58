import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inScope, inSubtree, type Scope } from '../auth/scope.ts';

export interface Interval {
  start: Date;
  end: Date;
}

type Subject = 'household' | 'enterprise';

/**
 * "Visited in [start, end)" for a household or enterprise row `s`, read from its last_visit_at
 * (kept by every visit write) so that the current period needs no look at the diary: a last visit
 * inside the period answers yes, one before it (or none) no. Only a last visit AFTER the period
 * (a past period asked for) needs the diary, through visit_household_idx / visit_enterprise_idx.
 */
// biome-ignore lint/suspicious/noExplicitAny: used over both the household and the enterprise table.
function visitedIn(eb: ExpressionBuilder<any, any>, subject: Subject, p: Interval) {
  const column = subject === 'household' ? 'household_id' : 'enterprise_id';
  return eb.and([
    eb('s.last_visit_at', '>=', p.start),
    eb.or([
      eb('s.last_visit_at', '<', p.end),
      eb.exists(
        eb
          .selectFrom('visit as pv')
          .select('pv.id')
          .whereRef('pv.district_code', '=', 's.district_code')
          .whereRef(`pv.${column}` as 'pv.household_id', '=', 's.id')
          .where('pv.started_at', '>=', p.start)
          .where('pv.started_at', '<', p.end),
      ),
    ]),
  ]);
}

/** All SQL of coverage figures, unvisited lists, quota counts and the visit-day list. */
export function createCoverageRepository(db: Kysely<DB>) {
  const table = (subject: Subject) => (subject === 'household' ? 'household' : 'enterprise');

  return {
    /** The region's child units the scope reaches. */
    childUnits(scope: Scope, parentId: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.name', 'r.level', 'r.path'])
        .where('r.parent_id', '=', parentId)
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .orderBy('r.sort_order')
        .orderBy('r.code')
        .execute();
    },

    /** Households (enterprises) below a path, and how many of them were visited in the period. */
    async subjectCoverage(districtCode: string, path: string, subject: Subject, p: Interval) {
      const row = await db
        .selectFrom(`${table(subject)} as s` as 'household as s')
        .select((eb) => [
          eb.fn.countAll<number>().as('in_scope'),
          sql<number>`coalesce(sum(case when ${visitedIn(eb, subject, p)} then 1 else 0 end), 0)`.as(
            'visited',
          ),
        ])
        .where('s.district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 's.region_path', path))
        .where('s.removed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { inScope: Number(row.in_scope), visited: Number(row.visited) };
    },

    /** Visits that started in the period below a path: all, at night, and with a leader among the visitors. */
    async visitCounts(districtCode: string, path: string, p: Interval) {
      const row = await db
        .selectFrom('visit as v')
        .select((eb) => [
          eb.fn.countAll<number>().as('visits'),
          sql<number>`coalesce(sum(case when v.is_night then 1 else 0 end), 0)`.as('night'),
          sql<number>`coalesce(sum(case when ${eb.exists(
            eb
              .selectFrom('visit_visitor as vv')
              .innerJoin('role_grant as g', (j) =>
                j.onRef('g.district_code', '=', 'vv.district_code').onRef('g.user_id', '=', 'vv.user_id'),
              )
              .select('vv.user_id')
              .whereRef('vv.district_code', '=', 'v.district_code')
              .whereRef('vv.visit_id', '=', 'v.id')
              .where('g.role', '=', 'leader'),
          )} then 1 else 0 end), 0)`.as('leader'),
        ])
        .where('v.district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'v.region_path', path))
        .where('v.started_at', '>=', p.start)
        .where('v.started_at', '<', p.end)
        .executeTakeFirstOrThrow();
      return { visits: Number(row.visits), nightVisits: Number(row.night), leaderVisits: Number(row.leader) };
    },

    /** Teams below a path without a cadre, and grids below it without a team. */
    async teamGaps(districtCode: string, path: string) {
      const noCadre = await db
        .selectFrom('visit_team as t')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('t.district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 't.grid_path', path))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('visit_team_member as m')
                .select('m.user_id')
                .whereRef('m.district_code', '=', 't.district_code')
                .whereRef('m.team_id', '=', 't.id')
                .where('m.role', '=', 'cadre'),
            ),
          ),
        )
        .executeTakeFirstOrThrow();
      const bare = await db
        .selectFrom('region as g')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('g.district_code', '=', districtCode)
        .where('g.level', '=', 'grid')
        .where((eb) => inSubtree(eb, 'g.path', path))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('visit_team as t')
                .select('t.id')
                .whereRef('t.district_code', '=', 'g.district_code')
                .whereRef('t.grid_id', '=', 'g.id'),
            ),
          ),
        )
        .executeTakeFirstOrThrow();
      return { teamsNeedingCadre: Number(noCadre.n), gridsWithoutTeam: Number(bare.n) };
    },

    /**
     * Households (enterprises) below a path NOT visited in the period, key households first, then
     * never visited, then longest unvisited, then id; keyset-paged on that order. For the current
     * period the test is `last_visit_at is null or last_visit_at < start` on the household rows of
     * the community alone (household_path_idx); the diary is read only for a past period.
     */
    async unvisited(
      scope: Scope,
      path: string,
      subject: Subject,
      p: Interval,
      now: Date,
      page: { after?: [number, string, string]; limit: number },
    ) {
      const isKey =
        subject === 'household' ? sql<number>`case when s.is_key then 0 else 1 end` : sql<number>`1`;
      const since = sql<Date>`coalesce(s.last_visit_at, ${new Date(0)})`;
      const current = p.end.getTime() > now.getTime();
      const base = db
        .selectFrom(`${table(subject)} as s` as 'household as s')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 's.district_code').onRef('g.id', '=', 's.grid_id'),
        )
        .where('s.district_code', '=', scope.districtCode)
        .where((eb) => inSubtree(eb, 's.region_path', path))
        .where((eb) => inScope(eb, 's.region_path', 's.district_code', scope))
        .where('s.removed_at', 'is', null)
        .where((eb) =>
          current
            ? eb.or([eb('s.last_visit_at', 'is', null), eb('s.last_visit_at', '<', p.start)])
            : // Never visited is NULL in visitedIn's comparisons: named here so NOT does not drop it.
              eb.or([eb('s.last_visit_at', 'is', null), eb.not(visitedIn(eb, subject, p))]),
        );
      const after = page.after;
      const rows = await base
        .select([
          's.id',
          's.grid_id',
          'g.name as grid_name',
          's.last_visit_at',
          isKey.as('key_rank'),
          subject === 'household' ? 's.address as name' : sql<string>`s.name`.as('name'),
        ])
        .$if(after !== undefined, (q) =>
          q.where(
            sql<boolean>`(${isKey}, ${since}, s.id) > (${after?.[0]}, ${new Date(after?.[1] ?? 0)}, ${after?.[2]})`,
          ),
        )
        .orderBy(isKey)
        .orderBy(since)
        .orderBy('s.id')
        .limit(page.limit + 1)
        .execute();
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows: rows.slice(0, page.limit), hasMore: rows.length > page.limit, total: Number(total.n) };
    },

    /** Users holding one of `roles` on a region below `path` (or on the district node when path is it). */
    workersBelow(districtCode: string, path: string, roles: readonly string[]) {
      return db
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
        )
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select(['u.id', 'u.display_name', 'g.role', 'r.path', 'r.name as region_name'])
        .where('g.district_code', '=', districtCode)
        .where('g.role', 'in', roles.length ? [...roles] : [''])
        .where('u.active', '=', true)
        .where((eb) => inSubtree(eb, 'r.path', path))
        .orderBy('r.path')
        .orderBy('u.display_name')
        .execute();
    },

    /**
     * Visits per visitor in [start, end): each visit once per person who went (visit_visitor's key),
     * optionally only to households/enterprises or only at night. Uses visit_visitor_user_idx.
     */
    async visitsPerUser(
      districtCode: string,
      userIds: string[],
      p: Interval,
      filter: { target?: Subject; night?: boolean },
    ): Promise<Map<string, number>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('visit_visitor as vv')
        .innerJoin('visit as v', (j) =>
          j.onRef('v.district_code', '=', 'vv.district_code').onRef('v.id', '=', 'vv.visit_id'),
        )
        .select(['vv.user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('vv.district_code', '=', districtCode)
        .where('vv.user_id', 'in', userIds)
        .where('vv.started_at', '>=', p.start)
        .where('vv.started_at', '<', p.end)
        .$if(filter.target !== undefined, (q) => q.where('v.target_type', '=', filter.target as Subject))
        .$if(filter.night === true, (q) => q.where('v.is_night', '=', true))
        .groupBy('vv.user_id')
        .execute();
      return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
    },

    /**
     * The worker's visit list: households (enterprises) assigned to them (包联) or in a grid whose
     * team they belong to, within the caller's scope; never visited first, then longest unvisited,
     * key households first within ties.
     */
    visitList(scope: Scope, userId: string, subject: Subject, limit: number) {
      const column = subject === 'household' ? 'household' : 'enterprise';
      const isKey = subject === 'household' ? sql<boolean>`s.is_key` : sql<boolean>`false`;
      return db
        .selectFrom(`${table(subject)} as s` as 'household as s')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 's.district_code').onRef('g.id', '=', 's.grid_id'),
        )
        .select((eb) => [
          's.id',
          'g.name as grid_name',
          's.last_visit_at',
          isKey.as('is_key'),
          subject === 'household' ? sql<string>`s.address`.as('name') : sql<string>`s.name`.as('name'),
          eb
            .exists(
              eb
                .selectFrom('visit_assignment as a')
                .select('a.id')
                .whereRef('a.district_code', '=', 's.district_code')
                .where('a.user_id', '=', userId)
                .where('a.subject_type', '=', column)
                .whereRef('a.subject_id', '=', 's.id'),
            )
            .as('assigned'),
        ])
        .where((eb) => inScope(eb, 's.region_path', 's.district_code', scope))
        .where('s.removed_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('visit_assignment as a')
                .select('a.id')
                .whereRef('a.district_code', '=', 's.district_code')
                .where('a.user_id', '=', userId)
                .where('a.subject_type', '=', column)
                .whereRef('a.subject_id', '=', 's.id'),
            ),
            eb(
              's.grid_id',
              'in',
              eb
                .selectFrom('visit_team as t')
                .innerJoin('visit_team_member as m', (j) =>
                  j.onRef('m.district_code', '=', 't.district_code').onRef('m.team_id', '=', 't.id'),
                )
                .select('t.grid_id')
                .where('t.district_code', '=', scope.districtCode)
                .where('m.user_id', '=', userId),
            ),
          ]),
        )
        .orderBy(sql`s.last_visit_at asc nulls first`)
        .orderBy(sql`case when ${isKey} then 0 else 1 end`)
        .orderBy('s.id')
        .limit(limit)
        .execute();
    },
  };
}

export type CoverageRepository = ReturnType<typeof createCoverageRepository>;
