import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inScope, inSubtree, onSameDistrict, type Scope } from '../auth/scope.ts';
import { gridWithoutTeam } from '../visit-plans/visit-plans.repository.ts';

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
 * A CASE, not AND/OR: with a NULL last_visit_at (never visited) `>=` is NULL and AND/OR would go
 * on to probe the diary for every such row (12,000 probes for the demo street's coverage); CASE
 * evaluates its branches in order, so the probe runs only for a last visit after the period.
 */
// biome-ignore lint/suspicious/noExplicitAny: used over both the household and the enterprise table.
function visitedIn(eb: ExpressionBuilder<any, any>, districtCode: string, subject: Subject, p: Interval) {
  const column = subject === 'household' ? 'household_id' : 'enterprise_id';
  const inDiary = eb.exists(
    eb
      .selectFrom('visit as pv')
      .select('pv.id')
      // The district as a value: referring to the outer row's made Citus run the query on
      // every shard (test/db/router-queries.test.ts).
      .where('pv.district_code', '=', districtCode)
      .whereRef(`pv.${column}` as 'pv.household_id', '=', 's.id')
      .where('pv.started_at', '>=', p.start)
      .where('pv.started_at', '<', p.end),
  );
  return sql<boolean>`case when s.last_visit_at is null or s.last_visit_at < ${p.start} then false when s.last_visit_at < ${p.end} then true else ${inDiary} end`;
}

/**
 * The code of the child unit of the region at `path` that a row below it lies in, '' for a row on
 * the region itself: the path segment after the region's (paths are region codes, ASCII without
 * '.', joined by '.'; so the JS length is the SQL one). The offset is inlined, not a parameter, so that GROUP BY can repeat
 * the very expression the select list names.
 */
export function unitCode(column: string, path: string) {
  return sql<string>`split_part(substr(${sql.ref(column)}, ${sql.lit(path.length + 2)}), '.', 1)`;
}

/** The path of the child unit of the region at `path` with unitCode `code` (the region's own for ''). */
export const unitPath = (path: string, code: string) => (code === '' ? path : `${path}.${code}`);

/** Rows grouped by unitCode, keyed by unitPath. */
function byUnit<R extends { unit: string }, T>(
  path: string,
  rows: R[],
  value: (row: R) => T,
): Map<string, T> {
  return new Map(rows.map((r) => [unitPath(path, r.unit), value(r)]));
}

export interface SubjectCounts {
  inScope: number;
  visited: number;
}
export interface VisitCounts {
  visits: number;
  nightVisits: number;
  leaderVisits: number;
}
export interface TeamGaps {
  teamsNeedingCadre: number;
  gridsWithoutTeam: number;
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

    /**
     * Households (enterprises) below the region at `path`, and how many of them were visited in
     * the period, per child unit (see byUnit): one pass over the region's rows answers the region
     * and every child, where a query per unit would cost a round trip each (26 for a street).
     */
    async subjectCoverageByUnit(
      districtCode: string,
      path: string,
      subject: Subject,
      p: Interval,
    ): Promise<Map<string, SubjectCounts>> {
      const rows = await db
        .selectFrom(`${table(subject)} as s` as 'household as s')
        .select((eb) => [
          unitCode('s.region_path', path).as('unit'),
          eb.fn.countAll<number>().as('in_scope'),
          sql<number>`count(*) filter (where ${visitedIn(eb, districtCode, subject, p)})`.as('visited'),
        ])
        .where('s.district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 's.region_path', path))
        .where('s.removed_at', 'is', null)
        .groupBy(unitCode('s.region_path', path))
        .execute();
      return byUnit(path, rows, (r) => ({ inScope: Number(r.in_scope), visited: Number(r.visited) }));
    },

    /**
     * Visits that started in the period below the region at `path`, per child unit: all, at night,
     * and with a leader among the visitors. The leaders' visits of the period are one set, read
     * once (visit_visitor_user_idx) and hashed, rather than a probe of the visitors per visit.
     */
    async visitCountsByUnit(
      districtCode: string,
      path: string,
      p: Interval,
    ): Promise<Map<string, VisitCounts>> {
      const leaderVisits = db
        .selectFrom('role_grant as g')
        .innerJoin('visit_visitor as vv', onSameDistrict('vv.user_id', 'g.user_id'))
        .select('vv.visit_id')
        .where('g.district_code', '=', districtCode)
        .where('g.role', '=', 'leader')
        // visit_visitor.started_at is the visit's own, copied when the visit is written.
        .where('vv.started_at', '>=', p.start)
        .where('vv.started_at', '<', p.end);
      const rows = await db
        .selectFrom('visit as v')
        .select((eb) => [
          unitCode('v.region_path', path).as('unit'),
          eb.fn.countAll<number>().as('visits'),
          sql<number>`count(*) filter (where v.is_night)`.as('night'),
          sql<number>`count(*) filter (where ${eb('v.id', 'in', leaderVisits)})`.as('leader'),
        ])
        .where('v.district_code', '=', districtCode)
        .where((eb) => inSubtree(eb, 'v.region_path', path))
        .where('v.started_at', '>=', p.start)
        .where('v.started_at', '<', p.end)
        .groupBy(unitCode('v.region_path', path))
        .execute();
      return byUnit(path, rows, (r) => ({
        visits: Number(r.visits),
        nightVisits: Number(r.night),
        leaderVisits: Number(r.leader),
      }));
    },

    /**
     * Teams without a cadre and grids without a team below the region at `path`, per child unit:
     * both counts in one statement (one round trip), told apart by `gap`.
     */
    async teamGapsByUnit(districtCode: string, path: string): Promise<Map<string, TeamGaps>> {
      const rows = await db
        .selectFrom('visit_team as t')
        .select((eb) => [
          unitCode('t.grid_path', path).as('unit'),
          sql<string>`'team'`.as('gap'),
          eb.fn.countAll<number>().as('n'),
        ])
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
        .groupBy(unitCode('t.grid_path', path))
        .unionAll(
          db
            .selectFrom('region as g')
            .select((eb) => [
              unitCode('g.path', path).as('unit'),
              sql<string>`'grid'`.as('gap'),
              eb.fn.countAll<number>().as('n'),
            ])
            .where('g.district_code', '=', districtCode)
            .where('g.level', '=', 'grid')
            .where((eb) => inSubtree(eb, 'g.path', path))
            .where(gridWithoutTeam)
            .groupBy(unitCode('g.path', path)),
        )
        .execute();
      const gaps = new Map<string, TeamGaps>();
      for (const r of rows) {
        const key = unitPath(path, r.unit);
        const g = gaps.get(key) ?? { teamsNeedingCadre: 0, gridsWithoutTeam: 0 };
        if (r.gap === 'team') g.teamsNeedingCadre = Number(r.n);
        else g.gridsWithoutTeam = Number(r.n);
        gaps.set(key, g);
      }
      return gaps;
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
        .innerJoin('region as g', onSameDistrict('g.id', 's.grid_id'))
        .where('s.district_code', '=', scope.districtCode)
        .where((eb) => inSubtree(eb, 's.region_path', path))
        .where((eb) => inScope(eb, 's.region_path', 's.district_code', scope))
        .where('s.removed_at', 'is', null)
        .where((eb) =>
          current
            ? eb.or([eb('s.last_visit_at', 'is', null), eb('s.last_visit_at', '<', p.start)])
            : // Never visited is NULL in visitedIn's comparisons: named here so NOT does not drop it.
              eb.or([
                eb('s.last_visit_at', 'is', null),
                eb.not(visitedIn(eb, scope.districtCode, subject, p)),
              ]),
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
        .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
        .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
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
        .innerJoin('visit as v', onSameDistrict('v.id', 'vv.visit_id'))
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
        .innerJoin('region as g', onSameDistrict('g.id', 's.grid_id'))
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
                .innerJoin('visit_team_member as m', onSameDistrict('m.team_id', 't.id'))
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
