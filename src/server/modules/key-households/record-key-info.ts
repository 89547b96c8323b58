import { v7 as uuidv7 } from 'uuid';
import type { KeyRecordInput } from '../../../shared/domain/key-household.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { createKeyHouseholdRepository } from './key-households.repository.ts';
import { type KeyWriteContext, notKey, writableHousehold } from './key-write-context.ts';

/**
 * Adds a "五个要" record to a key household (the newest is the current picture); returns its id. A
 * visit records it in its own transaction and names itself as the record's visit.
 */
export async function recordKeyInfo(
  ctx: KeyWriteContext,
  householdId: string,
  body: KeyRecordInput,
  options: { visitId?: string } = {},
): Promise<string> {
  return runTransaction(ctx.db, async (trx) => {
    const h = await writableHousehold(trx, ctx.principal, householdId);
    if (!h.is_key) throw notKey();
    const id = uuidv7();
    await createKeyHouseholdRepository(trx).insertRecord({
      district_code: h.district_code,
      id,
      household_id: h.id,
      basic_situation: body.basicSituation,
      living_conditions: body.livingConditions,
      state_of_mind: body.stateOfMind,
      contact: body.contact,
      help_in_place: body.helpInPlace,
      recorded_by: ctx.principal.userId,
      recorded_at: new Date(),
      visit_id: options.visitId ?? null,
    });
    await audit(trx, ctx.actor, {
      action: 'key_household.recorded',
      result: 'success',
      objectType: 'key_household_record',
      objectId: id,
      detail: { household: h.id, ...(options.visitId ? { visit: options.visitId } : {}) },
    });
    return id;
  });
}
