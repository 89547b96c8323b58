import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import {
  CAMPAIGN_HEADLINE,
  type CampaignReport,
  headlineMessageKey,
  headlineValue,
  isPercentFigure,
} from '../../../shared/domain/campaign.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import { resources } from '../../../shared/i18n/resources.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { fileDay } from '../exports/list-export.ts';
import { type ExportCell, type ExportSheet, writeWorkbookSheets } from '../exports/write-workbook.ts';

/**
 * The campaign's XLSX report pack (issue 12 §6): one sheet per table of the report — headline
 * figures, by community, by grid with the people sent down, the examples — values only, and the
 * definitions of every figure (names and how each is counted, shared/i18n/features/figures.ts) on
 * the last sheet, all in the caller's language.
 */

/** A message of the shipped catalogue by its dotted key, with {{variables}} filled in. */
function messagesOf(locale: Locale) {
  const catalogue = resources[locale].translation as unknown as Record<string, unknown>;
  return (key: string, vars: Record<string, string> = {}): string => {
    let node: unknown = catalogue;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '');
  };
}

const columns = (headers: readonly string[], widths: readonly number[]) =>
  headers.map((header, i) => ({ header, width: widths[i] ?? 14 }));

/** The pack's sheets, in order (the definitions last), with their rows. */
export function campaignPackSheets(
  report: CampaignReport,
  locale: Locale,
): { sheet: ExportSheet; rows: ExportCell[][] }[] {
  const m = messagesOf(locale);
  const name = (key: string) => m(`${key}.name`);
  const headlineName = (h: (typeof CAMPAIGN_HEADLINE)[number]) => {
    const plain = name(headlineMessageKey(h));
    return isPercentFigure(h) ? m('campaigns.pack.percent', { name: plain }) : plain;
  };
  const { campaign } = report;
  const headline: ExportCell[][] = [
    [m('campaigns.pack.campaign'), campaign.name],
    [m('campaigns.pack.place'), campaign.region.name],
    [m('campaigns.pack.period'), m('campaigns.periodText', { from: campaign.from, to: campaign.to })],
    ...CAMPAIGN_HEADLINE.map((h) => [headlineName(h), headlineValue(report, h)]),
  ];
  const def = (key: string) => name(`figures.defs.${key}`);
  const unitHeaders = [
    m('campaigns.unit'),
    def('visits'),
    def('householdVisits'),
    def('enterpriseVisits'),
    def('problemsFound'),
    def('solvedOnSpot'),
    def('opinionsCollected'),
    def('householdsCovered'),
    m('campaigns.pack.percent', { name: def('householdCoveragePercent') }),
  ];
  const gridHeaders = [
    m('campaigns.grid'),
    def('visits'),
    def('householdVisits'),
    def('enterpriseVisits'),
    def('problemsFound'),
    name('campaigns.peopleSentDown'),
  ];
  const exampleHeaders = [
    m('campaigns.caseNumber'),
    m('campaigns.caseTitle'),
    m('campaigns.casePlace'),
    m('campaigns.caseState'),
    m('campaigns.note'),
  ];
  const defined = [
    ...CAMPAIGN_HEADLINE.map(headlineMessageKey),
    'figures.defs.byForm',
    'figures.defs.attendance',
  ];
  return [
    {
      sheet: {
        name: m('campaigns.pack.headline'),
        columns: columns([m('campaigns.pack.figure'), m('campaigns.pack.value')], [36, 30]),
      },
      rows: headline,
    },
    {
      sheet: { name: m('campaigns.pack.byUnit'), columns: columns(unitHeaders, [20]) },
      rows: report.byUnit.map((u) => [
        u.region.name,
        u.visits,
        u.householdVisits,
        u.enterpriseVisits,
        u.problemsFound,
        u.solvedOnSpot,
        u.opinionsCollected,
        u.householdsCovered,
        u.householdCoveragePercent,
      ]),
    },
    {
      sheet: { name: m('campaigns.pack.byGrid'), columns: columns(gridHeaders, [24]) },
      rows: report.byGrid.map((g) => [
        g.region.name,
        g.visits,
        g.householdVisits,
        g.enterpriseVisits,
        g.problemsFound,
        g.peopleSentDown,
      ]),
    },
    {
      sheet: {
        name: m('campaigns.pack.examples'),
        columns: [
          { header: exampleHeaders[0] as string, width: 22, text: true },
          ...columns(exampleHeaders.slice(1), [40, 20, 12, 40]),
        ],
      },
      rows: report.examples.map((e) => [
        e.number,
        e.title,
        e.regionName,
        m(`cases.states.${e.state}`),
        e.note,
      ]),
    },
    {
      sheet: {
        name: m('campaigns.pack.definitions'),
        columns: columns([m('campaigns.pack.figure'), m('campaigns.pack.how')], [30, 90]),
      },
      rows: [...new Set(defined)].map((key) => [m(`${key}.name`), m(`${key}.how`)]),
    },
  ];
}

/** Audits the download (no audit, no export), then names the file. */
export async function prepareCampaignPack(
  db: Kysely<DB>,
  actor: AuditActor,
  report: CampaignReport,
  locale: Locale,
  now: Date,
): Promise<{ ascii: string; utf8: string }> {
  await runTransaction(db, (trx) =>
    audit(trx, actor, {
      action: 'export.campaign_report',
      result: 'success',
      objectType: 'campaign',
      objectId: report.campaign.id,
      detail: { personal: false, examples: report.examples.length },
    }),
  );
  const day = fileDay(now);
  const utf8Base = resources[locale].translation.campaigns.pack.fileName;
  const title = report.campaign.name.replace(/[\\/:*?"<>|]/g, '_');
  return { utf8: `${utf8Base}-${title}-${day}.xlsx`, ascii: `campaign-report-${day}.xlsx` };
}

export function writeCampaignPack(out: Writable, report: CampaignReport, locale: Locale): Promise<number[]> {
  return writeWorkbookSheets(out, campaignPackSheets(report, locale));
}
