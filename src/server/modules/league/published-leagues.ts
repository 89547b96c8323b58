import type { Kysely } from 'kysely';
import {
  type LeagueTable,
  leagueTableSchema,
  type PublishedLeague,
  type PublishedLeagueSummary,
} from '../../../shared/domain/league.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createLeagueRepository } from './league.repository.ts';

/**
 * Who sees a published table: every unit in its place — a table is published to the places
 * below it (a community reads its street's table) — and those above it. Reach is the caller's
 * `regions:read` scope, which a department's handlers hold on their district or street node, so
 * the units ranked among handling units read their table too.
 */
export function readerScope(principal: Principal): Scope {
  return scopeFor(principal, 'regions:read');
}

interface SummaryRow {
  id: string;
  region_id: string;
  region_name: string;
  subjects: string;
  period_kind: string;
  period_from: string;
  period_to: string;
  published_by_name: string;
  published_at: Date | string;
}

function summaryView(r: SummaryRow): PublishedLeagueSummary {
  return {
    id: r.id,
    region: { id: r.region_id, name: r.region_name },
    subjects: r.subjects as PublishedLeagueSummary['subjects'],
    period: {
      kind: r.period_kind as PublishedLeagueSummary['period']['kind'],
      from: r.period_from,
      to: r.period_to,
    },
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy: r.published_by_name,
  };
}

/** Published tables the caller sees, newest first; with a region (in reach), those of it and above it. */
export async function listPublishedLeagues(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string | undefined,
): Promise<PublishedLeagueSummary[]> {
  const scope = readerScope(principal);
  const at = regionId ? (await regionInScope(createRegionRepository(db), scope, regionId)).path : undefined;
  const rows = await createLeagueRepository(db).visible(scope.districtCode, scope.paths, at);
  return rows.map(summaryView);
}

/** One published table as it was published (NOT_FOUND when the caller does not see it). */
export async function readPublishedLeague(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
): Promise<PublishedLeague> {
  const scope = readerScope(principal);
  const row = await createLeagueRepository(db).findVisible(scope.districtCode, scope.paths, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such published league table.');
  const data = jsonColumn(row.table_data);
  const table: LeagueTable = leagueTableSchema.parse(data);
  return { ...summaryView(row), table };
}
