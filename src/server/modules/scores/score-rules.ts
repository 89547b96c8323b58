import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { anyReaches } from '../../../shared/auth/reach.ts';
import { calendarOf } from '../../../shared/domain/assessment-rules.ts';
import {
  DEFAULT_SCORE_RULES,
  ruleOwnerPaths,
  ruleVersionFor,
  type ScoreRulesView,
  type ScoreRuleVersion,
  type ScoreRuleVersionInput,
  scoreRulesSchema,
} from '../../../shared/domain/score-rules.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { assessmentPeriodOfDay } from '../../../shared/figures/assessment-periods.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { jsonColumn } from '../../db/json-column.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createScorePeriodsRepository } from './score-periods.repository.ts';
import { createScoreRulesRepository, type StoredScoreRuleVersion } from './score-rules.repository.ts';

/** Only a district or a street sets scoring rules: they score the communities and units below it. */
const RULE_OWNER_LEVELS: ReadonlySet<string> = new Set(['district', 'street']);

function versionView(row: StoredScoreRuleVersion): ScoreRuleVersion {
  const rules = jsonColumn(row.rules);
  return {
    id: row.id,
    regionId: row.region_id,
    regionPath: row.region_path,
    regionName: row.region_name,
    version: Number(row.version),
    effectiveFrom: dateColumn(row.effective_from),
    rules: scoreRulesSchema.parse(rules),
    note: row.note,
    createdByName: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The caller publishes figures for the place (a district needs a district-wide grant: only it reaches the root). */
function mayWrite(principal: Principal, region: { path: string; level: string }): boolean {
  return (
    RULE_OWNER_LEVELS.has(region.level) &&
    anyReaches(scopeFor(principal, 'figures:publish').paths, region.path)
  );
}

/**
 * GET /api/v1/scores/rules: the rules that score a place on a day (default today) — the version
 * of its street, else of its district, in effect that day, else the defaults — with every version
 * of both, for anyone who sees the place (rules are not personal data; a department sees its
 * node's geography).
 */
export async function viewScoreRules(
  db: Kysely<DB>,
  principal: Principal,
  query: { regionId: string; at?: string | undefined },
  now: Date,
): Promise<ScoreRulesView> {
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'regions:read'),
    query.regionId,
  );
  const owners = ruleOwnerPaths(region.path);
  const versions = (await createScoreRulesRepository(db).ofOwners(principal.districtCode, owners)).map(
    versionView,
  );
  const at = query.at ?? cstDay(now);
  const inForce = ruleVersionFor(versions, owners, at) ?? null;
  return {
    place: { id: region.id, name: region.name, level: region.level },
    at,
    inForce,
    rules: inForce?.rules ?? DEFAULT_SCORE_RULES,
    versions,
    editable: mayWrite(principal, region),
  };
}

/**
 * POST /api/v1/scores/rules: a new version of a district's or street's rules, in effect from the
 * first day of an assessment month (so every period is scored by one version). The row and its
 * `score_rules.created` audit row are written together; versions are numbered per place and
 * never changed.
 */
export async function createScoreRuleVersion(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: ScoreRuleVersionInput,
  now: Date,
): Promise<ScoreRuleVersion> {
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'figures:publish'),
    input.regionId,
  );
  if (!RULE_OWNER_LEVELS.has(region.level))
    throw new AppError('VALIDATION_FAILED', 'Scoring rules belong to a district or a street.', {
      issues: [
        { path: 'body.regionId', reason: 'not_rule_owner', message: 'Choose a district or a street.' },
      ],
    });
  const calendar = calendarOf(await readAssessmentRules(db, principal.districtCode));
  if (assessmentPeriodOfDay('month', input.effectiveFrom, calendar).from !== input.effectiveFrom)
    throw new AppError(
      'SCORE_RULES_START_INVALID',
      `Rules take effect on the first day of an assessment month (the district's months start on day ${calendar.monthStartDay}).`,
    );
  const id = uuidv7();
  let version = 0;
  await runTransaction(db, async (trx) => {
    // A version in effect for a closed period would seem to govern scores that no longer change.
    const lastClosed = await createScorePeriodsRepository(trx).lastClosedDay(
      principal.districtCode,
      region.path,
    );
    if (lastClosed !== null && input.effectiveFrom <= dateColumn(lastClosed))
      throw new AppError(
        'SCORE_RULES_PERIOD_CLOSED',
        `A period up to ${dateColumn(lastClosed)} is closed here: rules may take effect only after it.`,
      );
    const repo = createScoreRulesRepository(trx);
    version = await repo.nextVersion(principal.districtCode, region.id);
    try {
      await repo.insert({
        district_code: principal.districtCode,
        id,
        region_id: region.id,
        version,
        effective_from: input.effectiveFrom,
        rules: input.rules,
        note: input.note ?? null,
        created_by: principal.userId,
        created_by_name: principal.displayName,
        created_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError(
          'CONFLICT',
          'Another version of these rules was written at the same moment: try again.',
        );
      throw error;
    }
    await audit(trx, actor, {
      action: 'score_rules.created',
      result: 'success',
      objectType: 'region',
      objectId: region.id,
      detail: { version, effectiveFrom: input.effectiveFrom, note: input.note ?? null, rules: input.rules },
    });
  });
  return {
    id,
    regionId: region.id,
    regionPath: region.path,
    regionName: region.name,
    version,
    effectiveFrom: input.effectiveFrom,
    rules: input.rules,
    note: input.note ?? null,
    createdByName: principal.displayName,
    createdAt: now.toISOString(),
  };
}
