import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { calendarOf } from '../../../shared/domain/assessment-rules.ts';
import type { PublishedLeague, PublishLeague } from '../../../shared/domain/league.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { assessmentPeriodOfDay } from '../../../shared/figures/assessment-periods.ts';
import { DEFAULT_LEAGUE_ORDER } from '../../../shared/figures/league.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeForAll } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { buildLeagueTable } from './build-league.ts';
import { createLeagueRepository } from './league.repository.ts';

const alreadyPublished = () =>
  new AppError(
    'LEAGUE_TABLE_ALREADY_PUBLISHED',
    'This league table was already published for the place and period.',
  );

/**
 * Publishes a region's league table for a period: the table is built as the live one (in the
 * default order) and stored whole, so later changes to cases and visits leave it as published;
 * the row and its `league.published` audit row are written together. Once per place, period and
 * kind of subject (409 after that), once the period has ended (409 before). The region must be in
 * the caller's publishing and reading scope (404 otherwise).
 */
export async function publishLeague(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: PublishLeague,
  now: Date,
): Promise<PublishedLeague> {
  const scope = scopeForAll(principal, ['figures:publish', 'cases:read', 'visits:read']);
  const region = await regionInScope(createRegionRepository(db), scope, input.regionId);
  const day = input.at ?? cstDay(now);
  const rules = await readAssessmentRules(db, scope.districtCode);
  const period = assessmentPeriodOfDay(input.period, day, calendarOf(rules));
  // Published once per period and frozen: a table of days still to come would be frozen short
  // and would stand in for the whole period, whose own table could then never be published.
  // Both refusals come before the table is counted.
  if (period.to >= cstDay(now))
    throw new AppError(
      'SCORE_PERIOD_NOT_ENDED',
      `The period ends on ${period.to}: publish its table afterwards.`,
    );
  const repo = createLeagueRepository(db);
  if (await repo.published(scope.districtCode, region.id, input.period, period.from, input.subjects))
    throw alreadyPublished();
  const table = await buildLeagueTable(db, scope, region, {
    period: input.period,
    day,
    subjects: input.subjects,
    order: DEFAULT_LEAGUE_ORDER,
  });
  const id = uuidv7();
  await runTransaction(db, async (trx) => {
    try {
      await createLeagueRepository(trx).insert({
        district_code: scope.districtCode,
        id,
        region_id: region.id,
        region_path: region.path,
        region_name: region.name,
        subjects: input.subjects,
        period_kind: input.period,
        period_from: table.period.from,
        period_to: table.period.to,
        table_data: table,
        published_by: principal.userId,
        published_by_name: principal.displayName,
        published_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyPublished();
      throw error;
    }
    await audit(trx, actor, {
      action: 'league.published',
      result: 'success',
      objectType: 'league_table',
      objectId: id,
      detail: {
        region: region.id,
        subjects: input.subjects,
        period: table.period,
        rows: table.rows.length,
      },
    });
  });
  return {
    id,
    region: { id: region.id, name: region.name },
    subjects: input.subjects,
    period: table.period,
    publishedAt: now.toISOString(),
    publishedBy: principal.displayName,
    table,
  };
}
