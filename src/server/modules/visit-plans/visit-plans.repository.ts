import type { ExpressionBuilder, Kysely } from 'kysely';
import type { VisitRuleKind } from '../../../shared/visits/rules.ts';
import type { DB } from '../../db/schema.ts';
import { atOrAbove, inScope, inSubtree, onSameDistrict, type Scope } from '../auth/scope.ts';

/**
 * The grid `g` (a region) has no visiting team: the one definition the plans page lists and the
 * coverage report counts.
 */
export function gridWithoutTeam({
  not,
  exists,
  selectFrom,
}: ExpressionBuilder<DB & { g: DB['region'] }, 'g'>) {
  return not(
    exists(
      selectFrom('visit_team as t')
        .select('t.id')
        .whereRef('t.district_code', '=', 'g.district_code')
        .whereRef('t.grid_id', '=', 'g.id'),
    ),
  );
}

/** A user as plans need them: active or not, and the region path each of their grants stands on. */
export interface PlanUser {
  id: string;
  displayName: string;
  active: boolean;
  grants: { role: string; path: string }[];
}

/** All SQL of visit plans: rules, 包联 assignments, visiting teams and the district's settings. */
export function createVisitPlanRepository(db: Kysely<DB>) {
  const ruleColumns = [
    'v.id',
    'v.region_id',
    'v.region_path',
    'v.kind',
    'v.params',
    'v.active',
    'v.created_at',
    'v.updated_at',
    'r.name as region_name',
    'r.level as region_level',
  ] as const;
  const rules = () =>
    db.selectFrom('visit_rule as v').innerJoin('region as r', onSameDistrict('r.id', 'v.region_id'));

  return {
    /**
     * The rules that matter below `path`: those of its ancestors (the district's and its street's,
     * which apply there) and those within it, restricted to what the scope reaches or applies in.
     */
    listRules(scope: Scope, path: string) {
      return rules()
        .select(ruleColumns)
        .where('v.district_code', '=', scope.districtCode)
        .where((eb) => eb.or([atOrAbove(eb, 'v.region_path', path), inSubtree(eb, 'v.region_path', path)]))
        .orderBy('v.region_path')
        .orderBy('v.kind')
        .orderBy('v.created_at')
        .execute();
    },

    findRuleInScope(scope: Scope, id: string) {
      return rules()
        .select(ruleColumns)
        .where('v.id', '=', id)
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .executeTakeFirst();
    },

    /** Active rules of the district node and of one street (null: the district's only). */
    activeRulesFor(districtCode: string, streetPath: string | null) {
      return db
        .selectFrom('visit_rule')
        .select(['id', 'kind', 'params', 'region_path'])
        .where('district_code', '=', districtCode)
        .where('active', '=', true)
        .where('region_path', 'in', streetPath ? [districtCode, streetPath] : [districtCode])
        .orderBy('created_at')
        .execute();
    },

    async insertRule(row: {
      districtCode: string;
      id: string;
      regionId: string;
      regionPath: string;
      kind: VisitRuleKind;
      params: unknown;
      createdBy: string;
    }) {
      await db
        .insertInto('visit_rule')
        .values({
          district_code: row.districtCode,
          id: row.id,
          region_id: row.regionId,
          region_path: row.regionPath,
          kind: row.kind,
          params: JSON.stringify(row.params),
          created_by: row.createdBy,
        })
        .execute();
    },

    async updateRule(districtCode: string, id: string, patch: { active?: boolean; params?: unknown }) {
      await db
        .updateTable('visit_rule')
        .set({
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(patch.params !== undefined ? { params: JSON.stringify(patch.params) } : {}),
          updated_at: new Date(),
        })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /** A user of the district with the region path of each grant (the district's for a null scope). */
    async planUser(districtCode: string, userId: string): Promise<PlanUser | undefined> {
      const user = await db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'active'])
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) return undefined;
      const grants = await db
        .selectFrom('role_grant as g')
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .select(['g.role', 'r.path', 'g.scope_department_id'])
        .where('g.district_code', '=', districtCode)
        .where('g.user_id', '=', userId)
        .execute();
      return {
        id: user.id,
        displayName: user.display_name,
        active: user.active,
        grants: grants
          .filter((g) => g.scope_department_id === null)
          .map((g) => ({ role: g.role, path: g.path ?? districtCode })),
      };
    },

    /** Where a household, enterprise or region lies, with what to call it; undefined if unknown or removed. */
    async subject(
      districtCode: string,
      type: 'household' | 'enterprise' | 'region',
      id: string,
    ): Promise<{ path: string; name: string } | undefined> {
      if (type === 'household')
        return db
          .selectFrom('household')
          .select(['region_path as path', 'address as name'])
          .where('district_code', '=', districtCode)
          .where('id', '=', id)
          .where('removed_at', 'is', null)
          .executeTakeFirst();
      if (type === 'enterprise')
        return db
          .selectFrom('enterprise')
          .select(['region_path as path', 'name'])
          .where('district_code', '=', districtCode)
          .where('id', '=', id)
          .where('removed_at', 'is', null)
          .executeTakeFirst();
      return db
        .selectFrom('region')
        .select(['path', 'name'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    listAssignments(scope: Scope, filter: { id?: string; userId?: string; regionPath?: string }) {
      return db
        .selectFrom('visit_assignment as a')
        .innerJoin('app_user as u', onSameDistrict('u.id', 'a.user_id'))
        .leftJoin('household as h', (j) =>
          j
            .onRef('h.district_code', '=', 'a.district_code')
            .onRef('h.id', '=', 'a.subject_id')
            .on('a.subject_type', '=', 'household'),
        )
        .leftJoin('enterprise as e', (j) =>
          j
            .onRef('e.district_code', '=', 'a.district_code')
            .onRef('e.id', '=', 'a.subject_id')
            .on('a.subject_type', '=', 'enterprise'),
        )
        .leftJoin('region as r', (j) =>
          j
            .onRef('r.district_code', '=', 'a.district_code')
            .onRef('r.id', '=', 'a.subject_id')
            .on('a.subject_type', '=', 'region'),
        )
        .select([
          'a.id',
          'a.user_id',
          'u.display_name',
          'a.subject_type',
          'a.subject_id',
          'a.created_at',
          'h.address',
          'e.name as enterprise_name',
          'r.name as region_name',
        ])
        .where((eb) => inScope(eb, 'a.region_path', 'a.district_code', scope))
        .$if(filter.id !== undefined, (q) => q.where('a.id', '=', filter.id as string))
        .$if(filter.userId !== undefined, (q) => q.where('a.user_id', '=', filter.userId as string))
        .$if(filter.regionPath !== undefined, (q) =>
          q.where((eb) => inSubtree(eb, 'a.region_path', filter.regionPath as string)),
        )
        .orderBy('a.created_at')
        .orderBy('a.id')
        .limit(1000)
        .execute();
    },

    assignmentExists(districtCode: string, userId: string, type: string, subjectId: string) {
      return db
        .selectFrom('visit_assignment')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .where('subject_type', '=', type as 'household')
        .where('subject_id', '=', subjectId)
        .executeTakeFirst();
    },

    async insertAssignment(row: {
      districtCode: string;
      id: string;
      userId: string;
      type: 'household' | 'enterprise' | 'region';
      subjectId: string;
      regionPath: string;
      createdBy: string;
    }) {
      await db
        .insertInto('visit_assignment')
        .values({
          district_code: row.districtCode,
          id: row.id,
          user_id: row.userId,
          subject_type: row.type,
          subject_id: row.subjectId,
          region_path: row.regionPath,
          created_by: row.createdBy,
        })
        .execute();
    },

    findAssignmentInScope(scope: Scope, id: string) {
      return db
        .selectFrom('visit_assignment as a')
        .select(['a.id', 'a.user_id', 'a.subject_type', 'a.subject_id'])
        .where('a.id', '=', id)
        .where((eb) => inScope(eb, 'a.region_path', 'a.district_code', scope))
        .forUpdate()
        .executeTakeFirst();
    },

    async deleteAssignment(districtCode: string, id: string) {
      await db
        .deleteFrom('visit_assignment')
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    /** Teams of the grids below `path` (in scope), with their members. */
    async listTeams(scope: Scope, path: string) {
      const teams = await db
        .selectFrom('visit_team as t')
        .innerJoin('region as g', onSameDistrict('g.id', 't.grid_id'))
        .select(['t.id', 't.grid_id', 't.name', 'g.name as grid_name', 'g.path'])
        .where((eb) => inScope(eb, 't.grid_path', 't.district_code', scope))
        .where((eb) => inSubtree(eb, 't.grid_path', path))
        .orderBy('g.path')
        .execute();
      const members =
        teams.length === 0
          ? []
          : await db
              .selectFrom('visit_team_member as m')
              .innerJoin('app_user as u', onSameDistrict('u.id', 'm.user_id'))
              .select(['m.team_id', 'm.user_id', 'm.role', 'u.display_name'])
              .where('m.district_code', '=', scope.districtCode)
              .where(
                'm.team_id',
                'in',
                teams.map((t) => t.id),
              )
              .orderBy('u.display_name')
              .execute();
      return teams.map((t) => ({ ...t, members: members.filter((m) => m.team_id === t.id) }));
    },

    /** Grids below `path` in scope that have no team. */
    gridsWithoutTeam(scope: Scope, path: string) {
      return db
        .selectFrom('region as g')
        .select(['g.id', 'g.name'])
        .where('g.level', '=', 'grid')
        .where((eb) => inScope(eb, 'g.path', 'g.district_code', scope))
        .where((eb) => inSubtree(eb, 'g.path', path))
        .where(gridWithoutTeam)
        .orderBy('g.path')
        .execute();
    },

    teamOfGrid(districtCode: string, gridId: string) {
      return db
        .selectFrom('visit_team')
        .select(['id', 'name'])
        .where('district_code', '=', districtCode)
        .where('grid_id', '=', gridId)
        .forUpdate()
        .executeTakeFirst();
    },

    async insertTeam(row: {
      districtCode: string;
      id: string;
      gridId: string;
      gridPath: string;
      name: string;
    }) {
      await db
        .insertInto('visit_team')
        .values({
          district_code: row.districtCode,
          id: row.id,
          grid_id: row.gridId,
          grid_path: row.gridPath,
          name: row.name,
        })
        .execute();
    },

    async replaceTeam(
      districtCode: string,
      teamId: string,
      name: string,
      members: { userId: string; role: 'leader' | 'cadre' | 'worker' | 'police' | 'volunteer' }[],
    ) {
      await db
        .updateTable('visit_team')
        .set({ name })
        .where('district_code', '=', districtCode)
        .where('id', '=', teamId)
        .execute();
      await db
        .deleteFrom('visit_team_member')
        .where('district_code', '=', districtCode)
        .where('team_id', '=', teamId)
        .execute();
      if (members.length > 0)
        await db
          .insertInto('visit_team_member')
          .values(
            members.map((m) => ({
              district_code: districtCode,
              team_id: teamId,
              user_id: m.userId,
              role: m.role,
            })),
          )
          .execute();
    },

    async activeUsers(districtCode: string, ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('app_user')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', 'in', ids)
        .where('active', '=', true)
        .execute();
      return rows.map((r) => r.id);
    },
  };
}

export type VisitPlanRepository = ReturnType<typeof createVisitPlanRepository>;
