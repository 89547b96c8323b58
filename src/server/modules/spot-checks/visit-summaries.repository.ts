import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { onSameDistrict } from '../auth/scope.ts';

/** What a reviewer needs to recognise a visit: form, target, place, time and who went. */
export interface VisitSummaryRow {
  id: string;
  form: string;
  target_type: 'household' | 'enterprise' | 'forum' | 'collection_point';
  target_label: string;
  region_path: string;
  region_name: string;
  started_at: Date;
  visitors: string[];
}

/**
 * Summaries of visits by id (no personal data: a household is named by its address, an
 * enterprise by its name, a forum or collection point by its place). Used by spot checks and by
 * mentors' review of their mentees' diaries.
 */
export async function visitSummaries(
  db: Kysely<DB>,
  districtCode: string,
  ids: readonly string[],
): Promise<Map<string, VisitSummaryRow>> {
  const out = new Map<string, VisitSummaryRow>();
  if (ids.length === 0) return out;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('visit as v')
      .innerJoin('region as r', onSameDistrict('r.id', 'v.region_id'))
      .leftJoin('household as h', onSameDistrict('h.id', 'v.household_id'))
      .leftJoin('enterprise as e', onSameDistrict('e.id', 'v.enterprise_id'))
      .select([
        'v.id',
        'v.form',
        'v.target_type',
        'v.place_name',
        'h.address',
        'e.name as enterprise_name',
        'v.region_path',
        'r.name as region_name',
        'v.started_at',
      ])
      .where('v.district_code', '=', districtCode)
      .where('v.id', 'in', chunk)
      .execute();
    const visitors = await db
      .selectFrom('visit_visitor as vv')
      .innerJoin('app_user as u', onSameDistrict('u.id', 'vv.user_id'))
      .select(['vv.visit_id', 'u.display_name'])
      .where('vv.district_code', '=', districtCode)
      .where('vv.visit_id', 'in', chunk)
      .orderBy('u.display_name')
      .execute();
    const names = new Map<string, string[]>();
    for (const v of visitors) names.set(v.visit_id, [...(names.get(v.visit_id) ?? []), v.display_name]);
    for (const r of rows) {
      out.set(r.id, {
        id: r.id,
        form: r.form,
        target_type: r.target_type,
        target_label: r.address ?? r.enterprise_name ?? r.place_name ?? '',
        region_path: r.region_path,
        region_name: r.region_name,
        started_at: r.started_at,
        visitors: names.get(r.id) ?? [],
      });
    }
  }
  return out;
}
