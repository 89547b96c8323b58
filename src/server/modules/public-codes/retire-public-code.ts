import type { RetireCodeResult } from '../../../shared/domain/public-codes.ts';
import { publicCodePath } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { codeInScope } from './code-in-scope.ts';
import { issuePublicCode } from './issue-public-code.ts';
import type { PublicCodeContext } from './public-code-context.ts';
import { createPublicCodeRepository } from './public-codes.repository.ts';

/**
 * Retires a live code (a poster torn down, a code copied where it should not be), and with
 * `replace` issues the place a new one at once. The old code keeps resolving, as retired and
 * naming its replacement, so a resident with an old poster is told where to go. Audited.
 */
export function retirePublicCode(
  ctx: PublicCodeContext,
  text: string,
  input: { replace: boolean },
): Promise<RetireCodeResult> {
  const district = ctx.principal.districtCode;
  return runTransaction(ctx.db, async (trx) => {
    const old = await codeInScope(trx, ctx.principal, 'regions:write', text);
    if (old.retired_at !== null) throw new AppError('CONFLICT', 'The code is retired already.');
    const repo = createPublicCodeRepository(trx);
    // Retired first: the place then has no live code, so the replacement can be issued.
    const retired = await repo.retireCode(district, old.code, {
      retired_at: ctx.now,
      retired_by: ctx.principal.userId,
      replaced_by: null,
    });
    // Another retirement of the same code won the row meanwhile.
    if (!retired) throw new AppError('CONFLICT', 'The code is retired already.');
    let replacement: RetireCodeResult['replacedBy'] = null;
    if (input.replace) {
      const place = { districtCode: district, regionId: old.region_id, estateId: old.estate_id };
      const issued = await issuePublicCode(trx, ctx.actor, ctx.principal.userId, place, ctx.now);
      await repo.setReplacement(district, old.code, issued.code);
      replacement = {
        code: issued.code,
        url: `${ctx.origin}${publicCodePath(issued.code)}`,
        regionId: old.region_id,
        estateId: old.estate_id,
        createdAt: issued.createdAt.toISOString(),
      };
    }
    await audit(trx, ctx.actor, {
      action: 'public_code.retired',
      result: 'success',
      objectType: old.estate_id ? 'estate' : 'region',
      objectId: old.estate_id ?? old.region_id,
      detail: { code: old.code, replacedBy: replacement?.code ?? null },
    });
    return { retired: old.code, replacedBy: replacement };
  });
}
