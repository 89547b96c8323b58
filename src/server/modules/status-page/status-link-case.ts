import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import { createResidentStatusRepository } from '../resident-status/resident-status.repository.ts';
import { statusTokenKey } from '../resident-status/status-token.ts';

/** The one answer for a malformed, unknown or revoked token: nothing tells them apart. */
export const noSuchStatusLink = () =>
  new AppError('STATUS_LINK_NOT_FOUND', 'This status link does not work (any more).');

/** The case a live token opens, in the district the token names; else STATUS_LINK_NOT_FOUND. */
export async function statusLinkCase(
  db: Kysely<DB>,
  token: string,
): Promise<{ districtCode: string; caseId: string }> {
  const key = statusTokenKey(token);
  if (!key) throw noSuchStatusLink();
  const link = await createResidentStatusRepository(db).liveLink(key.districtCode, key.hash);
  if (!link) throw noSuchStatusLink();
  return { districtCode: key.districtCode, caseId: link.case_id };
}
