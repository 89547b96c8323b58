import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { HardProblem } from '../../../shared/domain/hard-problem.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';
import { editableItem, itemView } from './item-access.ts';

/**
 * POST /api/v1/hard-problems/:id/complete: a leader finishes an item — done (solved; it earns
 * its owner `hard_problem_done`, dated now) or closed (off the list unsolved) — with its result,
 * which for a month's topic is the published outcome. Final; a last note records it. Audited.
 */
export async function completeHardProblem(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: { version: number; outcome: 'done' | 'closed'; result: string },
  now: Date,
): Promise<HardProblem> {
  const item = await runTransaction(db, async (trx) => {
    const repo = createHardProblemsRepository(trx);
    const item = await editableItem(trx, principal, id, input.version);
    const patch = {
      state: input.outcome,
      result: input.result,
      finished_at: now,
      version: item.version + 1,
      updated_at: now,
    };
    await repo.insertNote({
      district_code: principal.districtCode,
      item_id: item.id,
      id: uuidv7(),
      day: cstDay(now),
      text: input.result,
      from_state: item.state,
      to_state: input.outcome,
      created_by_name: principal.displayName,
      created_at: now,
    });
    await repo.updateItem(principal.districtCode, item.id, patch);
    await audit(trx, actor, {
      action: 'hard_problem.finished',
      result: 'success',
      objectType: 'hard_problem',
      objectId: item.id,
      detail: { outcome: input.outcome, result: input.result, version: patch.version },
    });
    return { ...item, ...patch };
  });
  return itemView(db, principal, item, now);
}
