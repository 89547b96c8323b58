import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { visitsZh } from '../../../shared/i18n/features/visits.ts';
import { cstMinuteText } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { Scope } from '../auth/scope.ts';
import { auditListExport, listExportFileName, periodDetail } from '../exports/list-export.ts';
import { type ExportCell, type ExportSheet, writeWorkbook } from '../exports/write-workbook.ts';
import { visitSummary } from './visit-views.ts';
import { createVisitRepository, type VisitListFilter } from './visits.repository.ts';

/** Rows read per query while streaming. */
const PAGE = 500;
const words = visitsZh.visits;

export const VISIT_LIST_SHEET: ExportSheet = {
  name: '民情日记',
  columns: [
    { header: '走访时间', width: 18 },
    { header: '结束时间', width: 18 },
    { header: '形式', width: 12 },
    { header: '对象类型', width: 10 },
    { header: '走访对象', width: 36 },
    { header: '区域', width: 16 },
    { header: '走访人', width: 24 },
    { header: '夜访', width: 6 },
    { header: '问题数', width: 8 },
  ],
};

type Filter = Omit<VisitListFilter, 'after' | 'limit' | 'offset'>;

/**
 * Audits the export of the visit diary before a byte leaves (no audit, no export). The sheet is
 * what the diary shows — places, addresses, visitors' names — and holds no member's personal
 * data, so it needs no approval.
 */
export async function prepareVisitListExport(
  db: Kysely<DB>,
  actor: AuditActor,
  scope: Scope,
  filter: Filter,
  regionId: string | undefined,
  now: Date,
): Promise<{ rows: number; fileName: { ascii: string; utf8: string } }> {
  const { total, totalCapped } = await createVisitRepository(db).list(scope, { ...filter, limit: 1 });
  await auditListExport(db, actor, {
    action: 'export.visits',
    regionId,
    rows: total,
    detail: { ...periodDetail(filter), ...(totalCapped ? { rowsCapped: true } : {}) },
  });
  return { rows: total, fileName: listExportFileName('民情日记', 'visits', now) };
}

async function* visitCells(
  db: Kysely<DB>,
  scope: Scope,
  householdsRead: Scope,
  filter: Filter,
): AsyncGenerator<ExportCell[]> {
  const repo = createVisitRepository(db);
  let after: [string, string] | undefined;
  for (;;) {
    const page = await repo.list(scope, { ...filter, limit: PAGE, ...(after ? { after } : {}) });
    const visitors = await repo.visitors(
      scope.districtCode,
      page.rows.map((r) => r.id),
    );
    for (const row of page.rows) {
      const v = visitSummary(row, visitors, householdsRead);
      yield [
        cstMinuteText(new Date(v.startedAt)),
        cstMinuteText(new Date(v.endedAt)),
        words.forms[v.form as keyof typeof words.forms] ?? v.form,
        words.targets[v.targetType],
        v.targetName,
        v.regionName,
        v.visitors.map((p) => p.displayName).join('、'),
        v.isNight ? '是' : '否',
        v.caseCount,
      ];
    }
    const last = page.rows.at(-1);
    if (!page.hasMore || !last) return;
    after = [new Date(last.started_at).toISOString(), last.id];
  }
}

/** Writes the diary's visits into `out`; resolves with the rows written. */
export function streamVisitListExport(
  db: Kysely<DB>,
  scope: Scope,
  householdsRead: Scope,
  filter: Filter,
  out: Writable,
): Promise<number> {
  return writeWorkbook(out, VISIT_LIST_SHEET, visitCells(db, scope, householdsRead, filter));
}
