import type { Insertable, Kysely } from 'kysely';
import type {
  DB,
  EvaluationRatingTable,
  EvaluationResultTable,
  EvaluationRoundTable,
} from '../../db/schema.ts';
import { atOrAbove, inSubtree, onSameDistrict } from '../auth/scope.ts';

type Json<T, K extends keyof T> = Omit<Insertable<T>, K> & { [P in K]: unknown };

/** Team roles of a grid's visiting team (一网格一分队) that are sent down to it (包联), not its own workers. */
const SENT_DOWN_TEAM_ROLES = ['leader', 'cadre', 'police'] as const;

const ROUND = [
  'r.district_code',
  'r.id',
  'r.region_id',
  'r.region_path',
  'r.region_name',
  'r.kind',
  'r.title',
  'r.period_from',
  'r.period_to',
  'r.criteria',
  'r.state',
  'r.opened_by_name',
  'r.opened_at',
  'r.closed_by_name',
  'r.closed_at',
] as const;

/** All SQL of mutual evaluation rounds, their ratings and frozen results. */
export function createEvaluationRepository(db: Kysely<DB>) {
  return {
    async insertRound(row: Json<EvaluationRoundTable, 'criteria'>) {
      await db
        .insertInto('evaluation_round')
        .values({ ...row, criteria: JSON.stringify(row.criteria) })
        .execute();
    },

    /** One round; locked for the rest of the transaction when `lock` (rating and closing queue on it). */
    round(districtCode: string, id: string, lock = false) {
      const q = db
        .selectFrom('evaluation_round as r')
        .select(ROUND)
        .where('r.district_code', '=', districtCode)
        .where('r.id', '=', id);
      return (lock ? q.forUpdate() : q).executeTakeFirst();
    },

    /** The rounds of places on the same branch as one of `paths` (above them or below them), newest first. */
    roundsNear(districtCode: string, paths: readonly string[]) {
      if (paths.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('evaluation_round as r')
        .select(ROUND)
        .where('r.district_code', '=', districtCode)
        .where((eb) =>
          eb.or(paths.flatMap((p) => [inSubtree(eb, 'r.region_path', p), atOrAbove(eb, 'r.region_path', p)])),
        )
        .orderBy('r.opened_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(200)
        .execute();
    },

    /** The communities at or below `path`. */
    communitiesBelow(districtCode: string, path: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.name', 'r.path'])
        .where('r.district_code', '=', districtCode)
        .where('r.level', '=', 'community')
        .where((eb) => inSubtree(eb, 'r.path', path))
        .orderBy('r.sort_order')
        .orderBy('r.path')
        .execute();
    },

    /** The active street departments belonging at or below `path`, with their node's path. */
    streetDepartmentsBelow(districtCode: string, path: string) {
      return db
        .selectFrom('department as d')
        .innerJoin('region as g', onSameDistrict('g.id', 'd.region_id'))
        .select(['d.id', 'd.name', 'g.path'])
        .where('d.district_code', '=', districtCode)
        .where('d.level', '=', 'street')
        .where('d.active', '=', true)
        .where((eb) => inSubtree(eb, 'g.path', path))
        .orderBy('d.sort_order')
        .orderBy('d.name')
        .execute();
    },

    /**
     * The people sent down to the community at `path` (包联): the leaders, cadres and grid police on
     * its grids' visiting teams, and the cadres whose grant stands in it. Active accounts only.
     */
    async sentDownTo(districtCode: string, path: string): Promise<{ id: string; name: string }[]> {
      const teams = db
        .selectFrom('visit_team_member as m')
        .innerJoin('visit_team as t', onSameDistrict('t.id', 'm.team_id'))
        .select('m.user_id')
        .where('m.district_code', '=', districtCode)
        .where('m.role', 'in', [...SENT_DOWN_TEAM_ROLES])
        .where((eb) => inSubtree(eb, 't.grid_path', path));
      const grants = db
        .selectFrom('role_grant as g')
        .innerJoin('region as s', onSameDistrict('s.id', 'g.scope_region_id'))
        .select('g.user_id')
        .where('g.district_code', '=', districtCode)
        .where('g.role', '=', 'cadre')
        .where((eb) => inSubtree(eb, 's.path', path));
      const rows = await db
        .selectFrom('app_user as u')
        .select(['u.id', 'u.display_name'])
        .where('u.district_code', '=', districtCode)
        .where('u.active', '=', true)
        .where((eb) => eb.or([eb('u.id', 'in', teams), eb('u.id', 'in', grants)]))
        .orderBy('u.display_name')
        .orderBy('u.id')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.display_name }));
    },

    ratings(districtCode: string, roundId: string) {
      return db
        .selectFrom('evaluation_rating')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('round_id', '=', roundId)
        .orderBy('rater_unit')
        .orderBy('subject_key')
        .execute();
    },

    async insertRating(row: Json<EvaluationRatingTable, 'scores'>) {
      await db
        .insertInto('evaluation_rating')
        .values({ ...row, scores: JSON.stringify(row.scores) })
        .execute();
    },

    /** Closes an open round; false when it was not open. */
    async close(districtCode: string, id: string, by: string, at: Date): Promise<boolean> {
      const done = await db
        .updateTable('evaluation_round')
        .set({ state: 'closed', closed_by_name: by, closed_at: at })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },

    async insertResults(rows: Json<EvaluationResultTable, 'means'>[]) {
      if (rows.length === 0) return;
      await db
        .insertInto('evaluation_result')
        .values(rows.map((r) => ({ ...r, means: JSON.stringify(r.means) })))
        .execute();
    },

    results(districtCode: string, roundId: string) {
      return db
        .selectFrom('evaluation_result')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('round_id', '=', roundId)
        .orderBy('subject_key')
        .execute();
    },

    /**
     * The frozen results of rounds closed in [start, end) on the branch of the place at `path`
     * (a round of it, of a place below it, or of the district above it): facts of the scores.
     */
    closedResultsNear(districtCode: string, path: string, start: Date, end: Date) {
      return db
        .selectFrom('evaluation_result as x')
        .innerJoin('evaluation_round as r', (j) =>
          j.onRef('r.district_code', '=', 'x.district_code').onRef('r.id', '=', 'x.round_id'),
        )
        .select([
          'x.round_id',
          'x.subject_key',
          'x.subject_kind',
          'x.overall_mean',
          'x.ratings',
          'r.closed_at',
          'r.kind',
          'r.region_path',
        ])
        .where('x.district_code', '=', districtCode)
        .where('r.state', '=', 'closed')
        .where('r.closed_at', '>=', start)
        .where('r.closed_at', '<', end)
        .where((eb) => eb.or([inSubtree(eb, 'r.region_path', path), atOrAbove(eb, 'r.region_path', path)]))
        .orderBy('r.closed_at')
        .orderBy('x.round_id')
        .orderBy('x.subject_key')
        .execute();
    },
  };
}

export type EvaluationRepository = ReturnType<typeof createEvaluationRepository>;
