import { type Kysely, sql } from 'kysely';
import { SENT_DOWN_ROLES } from '../../../shared/figures/visit-figures.ts';
import type { DB } from '../../db/schema.ts';

/** SQL for what the visit figures read beyond the shared rollup tables (figures/rollup.repository.ts). */
export function createVisitFigureRepository(db: Kysely<DB>) {
  return {
    /**
     * A page of a district's visits by id with what their figures count: the problems raised on
     * each (its cases), those solved on the spot at the visit (closed from submitted, never
     * accepted), its opinions, and whether a leader or cadre went (by their roles now).
     */
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
          sql<number>`(select count(*) from case_record c where c.district_code = v.district_code and c.source_visit_id = v.id)::int`.as(
            'problems',
          ),
          sql<number>`(select count(*) from case_record c where c.district_code = v.district_code and c.source_visit_id = v.id and c.on_spot and c.accepted_at is null)::int`.as(
            'solved_on_spot',
          ),
          sql<number>`(select count(*) from opinion o where o.district_code = v.district_code and o.visit_id = v.id)::int`.as(
            'opinions',
          ),
          sql<boolean>`exists (select 1 from visit_visitor w join role_grant g on g.district_code = w.district_code and g.user_id = w.user_id where w.district_code = v.district_code and w.visit_id = v.id and g.role in (${sql.join([...SENT_DOWN_ROLES])}))`.as(
            'by_leader_or_cadre',
          ),
        ])
        .where('v.district_code', '=', districtCode);
      if (afterId) q = q.where('v.id', '>', afterId);
      return q.orderBy('v.id').limit(limit).execute();
    },
  };
}
