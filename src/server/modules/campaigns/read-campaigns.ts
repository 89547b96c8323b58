import type { Kysely } from 'kysely';
import type { Campaign } from '../../../shared/domain/campaign.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import type { DB } from '../../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { type Scope, scopeForAll } from '../auth/scope.ts';
import { regionInScope } from '../regions/region-in-scope.ts';
import { createRegionRepository } from '../regions/regions.repository.ts';
import { campaignView } from './campaign-views.ts';
import { type CampaignRow, createCampaignRepository } from './campaigns.repository.ts';

/** A campaign's report holds case and visit figures: it is read where both are (as GET /api/v1/figures). */
export const campaignReadScope = (principal: Principal): Scope =>
  scopeForAll(principal, ['cases:read', 'visits:read']);

const LIST_MAX = 200;

export async function listCampaigns(
  db: Kysely<DB>,
  principal: Principal,
  regionId: string | undefined,
): Promise<Campaign[]> {
  const scope = campaignReadScope(principal);
  const path = regionId ? (await regionInScope(createRegionRepository(db), scope, regionId)).path : null;
  return (await createCampaignRepository(db).list(scope, path, LIST_MAX)).map(campaignView);
}

/** The campaign if the scope reaches its place; NOT_FOUND, as for an unknown id, otherwise. */
export async function campaignInScope(db: Kysely<DB>, scope: Scope, id: string): Promise<CampaignRow> {
  const row = await createCampaignRepository(db).find(scope, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such campaign.');
  return row;
}
