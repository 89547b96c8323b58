import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { CaseQueueQuery } from '../../../shared/domain/case.ts';
import { casesZh } from '../../../shared/i18n/features/cases.ts';
import { cstMinuteText } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import type { AuditActor } from '../audit/audit.ts';
import type { CaseScope } from '../auth/scope.ts';
import { auditListExport, listExportFileName } from '../exports/list-export.ts';
import { type ExportCell, type ExportSheet, writeWorkbook } from '../exports/write-workbook.ts';
import { createCaseReadRepository, type QueueCaller } from './case-read.repository.ts';

/** Rows read per query while streaming. */
const PAGE = 500;
const words = casesZh.cases;

export const CASE_LIST_SHEET: ExportSheet = {
  name: '民情事项',
  columns: [
    { header: '事项编号', width: 20, text: true },
    { header: '标题', width: 40 },
    { header: '状态', width: 10 },
    { header: '类别', width: 16 },
    { header: '诉求类型', width: 10 },
    { header: '紧急程度', width: 10 },
    { header: '来源渠道', width: 12 },
    { header: '发生地', width: 16 },
    { header: '承办单位', width: 20 },
    { header: '登记时间', width: 18 },
    { header: '下一时限', width: 18 },
    { header: '超期', width: 6 },
  ],
};

/** What one export reads: the queue view and filters exactly as the list shows them. */
export interface CaseListExport {
  scope: CaseScope;
  query: Omit<CaseQueueQuery, 'after' | 'limit' | 'page'>;
  caller: QueueCaller;
  regionPath?: string;
  now: Date;
}

/**
 * Audits the export of a case list before a byte leaves (no audit, no export), with the rows the
 * list counts (up to the cap; `rowsCapped` past it). The sheet holds no personal data — no
 * reporter's name or phone — so it needs no approval, like the list itself.
 */
export async function prepareCaseListExport(
  db: Kysely<DB>,
  actor: AuditActor,
  spec: CaseListExport,
): Promise<{ rows: number; fileName: { ascii: string; utf8: string } }> {
  const { total, totalCapped } = await createCaseReadRepository(db).queue(
    spec.scope,
    { ...spec.query, limit: 1 },
    spec.caller,
    spec.now,
    spec.regionPath ? { regionPath: spec.regionPath } : {},
  );
  await auditListExport(db, actor, {
    action: 'export.cases',
    regionId: spec.query.regionId,
    rows: total,
    detail: { rowsCapped: totalCapped, filters: spec.query },
  });
  return { rows: total, fileName: listExportFileName('民情事项', 'cases', spec.now) };
}

async function* caseCells(db: Kysely<DB>, spec: CaseListExport): AsyncGenerator<ExportCell[]> {
  const repo = createCaseReadRepository(db);
  let after: [string, string] | undefined;
  for (;;) {
    const page = await repo.queue(spec.scope, { ...spec.query, limit: PAGE }, spec.caller, spec.now, {
      ...(spec.regionPath ? { regionPath: spec.regionPath } : {}),
      ...(after ? { after } : {}),
    });
    for (const r of page.rows) {
      yield [
        r.number,
        r.title,
        words.states[r.state as keyof typeof words.states] ?? r.state,
        r.category_name,
        words.kinds[r.kind as keyof typeof words.kinds] ?? r.kind,
        words.urgencies[r.urgency as keyof typeof words.urgencies] ?? r.urgency,
        words.channels[r.channel as keyof typeof words.channels] ?? r.channel,
        r.region_name,
        r.department_name ?? r.unit_region_name,
        cstMinuteText(new Date(r.created_at)),
        r.next_due_at ? cstMinuteText(new Date(r.next_due_at)) : null,
        r.overdue ? '是' : '否',
      ];
    }
    const last = page.rows.at(-1);
    if (!page.hasMore || !last) return;
    after = [new Date(last.sort_key).toISOString(), last.id];
  }
}

/** Writes the case list into `out`; resolves with the rows written. */
export function streamCaseListExport(db: Kysely<DB>, spec: CaseListExport, out: Writable): Promise<number> {
  return writeWorkbook(out, CASE_LIST_SHEET, caseCells(db, spec));
}
