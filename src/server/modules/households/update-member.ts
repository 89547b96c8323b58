import type { z } from 'zod';
import {
  type Member,
  type memberPatchSchema,
  RELATIONSHIP_VALUES,
} from '../../../shared/domain/household.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { isUniqueViolation } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { maskedMember } from './household-detail.ts';
import { createHouseholdRepository } from './households.repository.ts';
import {
  assertMemberConsistent,
  claimIdNumber,
  duplicateIdNumber,
  sealIdNumber,
  sealPhone,
} from './member-input.ts';
import type { WriteContext } from './write-context.ts';

type Body = z.output<typeof memberPatchSchema>;

/**
 * Changes a member's fields; null clears the ID number or phone. The member as it will be must
 * still be consistent (birth date and gender agree with the ID number), so a change to one is
 * checked against the others on record.
 */
export async function updateMember(
  ctx: WriteContext,
  householdId: string,
  memberId: string,
  body: Body,
): Promise<Member> {
  const scope = scopeFor(ctx.principal, 'households:write');
  try {
    return await runTransaction(ctx.db, async (trx) => {
      const repo = createHouseholdRepository(trx);
      const h = await repo.findInScope(scope, householdId);
      const current = h ? await repo.findMember(h.district_code, h.id, memberId) : undefined;
      if (!h || !current) throw new AppError('NOT_FOUND', 'No such member.');
      if (
        body.relationship !== undefined &&
        body.relationship !== current.relationship &&
        !(RELATIONSHIP_VALUES as readonly string[]).includes(body.relationship)
      ) {
        throw new AppError('VALIDATION_FAILED', 'Unknown relationship.', {
          issues: [
            { path: 'body.relationship', reason: 'relationship', message: 'not a listed relationship' },
          ],
        });
      }
      const idNumber =
        body.idNumber !== undefined
          ? body.idNumber
          : current.id_number_enc
            ? ctx.cipher.decrypt(current.id_number_enc)
            : null;
      assertMemberConsistent({
        gender: body.gender ?? current.gender,
        birthDate: body.birthDate ?? current.birth_date,
        idNumber,
      });
      const changes: Parameters<typeof repo.updatePerson>[2] = {};
      if (body.name !== undefined) changes.name = body.name;
      if (body.gender !== undefined) changes.gender = body.gender;
      if (body.birthDate !== undefined) changes.birth_date = body.birthDate;
      if (body.relationship !== undefined) changes.relationship = body.relationship;
      if (body.idNumber !== undefined) {
        const sealed = sealIdNumber(ctx.cipher, body.idNumber);
        if (sealed.id_number_hash)
          await claimIdNumber(repo, h.district_code, sealed.id_number_hash, current.id);
        Object.assign(changes, sealed);
      }
      if (body.phone !== undefined) Object.assign(changes, sealPhone(ctx.cipher, body.phone));
      await repo.updatePerson(h.district_code, current.id, changes);
      await audit(trx, ctx.actor, {
        action: 'member.updated',
        result: 'success',
        objectType: 'person',
        objectId: current.id,
        detail: { household: h.id, fields: Object.keys(body) },
      });
      const row = await repo.findMember(h.district_code, h.id, current.id);
      return maskedMember(ctx.cipher, row as NonNullable<typeof row>);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateIdNumber();
    throw error;
  }
}
