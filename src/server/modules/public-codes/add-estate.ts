import { v7 as uuidv7 } from 'uuid';
import type { Estate, EstateInput } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { uniqueOr } from '../../db/db-errors.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { estateView, gridInScope, type PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/** Refuses a second live estate of the same name in a grid (the index would too, less clearly). */
export async function refuseTakenEstateName(
  repo: ReturnType<typeof createPublicCodeRepository>,
  districtCode: string,
  gridId: string,
  name: string,
  exceptId: string | null,
): Promise<void> {
  if (await repo.estateNameTaken(districtCode, gridId, name, exceptId)) throw estateNameTaken(name);
}

/** 409: another estate of the grid has the name (read before, or taken meanwhile). */
export const estateNameTaken = (name: string) =>
  new AppError('CONFLICT', `The grid already has an estate named ${name}.`);

/** Adds an estate (小区) to a grid; audited. */
export function addEstate(ctx: PublicCodeContext, gridId: string, input: EstateInput): Promise<Estate> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const grid = await gridInScope(trx, ctx.principal, 'regions:write', gridId);
    const repo = createPublicCodeRepository(trx);
    await refuseTakenEstateName(repo, district, grid.id, input.name, null);
    const id = uuidv7();
    const row = { id, grid_id: grid.id, name: input.name, address: input.address || null };
    await uniqueOr(
      repo.insertEstate({ district_code: district, ...row, created_at: ctx.now, updated_at: ctx.now }),
      () => estateNameTaken(input.name),
    );
    await audit(trx, ctx.actor, {
      action: 'estate.created',
      result: 'success',
      objectType: 'estate',
      objectId: id,
      detail: { grid: grid.id, name: input.name, address: row.address },
    });
    return estateView(trx, district, row);
  });
}
