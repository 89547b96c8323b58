import { v7 as uuidv7 } from 'uuid';
import { CAMPAIGN_DAYS_MAX, type CreateCampaign } from '../../../shared/domain/campaign.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { DAY_MS } from '../../../shared/time/china-time.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { scopeFor } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import type { CampaignContext } from './campaign-context.ts';
import { createCampaignRepository } from './campaigns.repository.ts';

/** Days from `from` to `to` inclusive (both YYYY-MM-DD). */
const daysIn = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;

/** A campaign of a place the planner's scope reaches (visits:plan), for a period of Beijing days. */
export function createCampaign(ctx: CampaignContext, input: CreateCampaign): Promise<{ id: string }> {
  const days = daysIn(input.from, input.to);
  if (days < 1 || days > CAMPAIGN_DAYS_MAX)
    throw new AppError(
      'CAMPAIGN_PERIOD_INVALID',
      'A campaign runs from its first day to its last, at most a year.',
      {
        issues: [{ path: 'to', reason: days < 1 ? 'before_from' : 'too_long', message: `${days} days` }],
      },
    );
  const scope = scopeFor(ctx.principal, 'visits:plan');
  return runTransaction(ctx.db, async (trx) => {
    const region = await regionInScope(createRegionRepository(trx), scope, input.regionId);
    const id = uuidv7();
    await createCampaignRepository(trx).insert({
      district_code: ctx.principal.districtCode,
      id,
      name: input.name,
      region_id: region.id,
      from_day: input.from,
      to_day: input.to,
      created_by: ctx.principal.userId,
    });
    await audit(trx, ctx.actor, {
      action: 'campaign.created',
      result: 'success',
      objectType: 'campaign',
      objectId: id,
      detail: { region: region.id, from: input.from, to: input.to },
    });
    return { id };
  });
}
