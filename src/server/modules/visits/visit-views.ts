import type { VisitForm, VisitSummary } from '../../../shared/domain/visit.ts';
import { pathInScope, type Scope } from '../auth/scope.ts';
import type { VisitListRow, VisitRepository } from './visits.repository.ts';

type VisitorRow = Awaited<ReturnType<VisitRepository['visitors']>>[number];

const iso = (at: Date | string) => new Date(at).toISOString();

/**
 * What a list or the page names the target: the household's address, the enterprise, the place.
 * A household's address is household data: a reader without households:read there (a liaison
 * reading the diary of visits in their area) sees no address, as the household pages show none.
 */
function targetName(row: VisitListRow, householdsRead: Scope): string {
  if (row.target_type === 'household')
    return pathInScope(row.region_path, householdsRead) ? (row.household_address ?? '') : '';
  if (row.target_type === 'enterprise') return row.enterprise_name ?? '';
  return row.place_name ?? '';
}

/** A visit as the diary lists it, with who went (recorder first). */
export function visitSummary(row: VisitListRow, visitors: VisitorRow[], householdsRead: Scope): VisitSummary {
  return {
    id: row.id,
    form: row.form as VisitForm,
    targetType: row.target_type,
    householdId: row.household_id,
    enterpriseId: row.enterprise_id,
    targetName: targetName(row, householdsRead),
    regionId: row.region_id,
    regionName: row.region_name,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
    isNight: row.is_night,
    far: row.far,
    distanceM: row.distance_m,
    recordedBy: { id: row.recorded_by, displayName: row.recorder_name },
    visitors: visitors
      .filter((v) => v.visit_id === row.id)
      .map((v) => ({ id: v.id, displayName: v.display_name })),
    caseCount: Number(row.case_count ?? 0),
  };
}
