import type { Kysely } from 'kysely';
import type { SupervisionReport, SupervisionSummary } from '../../../shared/domain/supervision.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { readerScope } from '../league/published-leagues.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { readableReport, reads, reportView, summaryOf } from './report-view.ts';
import { createSupervisionRepository } from './supervision.repository.ts';

/**
 * GET /api/v1/supervision-reports: the reports the caller reads — its place's drafts and reports
 * as a writer, the published ones naming its units as a reader — with a region (one the caller's
 * geography reaches, 404 otherwise), those of it, above it and below it. Newest period first.
 */
export async function listSupervisionReports(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string | undefined,
): Promise<SupervisionSummary[]> {
  const at = regionId
    ? (await regionInScope(createRegionRepository(db), readerScope(principal), regionId)).path
    : undefined;
  const rows = await createSupervisionRepository(db).list(
    principal.districtCode,
    scopeFor(principal, 'supervision:write').paths,
    at,
  );
  return rows.filter((r) => reads(principal, r)).map(summaryOf);
}

/** GET /api/v1/supervision-reports/:id: one report, as the caller may see it (404 otherwise). */
export async function readSupervisionReport(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  now: Date,
): Promise<SupervisionReport> {
  return reportView(db, principal, await readableReport(db, principal, id), now);
}
