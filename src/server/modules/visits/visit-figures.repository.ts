import { type Kysely, sql } from 'kysely';
import { SENT_DOWN_ROLES } from '../../../shared/figures/visit-figures.ts';
import type { DB } from '../../db/schema.ts';
import { inSubtree } from '../auth/scope.ts';

/**
 * What a visit's figures count beyond its own columns: the problems raised on it (its cases),
 * those solved on the spot at the visit (closed from submitted, never accepted), its opinions, the
 * aid recorded on its services, and whether a leader or cadre went (by their roles now). Over `v`.
 * An opinion promoted to a case later names the visit as its source too, but the visit counted it
 * as an opinion, and recording the visit is what counts its problems: those cases are left out.
 */
const raisedOnVisit = sql`c.district_code = v.district_code and c.source_visit_id = v.id
  and not exists (select 1 from opinion p where p.district_code = c.district_code and p.promoted_case_id = c.id)`;
const facts = () =>
  [
    sql<number>`(select count(*) from case_record c where ${raisedOnVisit})::int`.as('problems'),
    sql<number>`(select count(*) from case_record c where ${raisedOnVisit} and c.on_spot and c.accepted_at is null)::int`.as(
      'solved_on_spot',
    ),
    sql<number>`(select count(*) from opinion o where o.district_code = v.district_code and o.visit_id = v.id)::int`.as(
      'opinions',
    ),
    // The same sum the record path keeps (domain/visit.ts `aidTotal`), as an exact decimal.
    sql<string>`(select coalesce(sum(a.value::numeric), 0) from jsonb_each_text(v.aid_amounts) a)::text`.as(
      'aid_yuan',
    ),
    sql<boolean>`exists (select 1 from visit_visitor w join role_grant g on g.district_code = w.district_code and g.user_id = w.user_id where w.district_code = v.district_code and w.visit_id = v.id and g.role in (${sql.join([...SENT_DOWN_ROLES])}))`.as(
      'by_leader_or_cadre',
    ),
  ] as const;

/** SQL for what the visit figures read beyond the shared rollup tables (figures/rollup.repository.ts). */
export function createVisitFigureRepository(db: Kysely<DB>) {
  return {
    /** A page of a district's visits by id with what their figures count (`facts`). */
    visitsAfter(districtCode: string, afterId: string | null, limit: number) {
      let q = db
        .selectFrom('visit as v')
        .select([
          'v.id',
          'v.form',
          'v.target_type',
          'v.region_id',
          'v.started_at',
          'v.is_night',
          'v.attendance',
          'v.recorded_by',
          ...facts(),
        ])
        .where('v.district_code', '=', districtCode);
      if (afterId) q = q.where('v.id', '>', afterId);
      return q.orderBy('v.id').limit(limit).execute();
    },

    /**
     * The visits in [start, end) at or below `path` that leaders and cadres sent down took part in
     * (recording or along), one row per such visitor and visit, with what the figures count.
     */
    visitsOfSentDown(districtCode: string, path: string, start: Date, end: Date) {
      return db
        .selectFrom('visit_visitor as vv')
        .innerJoin('visit as v', (j) =>
          j.onRef('v.district_code', '=', 'vv.district_code').onRef('v.id', '=', 'vv.visit_id'),
        )
        .select(['vv.user_id', 'v.form', 'v.target_type', 'v.is_night', 'v.attendance', ...facts()])
        .where('vv.district_code', '=', districtCode)
        .where('vv.started_at', '>=', start)
        .where('vv.started_at', '<', end)
        .where((eb) => inSubtree(eb, 'v.region_path', path))
        .where('vv.user_id', 'in', (eb) =>
          eb
            .selectFrom('role_grant as g')
            .select('g.user_id')
            .where('g.district_code', '=', districtCode)
            .where('g.role', 'in', [...SENT_DOWN_ROLES]),
        )
        .execute();
    },
  };
}
