import type { Campaign, CampaignExample } from '../../../shared/domain/campaign.ts';
import { dateColumn } from '../../db/date-column.ts';
import type { CampaignRow } from './campaigns.repository.ts';

export function campaignView(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    region: { id: row.region_id, name: row.region_name, level: row.region_level },
    from: dateColumn(row.from_day),
    to: dateColumn(row.to_day),
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
