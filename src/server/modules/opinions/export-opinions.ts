import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { cstMinuteText } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { auditListExport, listExportFileName, periodDetail } from '../exports/list-export.ts';
import { type ExportCell, type ExportSheet, writeWorkbook } from '../exports/write-workbook.ts';
import { createOpinionRepository, type OpinionListFilter } from './opinions.repository.ts';

const PAGE = 500;

export const OPINION_SHEET: ExportSheet = {
  name: '意见建议',
  columns: [
    { header: '收集时间', width: 20 },
    { header: '区域', width: 20 },
    { header: '意见建议', width: 60 },
    { header: '分类', width: 16 },
    { header: '记录人', width: 12 },
    { header: '转办事项编号', width: 20, text: true },
  ],
};

type Filter = Omit<OpinionListFilter, 'limit' | 'after'>;

/**
 * Audits the export (rows counted first: no audit, no export), then streams the opinions of the
 * filter into `out` as one XLSX sheet, page by page. Opinions hold no personal data, so the file
 * needs no approval; like every export it leaves an audit row.
 */
export async function prepareOpinionExport(
  db: Kysely<DB>,
  actor: AuditActor,
  scope: Scope,
  filter: Filter,
  regionId: string | undefined,
  now: Date,
): Promise<{ rows: number; fileName: { ascii: string; utf8: string } }> {
  const { total } = await createOpinionRepository(db).list(scope, { ...filter, limit: 1 });
  await auditListExport(db, actor, {
    action: 'export.opinions',
    regionId,
    rows: total,
    detail: periodDetail(filter),
  });
  return { rows: total, fileName: listExportFileName('意见建议', 'opinions', now) };
}

async function* opinionCells(db: Kysely<DB>, scope: Scope, filter: Filter): AsyncGenerator<ExportCell[]> {
  const repo = createOpinionRepository(db);
  let after: [string, string] | undefined;
  for (;;) {
    const page = await repo.list(scope, { ...filter, limit: PAGE, ...(after ? { after } : {}) });
    for (const r of page.rows) {
      yield [
        cstMinuteText(new Date(r.recorded_at)),
        r.region_name,
        r.text,
        r.category_name,
        r.recorder_name,
        r.promoted_case_number,
      ];
    }
    const last = page.rows.at(-1);
    if (!page.hasMore || !last) return;
    after = [new Date(last.recorded_at).toISOString(), last.id];
  }
}

/** Writes the opinions into `out`; resolves with the rows written. */
export function streamOpinionExport(
  db: Kysely<DB>,
  scope: Scope,
  filter: Filter,
  out: Writable,
): Promise<number> {
  return writeWorkbook(out, OPINION_SHEET, opinionCells(db, scope, filter));
}
