import { type Kysely, sql } from 'kysely';
import { SENT_DOWN_ROLES } from '../../../shared/figures/visit-figures.ts';
import type { DB } from '../../db/schema.ts';
import {
  type CaseScope,
  caseInScope,
  inScope,
  inSubtree,
  onSameDistrict,
  type Scope,
} from '../auth/scope.ts';

/** All SQL of campaigns (issue 12 §6): the campaigns, their examples, and who was sent down where. */
export interface NewCampaignRow {
  district_code: string;
  id: string;
  name: string;
  region_id: string;
  from_day: string;
  to_day: string;
  created_by: string;
}

export function createCampaignRepository(db: Kysely<DB>) {
  /** Campaigns with their place as it stands now (a moved place takes its campaigns along). */
  const campaigns = (scope: Scope) =>
    db
      .selectFrom('campaign as c')
      .innerJoin('region as r', onSameDistrict('r.id', 'c.region_id'))
      .select((eb) => [
        'c.id',
        'c.name',
        'c.from_day',
        'c.to_day',
        'c.created_at',
        'r.id as region_id',
        'r.name as region_name',
        'r.level as region_level',
        'r.path as region_path',
        eb
          .selectFrom('campaign_example as e')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('e.district_code', '=', 'c.district_code')
          .whereRef('e.campaign_id', '=', 'c.id')
          .as('examples'),
      ])
      .where('c.district_code', '=', scope.districtCode)
      .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope));

  return {
    async insert(row: NewCampaignRow): Promise<void> {
      await db.insertInto('campaign').values(row).execute();
    },

    /** The campaigns in scope (in `path`'s subtree when given), latest first. */
    list(scope: Scope, path: string | null, limit: number) {
      let q = campaigns(scope);
      if (path !== null) q = q.where((eb) => inSubtree(eb, 'r.path', path));
      return q.orderBy('c.from_day', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
    },

    find(scope: Scope, id: string) {
      return campaigns(scope).where('c.id', '=', id).executeTakeFirst();
    },

    /** A case the case scope reaches, by number or id, with where and when it was recorded. */
    findCase(scope: CaseScope, ref: { id?: string; number?: string }) {
      let q = db
        .selectFrom('case_record as k')
        .select(['k.id', 'k.number', 'k.region_path', 'k.created_at'])
        .where((eb) => caseInScope(eb, 'k', scope));
      if (ref.id) q = q.where('k.id', '=', ref.id);
      if (ref.number) q = q.where('k.number', '=', ref.number);
      return q.executeTakeFirst();
    },

    async upsertExample(row: {
      district_code: string;
      campaign_id: string;
      case_id: string;
      note: string | null;
      marked_by: string;
      marked_at: Date;
    }): Promise<void> {
      await db
        .insertInto('campaign_example')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['district_code', 'campaign_id', 'case_id']).doUpdateSet({
            note: row.note,
            marked_by: row.marked_by,
            marked_at: row.marked_at,
          }),
        )
        .execute();
    },

    /** Removes an example; false when the case was not one. */
    async deleteExample(districtCode: string, campaignId: string, caseId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('campaign_example')
        .where('district_code', '=', districtCode)
        .where('campaign_id', '=', campaignId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The campaign's examples the case scope reaches, in the order they were marked. */
    examples(scope: CaseScope, campaignId: string) {
      return db
        .selectFrom('campaign_example as e')
        .innerJoin('case_record as k', onSameDistrict('k.id', 'e.case_id'))
        .innerJoin('region as r', onSameDistrict('r.id', 'k.region_id'))
        .select(['k.id', 'k.number', 'k.title', 'k.state', 'r.name as region_name', 'e.note', 'e.marked_at'])
        .where('e.district_code', '=', scope.districtCode)
        .where('e.campaign_id', '=', campaignId)
        .where((eb) => caseInScope(eb, 'k', scope))
        .orderBy('e.marked_at')
        .orderBy('k.id')
        .execute();
    },

    /** The grids in `path`'s subtree (or the node itself when it is one), in path order. */
    gridsIn(districtCode: string, path: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.name', 'r.level', 'r.path'])
        .where('r.district_code', '=', districtCode)
        .where('r.level', '=', 'grid')
        .where((eb) => inSubtree(eb, 'r.path', path))
        .orderBy('r.path')
        .execute();
    },

    /**
     * The distinct people sent down (shared/figures/visit-figures.ts SENT_DOWN_ROLES) who went on
     * visits started in [start, end) in `path`'s subtree, per visited place path (as the place
     * stands now), as (place, person) pairs: the caller folds places into grids, and counts a
     * person once per grid and once overall.
     */
    sentDownVisitors(districtCode: string, path: string, start: Date, end: Date) {
      return db
        .selectFrom('visit_visitor as w')
        .innerJoin('visit as v', (j) =>
          j.onRef('v.district_code', '=', 'w.district_code').onRef('v.id', '=', 'w.visit_id'),
        )
        .innerJoin('region as g', onSameDistrict('g.id', 'v.region_id'))
        .select(['g.path', 'w.user_id'])
        .distinct()
        .where('w.district_code', '=', districtCode)
        .where('w.started_at', '>=', start)
        .where('w.started_at', '<', end)
        .where((eb) => inSubtree(eb, 'g.path', path))
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('role_grant as rg')
              .select(sql<number>`1`.as('one'))
              .whereRef('rg.district_code', '=', 'w.district_code')
              .whereRef('rg.user_id', '=', 'w.user_id')
              .where('rg.role', 'in', [...SENT_DOWN_ROLES]),
          ),
        )
        .execute();
    },
  };
}

export type CampaignRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof createCampaignRepository>['find']>>
>;
