import type { Kysely } from 'kysely';
import { anyReaches, reaches } from '../../../shared/auth/reach.ts';
import {
  type EvaluationCriterion,
  type EvaluationKind,
  type EvaluationRoundSummary,
  type RaterUnit,
  raterUnitsOf,
} from '../../../shared/domain/evaluation.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { dateColumn } from '../../db/date-column.ts';
import { jsonColumn } from '../../db/json-column.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { createEvaluationRepository } from './evaluation.repository.ts';

export type RoundRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof createEvaluationRepository>['round']>>
>;

/**
 * The places a person sees rounds of: every place on the branch of their grants (a community's
 * worker sees its street's rounds; a department's member its node's), by `regions:read`, which a
 * department grant holds for its node.
 */
export function nearPaths(principal: Principal): string[] {
  return scopeFor(principal, 'regions:read').paths;
}

export function onBranch(paths: readonly string[], path: string): boolean {
  return paths.some((p) => reaches(p, path) || reaches(path, p));
}

/** Whether the person runs the round: publishes figures at its place. */
export function managesRound(principal: Principal, round: { region_path: string }): boolean {
  return anyReaches(scopeFor(principal, 'figures:publish').paths, round.region_path);
}

/** The round if the person sees it; NOT_FOUND, as for an unknown id, otherwise. */
export async function visibleRound(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  lock = false,
): Promise<RoundRow> {
  const round = await createEvaluationRepository(db).round(principal.districtCode, id, lock);
  if (!round || !onBranch(nearPaths(principal), round.region_path))
    throw new AppError('NOT_FOUND', 'No such evaluation round.');
  return round;
}

export function criteriaOf(round: RoundRow): EvaluationCriterion[] {
  return jsonColumn<EvaluationCriterion[]>(round.criteria);
}

export function roundSummary(round: RoundRow): EvaluationRoundSummary {
  return {
    id: round.id,
    region: { id: round.region_id, name: round.region_name },
    kind: round.kind as EvaluationKind,
    title: round.title,
    from: dateColumn(round.period_from),
    to: dateColumn(round.period_to),
    state: round.state,
    openedBy: round.opened_by_name,
    openedAt: new Date(round.opened_at).toISOString(),
    closedBy: round.closed_by_name,
    closedAt: round.closed_at ? new Date(round.closed_at).toISOString() : null,
  };
}

export interface RateableSubject {
  key: string;
  name: string;
  kind: 'cadres' | 'places';
  /** The community the facts are counted in (a cadre's: the rating community). */
  path: string;
}

/**
 * The units the person rates for in the round, each with whom it may rate: the cadres and grid
 * police sent down to the community (never the rater themself), or the communities of the
 * department's node.
 */
export async function raterUnitsWithSubjects(
  db: Kysely<DB>,
  principal: Principal,
  round: RoundRow,
): Promise<{ unit: RaterUnit; subjects: RateableSubject[] }[]> {
  const repo = createEvaluationRepository(db);
  const kind = round.kind as EvaluationKind;
  const district = principal.districtCode;
  const [communities, departments] = await Promise.all([
    repo.communitiesBelow(district, round.region_path),
    kind === 'department_rates_communities'
      ? repo.streetDepartmentsBelow(district, round.region_path)
      : Promise.resolve([]),
  ]);
  const units = raterUnitsOf(kind, principal.grants, communities, departments);
  return Promise.all(
    units.map(async (unit) => {
      if (kind === 'department_rates_communities')
        return {
          unit,
          subjects: communities
            .filter((c) => reaches(unit.path, c.path))
            .map((c) => ({ key: c.id, name: c.name, kind: 'places' as const, path: c.path })),
        };
      const people = await repo.sentDownTo(district, unit.path);
      return {
        unit,
        subjects: people
          .filter((p) => p.id !== principal.userId)
          .map((p) => ({ key: `u:${p.id}`, name: p.name, kind: 'cadres' as const, path: unit.path })),
      };
    }),
  );
}
