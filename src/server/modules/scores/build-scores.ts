import type { Kysely } from 'kysely';
import { calendarOf, caseRulesOf } from '../../../shared/domain/assessment-rules.ts';
import {
  DEFAULT_SCORE_RULES,
  ruleOwnerPaths,
  ruleVersionFor,
  type ScoreRules,
  scoreRulesSchema,
} from '../../../shared/domain/score-rules.ts';
import type { SCORE_PERIOD_KINDS } from '../../../shared/domain/scores.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { assessmentPeriodOfDay } from '../../../shared/figures/assessment-periods.ts';
import { type ScorePoint, scoringPoints } from '../../../shared/figures/points.ts';
import type { ScoreSubject } from '../../../shared/figures/scores.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import type { Period } from '../../../shared/visits/periods.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import { readScoringFacts, type ScoresPlace } from './score-facts.ts';
import { createScoreRulesRepository } from './score-rules.repository.ts';

export interface RuleVersionRef {
  id: string;
  version: number;
  regionName: string;
  effectiveFrom: string;
}

export interface BuiltScores {
  period: Period;
  ruleVersion: RuleVersionRef | null;
  rules: ScoreRules;
  subjects: ScoreSubject[];
  points: ScorePoint[];
}

const RULE_OWNER_LEVELS: ReadonlySet<string> = new Set(['district', 'street']);

/**
 * The place whose table a place is read in: itself when it is a district or street (its rules
 * score it), else the street above it — the scores of a community are its street's.
 */
export function tableOwnerPath(place: { level: string; path: string }): string {
  return RULE_OWNER_LEVELS.has(place.level) ? place.path : (ruleOwnerPaths(place.path)[0] as string);
}

/**
 * The rules scoring a period of a rule-owning place: the version in effect on the period's first
 * day — the place's own (a street's), else the district's — else the defaults. A district's
 * table is scored by the district's rules even where a street has its own.
 */
async function rulesFor(
  db: Kysely<DB>,
  districtCode: string,
  ownerPath: string,
  periodFrom: string,
): Promise<{ ruleVersion: RuleVersionRef | null; rules: ScoreRules }> {
  const owners = ruleOwnerPaths(ownerPath);
  const rows = await createScoreRulesRepository(db).ofOwners(districtCode, owners);
  const versions = rows.map((r) => ({
    row: r,
    regionPath: r.region_path,
    version: Number(r.version),
    effectiveFrom: typeof r.effective_from === 'string' ? r.effective_from : cstDay(r.effective_from),
  }));
  const chosen = ruleVersionFor(versions, owners, periodFrom);
  if (!chosen) return { ruleVersion: null, rules: DEFAULT_SCORE_RULES };
  const raw = chosen.row.rules;
  return {
    ruleVersion: {
      id: chosen.row.id,
      version: chosen.version,
      regionName: chosen.row.region_name,
      effectiveFrom: chosen.effectiveFrom,
    },
    rules: scoreRulesSchema.parse(jsonColumn(raw)),
  };
}

/**
 * The points and subjects of a rule-owning place (a district or street) for the assessment period
 * of `kind` holding `day`, under the rules in force for the period. The caller has checked the
 * place against its scope.
 */
export async function buildScores(
  db: Kysely<DB>,
  districtCode: string,
  place: ScoresPlace,
  kind: (typeof SCORE_PERIOD_KINDS)[number],
  day: string,
): Promise<BuiltScores> {
  if (!RULE_OWNER_LEVELS.has(place.level))
    throw new AppError('VALIDATION_FAILED', 'Scores are tables of a district or a street.', {
      issues: [
        { path: 'querystring.regionId', reason: 'not_rule_owner', message: 'not a district or street' },
      ],
    });
  const assessment = await readAssessmentRules(db, districtCode);
  const period = assessmentPeriodOfDay(kind, day, calendarOf(assessment));
  const [{ ruleVersion, rules }, { facts, subjects }] = await Promise.all([
    rulesFor(db, districtCode, place.path, period.from),
    readScoringFacts(db, districtCode, place, period),
  ]);
  return {
    period,
    ruleVersion,
    rules,
    subjects,
    points: scoringPoints(facts, rules, caseRulesOf(assessment)),
  };
}
