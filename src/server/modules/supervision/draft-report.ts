import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import {
  type CreateSupervisionReport,
  type DraftPoint,
  type DraftSubject,
  draftSupervision,
  fill,
  type SupervisionReport,
} from '../../../shared/domain/supervision.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { supervisionZh } from '../../../shared/i18n/features/supervision.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import { jsonColumn } from '../../db/json-column.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { buildScores } from '../scores/build-scores.ts';
import { periodOf } from '../scores/read-scores.ts';
import type { ScoresPlace } from '../scores/score-facts.ts';
import { createScorePeriodsRepository } from '../scores/score-periods.repository.ts';
import { reportView } from './report-view.ts';
import { createSupervisionRepository } from './supervision.repository.ts';

/** Days a drafted finding gives its unit to rectify, from the day it is drafted. */
export const DRAFT_DUE_DAYS = 15;

const words = supervisionZh.supervision;

interface Scored {
  scorePeriodId: string | null;
  subjects: { key: string; kind: 'places' | 'units'; name: string; path: string | null }[];
  points: DraftPoint[];
}

/**
 * The period's points and scored communities and units: a closed period's stored ones (what was
 * published stays what is supervised), else the live ones, as GET /api/v1/scores reads them.
 */
async function scoredPeriod(
  db: Kysely<DB>,
  districtCode: string,
  place: ScoresPlace,
  kind: CreateSupervisionReport['period'],
  day: string,
): Promise<Scored & { period: { from: string; to: string } }> {
  const period = await periodOf(db, districtCode, kind, day);
  const periods = createScorePeriodsRepository(db);
  const closed = await periods.closedOf(districtCode, place.id, period.kind, day);
  if (closed) {
    const [rows, points] = await Promise.all([
      periods.rowsOf(districtCode, closed.id),
      periods.pointsOf(districtCode, closed.id),
    ]);
    return {
      period,
      scorePeriodId: closed.id,
      subjects: rows
        .filter((r) => r.subject_kind === 'places' || r.subject_kind === 'units')
        .map((r) => ({
          key: r.subject_key,
          kind: r.subject_kind as 'places' | 'units',
          name: r.subject_name,
          path: r.subject_path,
        })),
      points: points.map((p) => {
        const source = jsonColumn<{ caseNumber?: string | null }>(p.source);
        return {
          subject: p.subject_key,
          item: p.item,
          cp: Number(p.cp),
          caseNumber: source.caseNumber ?? null,
          detail: jsonColumn<Record<string, unknown>>(p.detail),
        };
      }),
    };
  }
  const built = await buildScores(db, districtCode, place, kind, day);
  return {
    period,
    scorePeriodId: null,
    subjects: built.subjects.flatMap((s) =>
      s.kind === 'cadres' ? [] : [{ key: s.key, kind: s.kind, name: s.name, path: s.path ?? null }],
    ),
    points: built.points.map((p) => ({
      subject: p.subject,
      item: p.item,
      cp: p.cp,
      caseNumber: p.source.caseNumber,
      detail: p.detail,
    })),
  };
}

/**
 * POST /api/v1/supervision-reports: drafts a supervisor's report on a street or the district for a
 * month or quarter — one finding per community or handling unit with overdue, supervised,
 * re-handled or unsatisfied cases, coverage short of target, spot checks not confirmed or findings
 * left unrectified, each with the numbers behind it. The draft is the writer's to edit; audited.
 */
export async function draftSupervisionReport(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: CreateSupervisionReport,
  now: Date,
): Promise<SupervisionReport> {
  const scope = scopeFor(principal, 'supervision:write');
  const place = await regionInScope(createRegionRepository(db), scope, input.regionId);
  if (place.level !== 'district' && place.level !== 'street')
    throw new AppError('VALIDATION_FAILED', 'A supervision report is of a street or the district.', {
      issues: [{ path: 'body.regionId', reason: 'not_rule_owner', message: 'not a district or street' }],
    });
  const today = cstDay(now);
  const scored = await scoredPeriod(db, principal.districtCode, place, input.period, input.at ?? today);
  const repo = createSupervisionRepository(db);
  const unitKeys = scored.subjects.filter((s) => s.kind === 'units').map((s) => s.key);
  const [departments, regions] = await Promise.all([
    repo.departmentPaths(
      principal.districtCode,
      unitKeys.filter((k) => k.startsWith('d:')).map((k) => k.slice(2)),
    ),
    repo.regionPaths(
      principal.districtCode,
      unitKeys.filter((k) => k.startsWith('r:')).map((k) => k.slice(2)),
    ),
  ]);
  // Who reads a unit's finding follows the place it belongs to: a department's node, a region's own.
  const pathOf = (s: Scored['subjects'][number]) =>
    s.kind === 'places'
      ? s.path
      : s.key.startsWith('d:')
        ? (departments.get(s.key.slice(2)) ?? null)
        : (regions.get(s.key.slice(2)) ?? null);
  const subjects: DraftSubject[] = scored.subjects.flatMap((s) => {
    const regionPath = pathOf(s);
    return regionPath === null ? [] : [{ key: s.key, kind: s.kind, name: s.name, regionPath }];
  });
  const draft = draftSupervision(
    subjects,
    scored.points,
    { ...words.draft, items: words.items },
    addDays(today, DRAFT_DUE_DAYS),
  );
  const values = { region: place.name, from: scored.period.from, to: scored.period.to };
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    await createSupervisionRepository(trx).insert({
      district_code: principal.districtCode,
      id,
      region_id: place.id,
      region_path: place.path,
      region_name: place.name,
      region_level: place.level,
      period_kind: input.period,
      period_from: scored.period.from,
      period_to: scored.period.to,
      score_period_id: scored.scorePeriodId,
      title: fill(words.draft.title, values).slice(0, 200),
      body: fill(words.draft.body, values),
      findings: draft.findings,
      subjects: draft.subjects,
      created_by: principal.userId,
      created_by_name: principal.displayName,
      created_at: now,
    });
    await audit(trx, actor, {
      action: 'supervision_report.drafted',
      result: 'success',
      objectType: 'supervision_report',
      objectId: id,
      detail: {
        region: place.id,
        period: { kind: input.period, from: scored.period.from, to: scored.period.to },
        scorePeriod: scored.scorePeriodId,
        findings: draft.findings.map((f) => f.subjectKey),
      },
    });
  });
  const stored = await repo.one(principal.districtCode, id);
  return reportView(db, principal, stored as NonNullable<typeof stored>, now);
}
