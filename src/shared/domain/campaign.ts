import { z } from 'zod';
import { LOCALES } from '../i18n/locales.ts';
import { calendarDaySchema } from '../validation/dates.ts';
import { textSchema } from '../validation/text.ts';
import { campaignWriteUpSchema } from './examples.ts';
import { caseFiguresSchema, visitFiguresSchema } from './figures.ts';

/**
 * Campaigns (issue 12 §6): a named period of Beijing days and a place — "民情双访 2026 秋季, 宁围街道" —
 * whose report reads like the published accounts, every figure from the kept rollups
 * (shared/figures/), with the cases a leader marked as its examples (典型案例).
 */

/** The longest campaign: a year and a day (a leap year's campaign from 1 January to 1 January). */
export const CAMPAIGN_DAYS_MAX = 367;

/** A case named by its number (330109-2026-000123) or its id. */
export const CASE_REF_PATTERN =
  /^(\d{6}-\d{4}-\d{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export const createCampaignSchema = z
  .object({
    name: textSchema(100),
    regionId: z.uuid(),
    /** First and last Beijing day, inclusive. */
    from: calendarDaySchema,
    to: calendarDaySchema,
  })
  .strict();
export type CreateCampaign = z.infer<typeof createCampaignSchema>;

export const campaignListQuerySchema = z
  .object({
    /** Campaigns of this place or below; all in scope when absent. */
    regionId: z.uuid().optional(),
  })
  .strict();

export const markExampleSchema = z
  .object({
    /** The case's number or id. */
    caseRef: z.string().trim().regex(CASE_REF_PATTERN),
    note: textSchema(200).optional(),
  })
  .strict();
export type MarkExample = z.infer<typeof markExampleSchema>;

export const campaignExportQuerySchema = z.object({ lang: z.enum(LOCALES).default('zh-CN') }).strict();

const placeSchema = z.object({ id: z.uuid(), name: z.string(), level: z.string() });

export const campaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  region: placeSchema,
  from: z.string(),
  to: z.string(),
  createdAt: z.string(),
  examples: z.number().int(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListSchema = z.object({ items: z.array(campaignSchema) });

export const campaignExampleSchema = z.object({
  caseId: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  regionName: z.string(),
  note: z.string().nullable(),
  markedAt: z.string(),
});
export type CampaignExample = z.infer<typeof campaignExampleSchema>;

const count = z.number();

/** One row of the report's table by community (the campaign place's child units). */
export const campaignUnitRowSchema = z.object({
  region: placeSchema,
  visits: count,
  householdVisits: count,
  enterpriseVisits: count,
  problemsFound: count,
  solvedOnSpot: count,
  opinionsCollected: count,
  householdsCovered: count,
  householdCoveragePercent: count,
});
export type CampaignUnitRow = z.infer<typeof campaignUnitRowSchema>;

/** One row of the report's table by grid, with the people sent down (下沉) who visited there. */
export const campaignGridRowSchema = z.object({
  region: placeSchema,
  visits: count,
  householdVisits: count,
  enterpriseVisits: count,
  problemsFound: count,
  peopleSentDown: count,
});
export type CampaignGridRow = z.infer<typeof campaignGridRowSchema>;

export const campaignReportSchema = z.object({
  campaign: campaignSchema,
  cases: caseFiguresSchema,
  visits: visitFiguresSchema,
  /** Distinct leaders and cadres sent down who went on a visit of the campaign. */
  peopleSentDown: count,
  byUnit: z.array(campaignUnitRowSchema),
  byGrid: z.array(campaignGridRowSchema),
  examples: z.array(campaignExampleSchema),
  /** Published example write-ups (issue 14 §6) of cases and visits of the campaign's place and period. */
  writeUps: z.array(campaignWriteUpSchema),
});
export type CampaignReport = z.infer<typeof campaignReportSchema>;

/**
 * The report's headline figures, in the order the published accounts give them: the report page,
 * its print view and the XLSX pack all list these. `source` says where the figure's name and
 * definition live: figures.defs.<key> for case and visit figures, campaigns.<key> for the one a
 * campaign adds.
 */
export const CAMPAIGN_HEADLINE = [
  { source: 'visits', key: 'householdVisits' },
  { source: 'visits', key: 'enterpriseVisits' },
  { source: 'visits', key: 'forumAndCollectionVisits' },
  { source: 'visits', key: 'visits' },
  { source: 'visits', key: 'byLeaderOrCadre' },
  { source: 'campaign', key: 'peopleSentDown' },
  { source: 'visits', key: 'problemsFound' },
  { source: 'visits', key: 'opinionsCollected' },
  { source: 'visits', key: 'solvedOnSpot' },
  { source: 'visits', key: 'aidDelivered' },
  { source: 'cases', key: 'passedToStreet' },
  { source: 'cases', key: 'passedToDistrict' },
  { source: 'cases', key: 'received' },
  { source: 'cases', key: 'closed' },
  { source: 'cases', key: 'closureRate' },
  { source: 'cases', key: 'satisfactionRate' },
  { source: 'visits', key: 'householdsCovered' },
  { source: 'visits', key: 'householdCoveragePercent' },
  { source: 'visits', key: 'enterprisesCovered' },
  { source: 'visits', key: 'enterpriseCoveragePercent' },
] as const;
export type CampaignHeadline = (typeof CAMPAIGN_HEADLINE)[number];

/** Whether the figure is a share (shown and exported in per cent). */
export const isPercentFigure = (h: CampaignHeadline): boolean =>
  h.key === 'closureRate' || h.key === 'satisfactionRate' || h.key.endsWith('Percent');

/**
 * A headline figure's value: a count, or a share in per cent (one decimal for rates; coverage is
 * whole per cent already); null for a rate with nothing to divide by.
 */
export function headlineValue(report: CampaignReport, h: CampaignHeadline): number | null {
  if (h.source === 'campaign') return report.peopleSentDown;
  if (h.source === 'visits') return report.visits[h.key];
  const figure = report.cases[h.key];
  if (typeof figure === 'number') return figure;
  return figure.value === null ? null : Math.round(figure.value * 1000) / 10;
}

/** The i18n key of a headline figure's name (`.name`) and definition (`.how`). */
export const headlineMessageKey = (h: CampaignHeadline): string =>
  h.source === 'campaign' ? `campaigns.${h.key}` : `figures.defs.${h.key}`;
