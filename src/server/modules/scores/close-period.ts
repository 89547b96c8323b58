import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { calendarOf } from '../../../shared/domain/assessment-rules.ts';
import type { CloseScorePeriod, ScorePeriodSummary } from '../../../shared/domain/score-periods.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { assessmentPeriodOfDay } from '../../../shared/figures/assessment-periods.ts';
import { LEAGUE_SUBJECTS } from '../../../shared/figures/league.ts';
import { scoreTable } from '../../../shared/figures/scores.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import { type AuditActor, audit, refuseAudited } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeForAll } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { buildScores } from './build-scores.ts';
import { mayReopen } from './closed-periods.ts';
import { createScorePeriodsRepository } from './score-periods.repository.ts';
import { type DigestPoint, type DigestRow, snapshotDigest } from './snapshot-digest.ts';

const alreadyClosed = (overlapping: readonly (readonly [string, string])[] = []) =>
  new AppError(
    'SCORE_PERIOD_ALREADY_CLOSED',
    overlapping.length === 0
      ? 'This period of the place is closed already.'
      : `Days of this period are closed already, in ${overlapping.map(([f, t]) => `${f}–${t}`).join(', ')}.`,
  );

/**
 * POST /api/v1/score-periods: closes a district's or street's period once it has ended. In one
 * repeatable-read transaction the scores are built as the live table gives them and stored — the
 * period, every kind of subject's rows and every point — with a `score_period.closed` audit row
 * carrying the snapshot's SHA-256 digest, so the hash-chained log pins it. Once per place and
 * period until reopened (409); a district's period needs a district-wide grant (403, audited).
 */
export async function closeScorePeriod(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: CloseScorePeriod,
  now: Date,
): Promise<ScorePeriodSummary> {
  const scope = scopeForAll(principal, ['figures:publish', 'cases:read', 'visits:read']);
  const region = await regionInScope(createRegionRepository(db), scope, input.regionId);
  if (region.level === 'district' && !mayReopen(principal))
    await refuseAudited(
      db,
      actor,
      { action: 'score_period.closed', objectType: 'region', objectId: region.id },
      "Closing a district's scores needs figures:publish for the whole district.",
    );
  const calendar = calendarOf(await readAssessmentRules(db, principal.districtCode));
  const period = assessmentPeriodOfDay(input.period, input.at, calendar);
  if (period.to >= cstDay(now))
    throw new AppError('SCORE_PERIOD_NOT_ENDED', `The period ends on ${period.to}: close it afterwards.`);
  const id = uuidv7();
  const closed = await runTransaction(
    db,
    async (trx) => {
      const repo = createScorePeriodsRepository(trx);
      const revisions = await repo.revisions(principal.districtCode, region.id, input.period, period.from);
      // This period closed already, or (after the month's first day changed) one sharing its days:
      // those days' points are frozen there, and must not be frozen twice.
      const overlapping = await repo.closedOverlapping(
        principal.districtCode,
        region.id,
        input.period,
        period.from,
        period.to,
      );
      if (overlapping.length > 0)
        throw overlapping.some((o) => dateColumn(o.period_from) === period.from)
          ? alreadyClosed()
          : alreadyClosed(overlapping.map((o) => [dateColumn(o.period_from), dateColumn(o.period_to)]));
      const revision = (revisions[0]?.revision ?? 0) + 1;
      const built = await buildScores(trx, principal.districtCode, region, input.period, input.at);
      const rows: DigestRow[] = LEAGUE_SUBJECTS.flatMap((kind) =>
        scoreTable(
          built.subjects.filter((s) => s.kind === kind),
          built.points,
          built.rules,
        ),
      ).map((r, position) => ({
        subject_key: r.key,
        subject_kind: r.kind,
        subject_name: r.name,
        subject_path: built.subjects.find((s) => s.key === r.key)?.path ?? null,
        peer_group: r.peerGroup,
        peer_group_name: r.peerGroupName,
        position,
        score_cp: r.scoreCp,
        points: r.points,
        rank: r.rank,
        group_size: r.groupSize,
        list: r.list,
      }));
      // A point counts in the table only for a subject listed in it (as scoreTable counts it).
      const listed = new Set(rows.map((r) => r.subject_key));
      const points: DigestPoint[] = built.points
        .filter((p) => listed.has(p.subject))
        .map((p) => ({
          subject_key: p.subject,
          point_key: p.key,
          item: p.item,
          cp: p.cp,
          earned_on: p.day,
          earned_at: p.at,
          source: p.source,
          detail: p.detail,
        }));
      const digest = snapshotDigest(rows, points);
      const base = { district_code: principal.districtCode, period_id: id };
      try {
        await repo.insert(
          {
            district_code: principal.districtCode,
            id,
            region_id: region.id,
            region_path: region.path,
            region_name: region.name,
            region_level: region.level,
            period_kind: input.period,
            period_from: built.period.from,
            period_to: built.period.to,
            revision,
            rule_version: built.ruleVersion,
            rules: built.rules,
            state: 'closed',
            digest,
            closed_by: principal.userId,
            closed_by_name: principal.displayName,
            closed_at: now,
          },
          rows.map((r) => ({ ...base, ...r })),
          points.map((p) => ({ ...base, ...p, earned_on: p.earned_on as string })),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyClosed();
        throw error;
      }
      const totals = Object.fromEntries(
        LEAGUE_SUBJECTS.map((kind) => {
          const keys = new Set(rows.filter((r) => r.subject_kind === kind).map((r) => r.subject_key));
          const mine = points.filter((p) => keys.has(p.subject_key));
          return [
            kind,
            { subjects: keys.size, points: mine.length, sumCp: mine.reduce((s, p) => s + p.cp, 0) },
          ];
        }),
      );
      await audit(trx, actor, {
        action: 'score_period.closed',
        result: 'success',
        objectType: 'score_period',
        objectId: id,
        detail: {
          region: region.id,
          period: { kind: input.period, from: built.period.from, to: built.period.to },
          revision,
          ruleVersion: built.ruleVersion?.id ?? null,
          totals,
          digest,
        },
      });
      return { revision, digest, period: built.period };
    },
    'repeatable read',
  );
  return {
    id,
    region: { id: region.id, name: region.name, level: region.level },
    period: { kind: input.period, from: closed.period.from, to: closed.period.to },
    revision: closed.revision,
    state: 'closed',
    digest: closed.digest,
    closedAt: now.toISOString(),
    closedBy: principal.displayName,
    reopenedAt: null,
    reopenedBy: null,
    reopenReason: null,
  };
}
