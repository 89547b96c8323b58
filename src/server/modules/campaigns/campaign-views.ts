import type { Campaign, CampaignExample } from '../../../shared/domain/campaign.ts';
import type { CampaignRow } from './campaigns.repository.ts';

/** A date column as the day it holds (PGlite and pg may hand back a Date at UTC midnight). */
export const dayOf = (value: string | Date): string =>
  typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

export function campaignView(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    region: { id: row.region_id, name: row.region_name, level: row.region_level },
    from: dayOf(row.from_day),
    to: dayOf(row.to_day),
    createdAt: new Date(row.created_at).toISOString(),
    examples: Number(row.examples ?? 0),
  };
}

export function exampleView(row: {
  id: string;
  number: string;
  title: string;
  state: string;
  region_name: string;
  note: string | null;
  marked_at: Date | string;
}): CampaignExample {
  return {
    caseId: row.id,
    number: row.number,
    title: row.title,
    state: row.state,
    regionName: row.region_name,
    note: row.note,
    markedAt: new Date(row.marked_at).toISOString(),
  };
}
