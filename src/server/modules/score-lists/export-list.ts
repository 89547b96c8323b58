import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { ScoreList } from '../../../shared/domain/score-lists.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { scoreListsZh } from '../../../shared/i18n/features/score-lists.ts';
import { runTransaction } from '../../db/retry.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditActor, audit } from '../audit/audit.ts';
import { type ExportCell, type ExportSheet, writeWorkbook } from '../exports/write-workbook.ts';

const own = scoreListsZh.scoreLists;

type Item = ScoreList['items'][number];
const COLUMNS: readonly { header: string; width: number; cell: (r: Item, n: number) => ExportCell }[] = [
  { header: own.columns.number, width: 6, cell: (_, n) => n },
  { header: own.columns.subject, width: 24, cell: (r) => r.subjectName },
  { header: own.columns.kind, width: 10, cell: (r) => own.subjectKinds[r.subjectKind] },
  { header: own.columns.score, width: 10, cell: (r) => r.scoreCp / 100 },
  { header: own.columns.rank, width: 8, cell: (r) => r.rank },
  { header: own.columns.text, width: 80, cell: (r) => r.text },
];

export const SCORE_LIST_SHEET: ExportSheet = {
  name: own.title,
  columns: COLUMNS.map(({ header, width }) => ({ header, width })),
};

async function* listCells(items: readonly Item[]): AsyncGenerator<ExportCell[]> {
  let n = 0;
  for (const r of items) {
    n += 1;
    yield COLUMNS.map((c) => c.cell(r, n));
  }
}

/**
 * Audits the download of a published list (it names units and cadres; every export leaves a row)
 * and names the file after the list's title. A draft is not exported (409): it is not a list yet.
 */
export async function prepareScoreListExport(
  db: Kysely<DB>,
  actor: AuditActor,
  list: ScoreList,
): Promise<{ ascii: string; utf8: string }> {
  if (list.state !== 'published') throw new AppError('CONFLICT', 'Only a published list is exported.');
  await runTransaction(db, (trx) =>
    audit(trx, actor, {
      action: 'export.score_list',
      result: 'success',
      objectType: 'score_list',
      objectId: list.id,
      detail: { kind: list.kind, rows: list.items.length, personal: false },
    }),
  );
  const from = list.period.from.replaceAll('-', '');
  return { utf8: `${list.title}.xlsx`, ascii: `${list.kind}-list-${from}.xlsx` };
}

/** Writes the list's entries into `out` as one XLSX sheet; resolves with the rows written. */
export function streamScoreListExport(list: ScoreList, out: Writable): Promise<number> {
  return writeWorkbook(out, SCORE_LIST_SHEET, listCells(list.items));
}
