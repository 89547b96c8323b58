import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { HardProblem, HardProblemUpdate } from '../../../shared/domain/hard-problem.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';
import { editableItem, itemView } from './item-access.ts';
import { resolveOwner } from './item-owner.ts';

/**
 * PATCH /api/v1/hard-problems/:id: a leader changes an unfinished item's title, owner, plan,
 * target date or milestones (the list as sent: kept ids keep their rows, a milestone is marked
 * done with its day here), at the version read; audited with what changed.
 */
export async function updateHardProblem(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: HardProblemUpdate,
  now: Date,
): Promise<HardProblem> {
  const item = await runTransaction(db, async (trx) => {
    const repo = createHardProblemsRepository(trx);
    const item = await editableItem(trx, principal, id, input.version);
    const owner = input.owner
      ? await resolveOwner(trx, principal.districtCode, item.region_path, input.owner)
      : {};
    const patch = {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...owner,
      ...(input.plan === undefined ? {} : { plan: input.plan }),
      ...(input.targetDate === undefined ? {} : { target_date: input.targetDate }),
      version: item.version + 1,
      updated_at: now,
    };
    if (input.milestones) {
      const known = new Set((await repo.milestones(principal.districtCode, [item.id])).map((m) => m.id));
      const unknown = input.milestones.find((m) => m.id !== undefined && !known.has(m.id));
      if (unknown)
        throw new AppError('VALIDATION_FAILED', 'No such milestone of this item.', {
          issues: [{ path: 'body.milestones', reason: 'reference', message: String(unknown.id) }],
        });
      await repo.replaceMilestones(
        principal.districtCode,
        item.id,
        input.milestones.map((m) => ({
          id: m.id ?? uuidv7(),
          name: m.name,
          target_date: m.targetDate,
          done_on: m.doneOn ?? null,
        })),
      );
    }
    await repo.updateItem(principal.districtCode, item.id, patch);
    const { version: _v, ...changed } = input;
    await audit(trx, actor, {
      action: 'hard_problem.updated',
      result: 'success',
      objectType: 'hard_problem',
      objectId: item.id,
      detail: { version: patch.version, ...changed },
    });
    return { ...item, ...patch };
  });
  return itemView(db, principal, item, now);
}
