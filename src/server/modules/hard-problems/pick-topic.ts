import type { Kysely } from 'kysely';
import type { HardProblem, MonthlyTopicInput } from '../../../shared/domain/hard-problem.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createHardProblemItem } from './create-item.ts';
import { readTopicRanking } from './topic-ranking.ts';

/** A topic is a district's or a street's: it is picked across their communities. */
const TOPIC_LEVELS: ReadonlySet<string> = new Set(['district', 'street']);

/**
 * POST /api/v1/hard-problems/topics: a leader picks the place's topic of the month (每月一题) — a
 * category, normally from the ranking of the categories that recurred most in the previous months
 * — and it goes on the list as an item of kind 'monthly_topic' for that month, once per place and
 * month. Its rank in the ranking at the time (null if it was not ranked) is audited with it.
 */
export async function pickMonthlyTopic(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: MonthlyTopicInput,
  now: Date,
): Promise<HardProblem> {
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'figures:publish'),
    input.regionId,
  );
  if (!TOPIC_LEVELS.has(region.level))
    throw new AppError('VALIDATION_FAILED', "A month's topic belongs to a district or a street.", {
      issues: [
        { path: 'body.regionId', reason: 'not_topic_owner', message: 'Choose a district or a street.' },
      ],
    });
  const ranking = await readTopicRanking(db, principal, { regionId: region.id, months: 3 }, now);
  const ranked = ranking.ranking.find((r) => r.categoryId === input.categoryId);
  return createHardProblemItem(
    db,
    principal,
    actor,
    {
      regionId: region.id,
      title: input.title,
      categoryId: input.categoryId,
      owner: input.owner,
      plan: input.plan,
      targetDate: input.targetDate,
      milestones: input.milestones,
      kind: 'monthly_topic',
      topicMonth: input.month,
      auditDetail: { rank: ranked?.rank ?? null, clusters: ranked?.clusters ?? 0, rankedFrom: ranking.from },
    },
    now,
  );
}
