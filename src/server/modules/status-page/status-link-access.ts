import type { Kysely } from 'kysely';
import { mayFire } from '../../../shared/cases/workflow.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { caseActor } from '../cases/case-actor.ts';
import { type CaseRow, createCaseRepository } from '../cases/cases.repository.ts';

/**
 * The case whose status links a member of staff manages, locked: in their case scope (else
 * NOT_FOUND, as for any case), and only for those who own what the resident is told — the
 * dispatchers over it and its first responder, who may send progress notices (workflow.ts).
 */
export async function lockCaseForStatusLinks(
  trx: Kysely<DB>,
  principal: Principal,
  caseId: string,
): Promise<CaseRow> {
  const row = await createCaseRepository(trx).lockInScope(caseScopeFor(principal), caseId);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  if (!mayFire('progress_notice', caseActor(principal, row)))
    throw new AppError(
      'FORBIDDEN',
      "Only the case's dispatchers and first responder manage its status links.",
    );
  return row;
}
