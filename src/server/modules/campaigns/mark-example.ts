import { reaches } from '../../../shared/auth/reach.ts';
import type { MarkExample } from '../../../shared/domain/campaign.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { dateColumn } from '../../db/date-column.ts';
import { runTransaction } from '../../db/retry.ts';
import { audit } from '../audit/audit.ts';
import { caseScopeFor, scopeFor } from '../auth/scope.ts';
import type { CampaignContext } from './campaign-context.ts';
import { createCampaignRepository } from './campaigns.repository.ts';
import { campaignInScope } from './read-campaigns.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks a case as one of a campaign's examples (典型案例), with a short note; marking it again
 * replaces the note. The planner must reach the campaign (visits:plan) and read the case; the case
 * must lie in the campaign's place and have been recorded in its period.
 */
export function markExample(
  ctx: CampaignContext,
  campaignId: string,
  input: MarkExample,
): Promise<{ caseId: string }> {
  return runTransaction(ctx.db, async (trx) => {
    const campaign = await campaignInScope(trx, scopeFor(ctx.principal, 'visits:plan'), campaignId);
    const repo = createCampaignRepository(trx);
    const found = await repo.findCase(
      caseScopeFor(ctx.principal),
      UUID.test(input.caseRef) ? { id: input.caseRef.toLowerCase() } : { number: input.caseRef },
    );
    if (!found) throw new AppError('NOT_FOUND', 'No such case.');
    const day = cstDay(new Date(found.created_at));
    if (
      !reaches(campaign.region_path, found.region_path) ||
      day < dateColumn(campaign.from_day) ||
      day > dateColumn(campaign.to_day)
    )
      throw new AppError('CAMPAIGN_CASE_OUTSIDE', "The case is outside the campaign's place or period.", {
        issues: [{ path: 'caseRef', reason: 'outside_campaign', message: `${found.number} on ${day}` }],
      });
    await repo.upsertExample({
      district_code: ctx.principal.districtCode,
      campaign_id: campaign.id,
      case_id: found.id,
      note: input.note ?? null,
      marked_by: ctx.principal.userId,
      marked_at: ctx.now,
    });
    await audit(trx, ctx.actor, {
      action: 'campaign.example_marked',
      result: 'success',
      objectType: 'campaign',
      objectId: campaign.id,
      detail: { case: found.id, number: found.number },
    });
    return { caseId: found.id };
  });
}

/** Takes a case off a campaign's examples; NOT_FOUND when it was not one. */
export function unmarkExample(ctx: CampaignContext, campaignId: string, caseId: string): Promise<void> {
  return runTransaction(ctx.db, async (trx) => {
    const campaign = await campaignInScope(trx, scopeFor(ctx.principal, 'visits:plan'), campaignId);
    const removed = await createCampaignRepository(trx).deleteExample(
      ctx.principal.districtCode,
      campaign.id,
      caseId,
    );
    if (!removed) throw new AppError('NOT_FOUND', 'The case is not an example of this campaign.');
    await audit(trx, ctx.actor, {
      action: 'campaign.example_unmarked',
      result: 'success',
      objectType: 'campaign',
      objectId: campaign.id,
      detail: { case: caseId },
    });
  });
}
