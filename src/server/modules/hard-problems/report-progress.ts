import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { type HardProblem, isFinished } from '../../../shared/domain/hard-problem.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { createHardProblemsRepository } from './hard-problems.repository.ts';
import { itemView, mayRead, mayReport } from './item-access.ts';

/**
 * POST /api/v1/hard-problems/:id/notes: progress reported like a case's — a dated note by the
 * owning unit or a leader of the place; the first one moves an open item to in progress. Audited.
 */
export async function reportHardProblemProgress(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  input: { text: string; day?: string | undefined },
  now: Date,
): Promise<HardProblem> {
  const today = cstDay(now);
  if (input.day && input.day > today)
    throw new AppError('VALIDATION_FAILED', 'Progress is reported for a day that has come.', {
      issues: [{ path: 'body.day', reason: 'future', message: 'Not after today.' }],
    });
  const item = await runTransaction(db, async (trx) => {
    const repo = createHardProblemsRepository(trx);
    const item = await repo.lock(principal.districtCode, id);
    if (!item || !mayRead(principal, item)) throw new AppError('NOT_FOUND', 'No such hard-problem item.');
    const owner =
      item.owner_kind === 'region' ? await repo.region(principal.districtCode, item.owner_id) : undefined;
    if (!mayReport(principal, item, owner?.path ?? null))
      throw new AppError('FORBIDDEN', 'Progress is reported by the owning unit or a leader of the place.');
    if (isFinished(item.state)) throw new AppError('HARD_PROBLEM_FINISHED', 'The item is finished.');
    const to = item.state === 'open' ? 'in_progress' : item.state;
    await repo.insertNote({
      district_code: principal.districtCode,
      item_id: item.id,
      id: uuidv7(),
      day: input.day ?? today,
      text: input.text,
      from_state: item.state,
      to_state: to,
      created_by_name: principal.displayName,
      created_at: now,
    });
    const patch = { state: to, version: item.version + 1, updated_at: now };
    await repo.updateItem(principal.districtCode, item.id, patch);
    await audit(trx, actor, {
      action: 'hard_problem.progress_reported',
      result: 'success',
      objectType: 'hard_problem',
      objectId: item.id,
      detail: { day: input.day ?? today, from: item.state, to },
    });
    return { ...item, ...patch };
  });
  return itemView(db, principal, item, now);
}
