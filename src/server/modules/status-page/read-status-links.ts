import type { Kysely } from 'kysely';
import type { CaseStatusLinks } from '../../../shared/domain/resident-status.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { caseScopeFor } from '../auth/scope.ts';
import { createCaseRepository } from '../cases/cases.repository.ts';
import { createResidentStatusRepository } from '../resident-status/resident-status.repository.ts';

/** How many status links of a case work now, for anyone who reads the case. */
export async function readStatusLinks(
  db: Kysely<DB>,
  principal: Principal,
  caseId: string,
): Promise<CaseStatusLinks> {
  const row = await createCaseRepository(db).findInScope(caseScopeFor(principal), caseId);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  return { live: await createResidentStatusRepository(db).liveLinkCount(row.district_code, row.id) };
}
