import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { LeagueRow, PublishedLeague } from '../../../shared/domain/league.ts';
import type { Rate } from '../../../shared/figures/counters.ts';
import { figuresZh } from '../../../shared/i18n/features/figures.ts';
import { leagueZh } from '../../../shared/i18n/features/league.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { type ExportCell, type ExportSheet, writeWorkbook } from '../exports/write-workbook.ts';

const defs = figuresZh.figures.defs;
const own = leagueZh.league;

/** The table's columns, named as the figures are named everywhere else (features/figures.ts). */
const COLUMNS: readonly { header: string; width: number; cell: (r: LeagueRow) => ExportCell }[] = [
  { header: own.rank, width: 8, cell: (r) => r.rank },
  { header: own.name, width: 24, cell: (r) => r.name },
  { header: own.rankChange, width: 10, cell: (r) => r.rankChange },
  { header: own.columns.composite.name, width: 12, cell: (r) => percent(r.score) },
  { header: defs.householdCoveragePercent.name, width: 14, cell: (r) => r.figures.coveragePercent },
  { header: defs.visits.name, width: 10, cell: (r) => r.figures.visits },
  { header: own.columns.workers.name, width: 12, cell: (r) => r.figures.workers },
  { header: own.columns.visitsPerWorker.name, width: 12, cell: (r) => round(r.figures.visitsPerWorker) },
  { header: defs.problemsFound.name, width: 10, cell: (r) => r.figures.problemsFound },
  { header: own.columns.onSpotShare.name, width: 14, cell: (r) => ratePercent(r.figures.onSpotShare) },
  { header: defs.closureRate.name, width: 10, cell: (r) => ratePercent(r.figures.closureRate) },
  { header: defs.onTimeRate.name, width: 12, cell: (r) => ratePercent(r.figures.onTimeRate) },
  { header: defs.satisfactionRate.name, width: 10, cell: (r) => ratePercent(r.figures.satisfactionRate) },
  { header: defs.reopened.name, width: 8, cell: (r) => r.figures.reopened },
  { header: defs.overdue.name, width: 8, cell: (r) => r.figures.overdue },
];

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 10) / 10;
}
/** Per cent with one decimal, as the published accounts print rates. */
function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}
function ratePercent(r: Rate | null): number | null {
  return percent(r?.value ?? null);
}

export const LEAGUE_SHEET: ExportSheet = {
  name: own.title,
  columns: COLUMNS.map(({ header, width }) => ({ header, width })),
};

async function* leagueCells(rows: readonly LeagueRow[]): AsyncGenerator<ExportCell[]> {
  for (const r of rows) yield COLUMNS.map((c) => c.cell(r));
}

/**
 * Audits the download of a published table (it names staff, and every export leaves a row),
 * then names the file: 数据晾晒-<place>-<from>.xlsx.
 */
export async function prepareLeagueExport(
  db: Kysely<DB>,
  actor: AuditActor,
  published: PublishedLeague,
): Promise<{ ascii: string; utf8: string }> {
  await runTransaction(db, (trx) =>
    audit(trx, actor, {
      action: 'export.league_table',
      result: 'success',
      objectType: 'league_table',
      objectId: published.id,
      detail: { rows: published.table.rows.length, personal: false },
    }),
  );
  const from = published.period.from.replaceAll('-', '');
  return {
    utf8: `${own.title}-${published.region.name}-${from}.xlsx`,
    ascii: `league-${published.subjects}-${from}.xlsx`,
  };
}

/** Writes the published table's rows into `out` as one XLSX sheet; resolves with the rows written. */
export function streamLeagueExport(published: PublishedLeague, out: Writable): Promise<number> {
  return writeWorkbook(out, LEAGUE_SHEET, leagueCells(published.table.rows));
}
