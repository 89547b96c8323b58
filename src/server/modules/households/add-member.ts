import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Member, memberCreateSchema } from '../../../shared/domain/household.ts';
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

type Body = z.output<typeof memberCreateSchema>;

/** Adds a member to a household of the caller's scope; answers the member, masked. */
export async function addMember(ctx: WriteContext, householdId: string, body: Body): Promise<Member> {
  const idNumber = body.idNumber ?? null;
  const phone = body.phone ?? null;
  assertMemberConsistent({ gender: body.gender, birthDate: body.birthDate, idNumber });
  const scope = scopeFor(ctx.principal, 'households:write');
  const id = uuidv7();
  try {
    return await runTransaction(ctx.db, async (trx) => {
      const repo = createHouseholdRepository(trx);
      const h = await repo.findInScope(scope, householdId);
      if (!h) throw new AppError('NOT_FOUND', 'No such household.');
      const sealedId = sealIdNumber(ctx.cipher, idNumber);
      if (sealedId.id_number_hash) await claimIdNumber(repo, h.district_code, sealedId.id_number_hash);
      await repo.insertPerson({
        district_code: h.district_code,
        id,
        household_id: h.id,
        name: body.name,
        gender: body.gender,
        birth_date: body.birthDate,
        relationship: body.relationship,
        ...sealedId,
        ...sealPhone(ctx.cipher, phone),
      });
      await audit(trx, ctx.actor, {
        action: 'member.added',
        result: 'success',
        objectType: 'person',
        objectId: id,
        // Which fields were given, never their values: the log holds no ID numbers or phones.
        detail: { household: h.id, withIdNumber: idNumber !== null, withPhone: phone !== null },
      });
      const row = await repo.findMember(h.district_code, h.id, id);
      return maskedMember(ctx.cipher, row as NonNullable<typeof row>);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateIdNumber();
    throw error;
  }
}
