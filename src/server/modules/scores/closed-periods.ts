import type { Kysely } from 'kysely';
import { z } from 'zod';
import { reaches } from '../../../shared/auth/reach.ts';
import type {
  ScorePeriodPointsQuery,
  ScorePeriodSummary,
  ScorePeriodTable,
} from '../../../shared/domain/score-periods.ts';
import { scoreRulesSchema } from '../../../shared/domain/score-rules.ts';
import type { ScorePointsPage, ScoreTable } from '../../../shared/domain/scores.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { LeagueSubjects } from '../../../shared/figures/league.ts';
import type { ScoreRow } from '../../../shared/figures/scores.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import { CURSOR_KEYS, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Principal } from '../auth/principal.ts';
import { holdsForDistrict, pathInScope, scopeForAll } from '../auth/scope.ts';
import { readerScope } from '../league/published-leagues.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createScorePeriodsRepository } from './score-periods.repository.ts';

type StoredPeriod = Awaited<ReturnType<ReturnType<typeof createScorePeriodsRepository>['visible']>>[number];
type StoredRow = Awaited<ReturnType<ReturnType<typeof createScorePeriodsRepository>['rowsOf']>>[number];

const isoOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Rows of a table, group by group as they come, as the API answers them. */
export function tableGroups(rows: readonly ScoreRow[]): ScoreTable['groups'] {
  const groups: ScoreTable['groups'] = [];
  for (const r of rows) {
    const last = groups.at(-1);
    const row = {
      key: r.key,
      name: r.name,
      scoreCp: r.scoreCp,
      points: r.points,
      rank: r.rank,
      groupSize: r.groupSize,
      list: r.list,
    };
    if (last?.key === r.peerGroup) last.rows.push(row);
    else groups.push({ key: r.peerGroup, name: r.peerGroupName, rows: [row] });
  }
  return groups;
}

export function periodSummary(p: StoredPeriod): ScorePeriodSummary {
  return {
    id: p.id,
    region: { id: p.region_id, name: p.region_name, level: p.region_level },
    period: {
      kind: p.period_kind as ScorePeriodSummary['period']['kind'],
      from: dateColumn(p.period_from),
      to: dateColumn(p.period_to),
    },
    revision: Number(p.revision),
    state: p.state,
    digest: p.digest,
    closedAt: new Date(p.closed_at).toISOString(),
    closedBy: p.closed_by_name,
    reopenedAt: isoOf(p.reopened_at),
    reopenedBy: p.reopened_by_name,
    reopenReason: p.reopen_reason,
  };
}

const rowView = (r: StoredRow): ScoreRow => ({
  key: r.subject_key,
  kind: r.subject_kind as LeagueSubjects,
  name: r.subject_name,
  peerGroup: r.peer_group,
  peerGroupName: r.peer_group_name,
  scoreCp: Number(r.score_cp),
  points: Number(r.points),
  rank: Number(r.rank),
  groupSize: Number(r.group_size),
  list: r.list as ScoreRow['list'],
});

/** The stored table of one kind of subject of a closed (or reopened) period. */
async function frozenTable(db: Kysely<DB>, p: StoredPeriod, subjects: LeagueSubjects): Promise<ScoreTable> {
  const rows = await createScorePeriodsRepository(db).rowsOf(p.district_code, p.id, subjects);
  const summary = periodSummary(p);
  return {
    region: summary.region,
    subjects,
    period: summary.period,
    ruleVersion: jsonColumn<ScoreTable['ruleVersion']>(p.rule_version),
    rules: scoreRulesSchema.parse(jsonColumn(p.rules)),
    closed: true,
    periodId: p.id,
    groups: tableGroups(rows.map(rowView)),
    actions: [],
  };
}

/**
 * The stored table of a place's period while it is closed (GET /api/v1/scores answers it instead
 * of a recount, so later events change nothing published); null while it is open or reopened.
 */
export async function closedTableOf(
  db: Kysely<DB>,
  districtCode: string,
  regionId: string,
  period: { kind: string; day: string },
  subjects: LeagueSubjects,
): Promise<ScoreTable | null> {
  const p = await createScorePeriodsRepository(db).closedOf(districtCode, regionId, period.kind, period.day);
  return p ? frozenTable(db, p, subjects) : null;
}

/**
 * GET /api/v1/score-periods: the closed and reopened periods the caller sees — as published league
 * tables are seen: of a place at, above or below the caller's places; with a region, those of it
 * and above it. Newest period first.
 */
