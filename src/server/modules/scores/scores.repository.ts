import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inSubtree, onSameDistrict } from '../auth/scope.ts';

/** The actions whose events earn points, or move a case's handling unit. */
const SCORING_ACTIONS = [
  'overdue',
  'supervise',
  'rate',
  'dispatch',
  'redispatch',
  'rehandle',
  'escalate',
] as const;

/** All SQL of live scores: the facts of a period below a place, read as they are. */
export function createScoresRepository(db: Kysely<DB>) {
  /** A district's scoring events before `end`, by case and in order. */
  const historyBefore = (districtCode: string, end: Date) =>
    db
      .selectFrom('case_event as e')
      .select([
        'e.id',
        'e.case_id',
        'e.seq',
        'e.action',
        'e.from_state',
        'e.to_state',
        'e.detail',
        'e.created_at',
      ])
      .where('e.district_code', '=', districtCode)
      .where('e.created_at', '<', end)
      .where((eb) =>
        eb.or([eb('e.action', 'in', [...SCORING_ACTIONS]), eb('e.to_state', 'in', ['closed', 'reopened'])]),
      )
      .orderBy('e.case_id')
      .orderBy('e.seq');
  return {
    /** The place at `path` (the street above a community). */
    placeAt(districtCode: string, path: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'level', 'path'])
        .where('district_code', '=', districtCode)
        .where('path', '=', path)
        .executeTakeFirstOrThrow();
    },

    /** The communities at or below `path`, with their kind (社区, 村). */
    communitiesBelow(districtCode: string, path: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.path', 'r.name', 'r.kind'])
        .where('r.district_code', '=', districtCode)
        .where('r.level', '=', 'community')
        .where((eb) => inSubtree(eb, 'r.path', path))
        .orderBy('r.sort_order')
        .orderBy('r.path')
        .execute();
    },

    /**
     * Every scoring event before `end` of the cases below `path` that had one in [start, end):
     * the history is needed to know a case's unit at each event and its first overdue mark.
     */
    scoringEvents(districtCode: string, path: string, start: Date, end: Date) {
      const touched = db
        .selectFrom('case_event as t')
        .innerJoin('case_record as tc', onSameDistrict('tc.id', 't.case_id'))
        .select('t.case_id')
        .where('t.district_code', '=', districtCode)
        .where('t.created_at', '>=', start)
        .where('t.created_at', '<', end)
        .where((eb) =>
          eb.or([eb('t.action', 'in', [...SCORING_ACTIONS]), eb('t.to_state', 'in', ['closed', 'reopened'])]),
        )
        .where((eb) => inSubtree(eb, 'tc.region_path', path));
      return historyBefore(districtCode, end).where('e.case_id', 'in', touched).execute();
    },

    /** The same history of these cases (an example's case may have had no scoring event in the period). */
    scoringEventsOf(districtCode: string, caseIds: readonly string[], end: Date) {
      if (caseIds.length === 0) return Promise.resolve([]);
      return historyBefore(districtCode, end)
        .where('e.case_id', 'in', [...caseIds])
        .execute();
    },

    async casesOf(districtCode: string, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .selectFrom('case_record')
        .select([
          'id',
          'number',
          'region_path',
          'urgency',
          'list_type',
          'on_spot',
          'overdue',
          'first_responder_id',
        ])
        .where('district_code', '=', districtCode)
        .where('id', 'in', [...ids])
        .execute();
    },

    /** Visits below `path` a spot check found not confirmed in [start, end), with who went. */
    spotChecksNotConfirmed(districtCode: string, path: string, start: Date, end: Date) {
      return db
        .selectFrom('spot_check_item as i')
        .innerJoin('visit as v', onSameDistrict('v.id', 'i.visit_id'))
        .leftJoin('visit_visitor as w', onSameDistrict('w.visit_id', 'v.id'))
        .select([
          'i.spot_check_id',
          'i.visit_id',
          'i.verified_at',
          'v.region_path',
          'v.recorded_by',
          'w.user_id as visitor_id',
        ])
        .where('i.district_code', '=', districtCode)
        .where('i.result', '=', 'not_confirmed')
        .where('i.verified_at', '>=', start)
        .where('i.verified_at', '<', end)
        .where((eb) => inSubtree(eb, 'v.region_path', path))
        .execute();
    },

    /** Cases below `path` marked as a campaign's example in [start, end). */
    examplesMarked(districtCode: string, path: string, start: Date, end: Date) {
      return db
        .selectFrom('campaign_example as x')
        .innerJoin('case_record as c', onSameDistrict('c.id', 'x.case_id'))
        .select(['x.campaign_id', 'x.case_id', 'x.marked_at'])
        .where('x.district_code', '=', districtCode)
        .where('x.marked_at', '>=', start)
        .where('x.marked_at', '<', end)
        .where((eb) => inSubtree(eb, 'c.region_path', path))
        .orderBy('x.marked_at')
        .execute();
    },

    /** Of `userIds`, those holding one of `roles`, with their name and those roles. */
    usersWithRoles(districtCode: string, userIds: readonly string[], roles: readonly string[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', onSameDistrict('g.user_id', 'u.id'))
        .select(['u.id', 'u.display_name', 'g.role'])
        .where('u.district_code', '=', districtCode)
        .where('u.id', 'in', [...userIds])
        .where('g.role', 'in', [...roles])
        .execute();
    },

    /** The levels of departments (district or street). */
    async departmentLevels(districtCode: string, ids: readonly string[]) {
      if (ids.length === 0) return new Map<string, string>();
      const rows = await db
        .selectFrom('department')
        .select(['id', 'level'])
        .where('district_code', '=', districtCode)
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, r.level as string]));
    },
  };
}
