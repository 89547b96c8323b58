import type { Kysely } from 'kysely';
import { CLASSIFIABLE_STATES } from '../../../shared/cases/workflow.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { changeBy, commitCaseChange } from '../cases/case-change.ts';
import { type CaseRow, createCaseRepository } from '../cases/cases.repository.ts';
import { createHardProblemsRepository, type StoredItem } from './hard-problems.repository.ts';
import { editableItem, itemView } from './item-access.ts';

const HARD_PROBLEM = 'hard_problem';

/**
 * Puts one case on an item, in the caller's transaction: the case must be one the caller reaches
 * and one a classification may still change (CLASSIFIABLE_STATES: a rejected or merged case is no
 * problem the district handles); its list type becomes 'hard_problem' through the one case-change
 * path (a `classify` event and audit row naming the item), and the link keeps the type it had.
 */
export async function linkCase(
  trx: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  item: Pick<StoredItem, 'id' | 'title' | 'district_code'>,
  caseId: string,
  now: Date,
): Promise<void> {
  const repo = createHardProblemsRepository(trx);
  const row = await createCaseRepository(trx).lockInScope(caseScopeFor(principal), caseId);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  const existing = await repo.linkOf(principal.districtCode, caseId);
  if (existing)
    throw new AppError('HARD_PROBLEM_CASE_LINKED', `Case ${row.number} is on a hard-problem item already.`, {
      issues: [{ path: 'body.caseIds', reason: 'linked', message: row.number }],
    });
  if (!CLASSIFIABLE_STATES.includes(row.state))
    throw new AppError('CASE_WRONG_STATE', `Case ${row.number} is ${row.state}: it cannot go on the list.`);
  await repo.link({
    district_code: principal.districtCode,
    case_id: caseId,
    item_id: item.id,
    previous_list_type: row.list_type,
    linked_by_name: principal.displayName,
    linked_at: now,
  });
  if (row.list_type === HARD_PROBLEM) return;
  await setListType(trx, principal, actor, row, HARD_PROBLEM, { id: item.id, title: item.title }, now);
}

/** A case's list type changed as a `classify` case change naming the item (event and audit row). */
async function setListType(
  trx: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  row: CaseRow,
  listType: string,
  hardProblem: { id: string; title: string; unlinked?: true },
  now: Date,
): Promise<void> {
  const detail = { from: { listType: row.list_type }, to: { listType }, hardProblem };
  await commitCaseChange(trx, {
    kind: 'update',
    before: row,
    to: row.state,
    action: 'classify',
    by: changeBy(principal, actor),
    now,
    patch: { list_type: listType },
    eventDetail: detail,
    auditDetail: detail,
  });
}

/** Takes a case off its item and gives it back the list type it had, through the same path. */
async function unlinkCase(
  trx: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  item: StoredItem,
  caseId: string,
  now: Date,
): Promise<void> {
  const repo = createHardProblemsRepository(trx);
  const link = await repo.linkOf(principal.districtCode, caseId);
  if (!link || link.item_id !== item.id) throw new AppError('NOT_FOUND', 'The case is not on this item.');
  const row = await createCaseRepository(trx).lockInScope(caseScopeFor(principal), caseId);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  await repo.unlink(principal.districtCode, item.id, caseId);
  if (row.list_type !== HARD_PROBLEM || link.previous_list_type === HARD_PROBLEM) return;
  if (!CLASSIFIABLE_STATES.includes(row.state)) return;
  const hardProblem = { id: item.id, title: item.title, unlinked: true as const };
  await setListType(trx, principal, actor, row, link.previous_list_type, hardProblem, now);
}

/** POST /api/v1/hard-problems/:id/cases and DELETE …/cases/:caseId: one transaction, audited. */
export async function changeItemCases(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  id: string,
  change: { link: readonly string[] } | { unlink: string },
  now: Date,
) {
  const item = await runTransaction(db, async (trx) => {
    const item = await editableItem(trx, principal, id);
    const ids = 'link' in change ? [...new Set(change.link)] : [change.unlink];
    for (const caseId of ids) {
      if ('link' in change) await linkCase(trx, principal, actor, item, caseId, now);
      else await unlinkCase(trx, principal, actor, item, caseId, now);
    }
    await audit(trx, actor, {
      action: 'link' in change ? 'hard_problem.cases_linked' : 'hard_problem.cases_unlinked',
      result: 'success',
      objectType: 'hard_problem',
      objectId: item.id,
      detail: { caseIds: ids },
    });
    return item;
  });
  return itemView(db, principal, item, now);
}