export async function listScorePeriods(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string | undefined,
): Promise<ScorePeriodSummary[]> {
  const scope = readerScope(principal);
  const at = regionId ? (await regionInScope(createRegionRepository(db), scope, regionId)).path : undefined;
  const rows = await createScorePeriodsRepository(db).visible(scope.districtCode, scope.paths, at);
  return rows.map(periodSummary);
}

/** One period the caller sees (NOT_FOUND otherwise). */
export async function visiblePeriod(db: Kysely<DB>, principal: Principal, id: string): Promise<StoredPeriod> {
  const scope = readerScope(principal);
  const [row] = await createScorePeriodsRepository(db).visible(
    scope.districtCode,
    scope.paths,
    undefined,
    id,
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such score period.');
  return row;
}

/** Reopening unfreezes a place's scores for the whole district: district-wide publishers only. */
export function mayReopen(principal: Principal): boolean {
  return holdsForDistrict(principal, 'figures:publish');
}

/**
 * Whether the caller may close the place's period (POST /api/v1/score-periods answers the same):
 * figures published there, and a district's period only by a district-wide publisher.
 */
export function mayClose(principal: Principal, place: { path: string; level: string }): boolean {
  const scope = scopeForAll(principal, ['figures:publish', 'cases:read', 'visits:read']);
  return pathInScope(place.path, scope) && (place.level !== 'district' || mayReopen(principal));
}

/** GET /api/v1/score-periods/:id: the frozen table of one kind of subject, as it was closed. */
export async function readScorePeriod(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  subjects: LeagueSubjects,
): Promise<ScorePeriodTable> {
  const p = await visiblePeriod(db, principal, id);
  return {
    ...(await frozenTable(db, p, subjects)),
    summary: periodSummary(p),
    actions: p.state === 'closed' && mayReopen(principal) ? ['reopen'] : [],
  };
}

/** A points page's cursor key: the last point's instant and key (live and frozen points alike). */
export const POINT_CURSOR_KEY = z
  .string()
  .max(200)
  .refine((value) => {
    const bar = value.indexOf('|');
    return bar > 0 && CURSOR_KEYS.instant.safeParse(value.slice(0, bar)).success;
  });

/**
 * GET /api/v1/score-periods/:id/points: one subject's frozen points, earliest first, page by page
 * (NOT_FOUND for a subject the caller may not read, as for an unknown one).
 */
export async function readScorePeriodPoints(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  query: ScorePeriodPointsQuery,
): Promise<ScorePointsPage> {
  const p = await visiblePeriod(db, principal, id);
  const repo = createScorePeriodsRepository(db);
  const subject = (await repo.rowsOf(p.district_code, p.id)).find((r) => r.subject_key === query.subject);
  // As for live points: whoever reaches the table's place reads every subject; a reader below it
  // the communities it reaches and its own points as a cadre.
  const paths = readerScope(principal).paths;
  const subjectPath = subject?.subject_path ?? null;
  const allowed =
    subject !== undefined &&
    (paths.some((x) => reaches(x, p.region_path)) ||
      (subjectPath !== null && paths.some((x) => reaches(x, subjectPath))) ||
      subject.subject_key === `u:${principal.userId}`);
  if (!allowed) throw new AppError('NOT_FOUND', 'No such subject in this period.');
  let after: { at: string; key: string } | null = null;
  if (query.after !== undefined) {
    const [key] = decodeCursor(query.after, POINT_CURSOR_KEY);
    const bar = key.indexOf('|');
    after = { at: key.slice(0, bar), key: key.slice(bar + 1) };
  }
  const [page, totals] = await Promise.all([
    repo.pointsPage(p.district_code, p.id, query.subject, after, query.limit + 1),
    repo.subjectTotals(p.district_code, p.id, query.subject),
  ]);
  const items = page.slice(0, query.limit);
  const last = items.at(-1);
  const summary = periodSummary(p);
  return {
    region: summary.region,
    period: summary.period,
    subject: { key: subject.subject_key, name: subject.subject_name },
    scoreCp: totals.scoreCp,
    total: totals.total,
    items: items.map((x) => ({
      key: x.point_key,
      item: x.item as ScorePointsPage['items'][number]['item'],
      cp: Number(x.cp),
      day: dateColumn(x.earned_on),
      at: x.earned_at,
      source: jsonColumn<ScorePointsPage['items'][number]['source']>(x.source),
      detail: jsonColumn<Record<string, unknown>>(x.detail),
    })),
    next:
      last && page.length > query.limit ? encodeCursor(`${last.earned_at}|${last.point_key}`, p.id) : null,
  };
}
