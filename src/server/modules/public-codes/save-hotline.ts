import type { Hotline } from '../../../shared/domain/public-codes.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { pathInScope, scopeFor } from '../auth/scope.ts';
import { createSettingsRepository } from '../system/settings.repository.ts';
import { districtHotline, hotlineKey } from './district-hotline.ts';
import type { PublicCodeContext } from './public-code-context.ts';

/** Sets (or clears, with null) the district's public hotline; a district-wide regions:write only; audited. */
export function saveHotline(ctx: PublicCodeContext, input: Hotline): Promise<Hotline> {
  const district = ctx.principal.districtCode;
  if (!pathInScope(district, scopeFor(ctx.principal, 'regions:write')))
    throw new AppError('FORBIDDEN', 'The hotline is set for the whole district.');
  const hotline = input.hotline?.trim() || null;
  return runTransaction(ctx.db, async (trx) => {
    const before = await districtHotline(trx, district);
    await createSettingsRepository(trx).set(hotlineKey(district), hotline ?? '');
    await audit(trx, ctx.actor, {
      action: 'public_code.hotline_set',
      result: 'success',
      objectType: 'district',
      objectId: district,
      detail: { before, after: hotline },
    });
    return { hotline };
  });
}
