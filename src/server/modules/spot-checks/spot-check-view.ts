import type { Kysely } from 'kysely';
import type { SpotCheckDetail, SpotCheckItem, SpotCheckSummary } from '../../../shared/domain/spot-check.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { pathInScope, type Scope } from '../auth/scope.ts';
import type { SpotCheckRepository } from './spot-checks.repository.ts';
import { visitSummaries } from './visit-summaries.repository.ts';

type SummaryRow = NonNullable<Awaited<ReturnType<SpotCheckRepository['findInScope']>>>;
type ItemRow = Awaited<ReturnType<SpotCheckRepository['items']>>[number];

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toSummary(r: SummaryRow): SpotCheckSummary {
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name,
    from: r.period_from,
    to: r.period_to,
    percent: r.percent,
    seed: r.seed,
    createdAt: iso(r.created_at),
    createdByName: r.created_by_name,
    sampled: Number(r.sampled ?? 0),
    verified: Number(r.verified ?? 0),
    confirmed: Number(r.confirmed ?? 0),
  };
}

/** The sampled items with a summary of each visit; `verify` only where the checker's scope reaches it. */
export async function itemsOf(
  db: Kysely<DB>,
  checkScope: Scope,
  districtCode: string,
  rows: ItemRow[],
): Promise<SpotCheckItem[]> {
  const visits = await visitSummaries(
    db,
    districtCode,
    rows.map((r) => r.visit_id),
  );
  return rows.flatMap((r) => {
    const v = visits.get(r.visit_id);
    if (!v) return [];
    return [
      {
        visitId: r.visit_id,
        form: v.form as SpotCheckItem['form'],
        targetType: v.target_type,
        targetLabel: v.target_label,
        regionName: v.region_name,
        startedAt: iso(v.started_at),
        visitors: v.visitors,
        result: r.result,
        note: r.note,
        verifiedByName: r.verified_by_name,
        verifiedAt: r.verified_at ? iso(r.verified_at) : null,
        actions: pathInScope(v.region_path, checkScope) ? (['verify'] as const).slice() : [],
      },
    ];
  });
}

/** A spot check in the checker's scope with its items; NOT_FOUND otherwise. */
export async function spotCheckDetail(
  db: Kysely<DB>,
  checks: SpotCheckRepository,
  scope: Scope,
  id: string,
): Promise<SpotCheckDetail> {
  const found = await checks.findInScope(scope, id);
  if (!found) throw new AppError('NOT_FOUND', 'No such spot check.');
  const items = await itemsOf(db, scope, found.district_code, await checks.items(found.district_code, id));
  return { ...toSummary(found), items };
}
