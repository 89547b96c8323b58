import type { Kysely } from 'kysely';
import { isGridLevel } from '../../../shared/domain/region.ts';
import { checkTags, type TagDefinition } from '../../../shared/domain/tags.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { phoneLastFour } from '../../../shared/validation/mask.ts';
import type { PiiCipher } from '../../crypto/pii.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../auth/scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { createTagRepository } from '../tags/tags.repository.ts';
import type { EnterpriseRepository } from './enterprises.repository.ts';

/**
 * Checks shared by creating and editing an enterprise. Format (credit code check character,
 * phone, lengths) is the schema's job; these need the database.
 */

/** The grid an enterprise goes in: inside the writer's scope (else 404, like any unseen object) and a grid. */
export async function gridForEnterprise(db: Kysely<DB>, scope: Scope, gridId: string) {
  const region = await createRegionRepository(db).findInScope(scope, gridId);
  if (!region) throw new AppError('NOT_FOUND', 'No such grid.');
  if (!isGridLevel(region.level)) {
    throw new AppError('VALIDATION_FAILED', 'An enterprise belongs to a grid.', {
      issues: [{ path: 'body.gridId', reason: 'level', message: `a ${region.level} is not a grid` }],
    });
  }
  return region;
}

/**
 * Tags against the district's enterprise list. Tags the enterprise already carries stay
 * acceptable even if the list has since retired or dropped them, so an edit of another field
 * never forces anyone to strip an old tag first.
 */
export async function checkEnterpriseTags(
  db: Kysely<DB>,
  districtCode: string,
  tags: readonly string[],
  held: readonly string[] = [],
): Promise<void> {
  const listed = await createTagRepository(db).list(districtCode, 'enterprise');
  const known = new Set(listed.map((d) => d.code));
  const definitions: TagDefinition[] = [
    ...listed.map((d) => (held.includes(d.code) ? { ...d, active: true } : d)),
    ...held
      .filter((code) => !known.has(code))
      .map((code) => ({
        subject: 'enterprise' as const,
        code,
        name: code,
        nameEn: code,
        hasLevel: false,
        marksKey: false,
        active: true,
        sortOrder: 0,
      })),
  ];
  const { problems } = checkTags(definitions, 'enterprise', tags);
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Tags refused: ${problems.join('; ')}.`, {
      issues: problems.map((message) => ({ path: 'body.tags', reason: 'tag', message })),
    });
  }
}

/** A credit code is one enterprise's in the district, including a removed one's (kept on record). */
export async function ensureCreditCodeFree(
  enterprises: EnterpriseRepository,
  districtCode: string,
  creditCode: string,
): Promise<void> {
  const holder = await enterprises.holderOfCreditCode(districtCode, creditCode);
  if (holder) throw duplicateCreditCode(creditCode, holder.removed_at !== null);
}

export function duplicateCreditCode(creditCode: string, removed = false): AppError {
  return new AppError(
    'CONFLICT',
    removed
      ? `The credit code ${creditCode} belongs to a removed enterprise of this district.`
      : `An enterprise with the credit code ${creditCode} is already on record in this district.`,
    { issues: [{ path: 'body.creditCode', reason: 'duplicate', message: 'credit code already on record' }] },
  );
}

/** The contact phone as stored: ciphertext and keyed hash, or nothing. */
export function sealPhone(cipher: PiiCipher, phone: string | null | undefined) {
  return phone
    ? {
        contact_phone_enc: cipher.encrypt(phone),
        contact_phone_hash: cipher.hash(phone),
        contact_phone_last4: phoneLastFour(phone),
      }
    : { contact_phone_enc: null, contact_phone_hash: null, contact_phone_last4: null };
}
