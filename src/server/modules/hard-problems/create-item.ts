import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { HardProblem, HardProblemInput } from '../../../shared/domain/hard-problem.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createHardProblemsRepository, type StoredItem } from './hard-problems.repository.ts';
import { itemView } from './item-access.ts';
import { resolveOwner } from './item-owner.ts';
import { linkCase } from './link-cases.ts';

export interface NewItem extends Omit<HardProblemInput, 'milestones' | 'categoryId'> {
  categoryId?: string | null | undefined;
  milestones?: { name: string; targetDate: string; doneOn?: string | null | undefined }[] | undefined;
  kind?: 'item' | 'monthly_topic';
  topicMonth?: string | null;
  /** Audit detail beyond the item's own (a topic's rank). */
  auditDetail?: Record<string, unknown>;
}

/**
 * POST /api/v1/hard-problems: a leader who publishes figures for a place puts an item on its
 * list — by hand or from a detector proposal, whose cases are linked in the same transaction (each
 * through the case-change path) — with its owner, plan, milestones and target date; audited.
 * The month's topic (pick-topic.ts) is an item of kind 'monthly_topic' made here too.
 */
export async function createHardProblemItem(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  input: NewItem,
  now: Date,
): Promise<HardProblem> {
  const region = await regionInScope(
    createRegionRepository(db),
    scopeFor(principal, 'figures:publish'),
    input.regionId,
  );
  const repo = createHardProblemsRepository(db);
  if (input.categoryId && !(await repo.activeCategory(principal.districtCode, input.categoryId)))
    throw new AppError('VALIDATION_FAILED', 'No such active category.', {
      issues: [{ path: 'body.categoryId', reason: 'reference', message: 'No such active category.' }],
    });
  const owner = await resolveOwner(db, principal.districtCode, region.path, input.owner);
  const id = uuidv7();
  const row = {
    district_code: principal.districtCode,
    id,
    region_id: region.id,
    region_path: region.path,
    kind: input.kind ?? 'item',
    topic_month: input.topicMonth ?? null,
    title: input.title,
    category_id: input.categoryId ?? null,
    proposal_key: input.proposalKey ?? null,
    ...owner,
    plan: input.plan,
    target_date: input.targetDate,
    state: 'open' as const,
    version: 1,
    created_by: principal.userId,
    created_by_name: principal.displayName,
    created_at: now,
    updated_at: now,
  };
  await runTransaction(db, async (trx) => {
    const tx = createHardProblemsRepository(trx);
    try {
      await tx.insertItem(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('HARD_PROBLEM_TOPIC_TAKEN', "This place's topic for the month is chosen already.");
      throw error;
    }
    await tx.replaceMilestones(
      principal.districtCode,
      id,
      (input.milestones ?? []).map((m) => ({
        id: uuidv7(),
        name: m.name,
        target_date: m.targetDate,
        done_on: m.doneOn ?? null,
      })),
    );
    for (const caseId of new Set(input.caseIds ?? []))
      await linkCase(trx, principal, actor, row, caseId, now);
    await audit(trx, actor, {
      action: row.kind === 'monthly_topic' ? 'hard_problem.topic_picked' : 'hard_problem.created',
      result: 'success',
      objectType: 'hard_problem',
      objectId: id,
      detail: {
        title: row.title,
        region: region.id,
        owner: { kind: owner.owner_kind, id: owner.owner_id, person: owner.responsible_person },
        targetDate: row.target_date,
        proposalKey: row.proposal_key,
        caseIds: [...new Set(input.caseIds ?? [])],
        month: row.topic_month,
        ...input.auditDetail,
      },
    });
  });
  const stored: StoredItem = { ...row, region_name: region.name, result: null, finished_at: null };
  return itemView(db, principal, stored, now);
}
