import type { ImportRun } from './import-run.ts';
import { REPORT_SHEET, type SheetSpec, SUMMARY_SHEET } from './sheet-spec.ts';

/**
 * The validation report as a workbook: every rejected row with its sheet row number, the record
 * it is about (户编号, 编码, 统一社会信用代码 or 工号), column, reason code and a Chinese message,
 * and a summary sheet with the counts. It holds no personal data beyond what the staff's own file
 * has (no ID numbers, no phones). Written with the streaming writer: a file that is wrong
 * everywhere has as many report rows as data rows.
 */

const RECORD_LABELS: Record<string, string> = {
  households: '户 households',
  persons: '人 persons',
  regions: '区域 regions',
  enterprises: '企业 enterprises',
  staff: '人员 staff',
};

export type ReportInput = Pick<ImportRun, 'issues' | 'counts' | 'fileName' | 'rows' | 'districtCode'>;

export async function writeReport<K extends string>(
  file: string,
  spec: SheetSpec<K>,
  run: ReportInput,
): Promise<void> {
  // Loaded here: ExcelJS alone took most of a second of each start-up.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(REPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: spec.columns[spec.keyColumn].header, key: 'key', width: 26 },
    { header: '列', key: 'column', width: 14 },
    { header: '原因代码', key: 'code', width: 30 },
    { header: '说明', key: 'message', width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const headerOf = (column: string | null) =>
    column === null ? '' : (spec.columns[column as K]?.header ?? column);
  for (const issue of run.issues) {
    sheet
      .addRow({
        row: issue.row,
        key: issue.key ?? '',
        column: headerOf(issue.column),
        code: issue.code,
        message: issue.message,
      })
      .commit();
  }
  sheet.commit();

  const types = Object.keys(run.counts);
  const totals = workbook.addWorksheet(SUMMARY_SHEET);
  totals.columns = [
    { header: '项目', key: 'item', width: 24 },
    ...types.map((type) => ({ header: RECORD_LABELS[type] ?? type, key: type, width: 16 })),
  ];
  totals.getRow(1).font = { bold: true };
  totals.getRow(1).commit();
  const line = (item: string, pick: (type: string) => number | string) =>
    totals.addRow({ item, ...Object.fromEntries(types.map((t) => [t, pick(t)])) }).commit();
  const countsLine = (item: string, key: 'inserted' | 'updated' | 'unchanged' | 'rejected') =>
    line(item, (t) => run.counts[t]?.[key] ?? 0);
  countsLine('新增 inserted', 'inserted');
  countsLine('更新 updated', 'updated');
  countsLine('未变 unchanged', 'unchanged');
  countsLine('拒绝 rejected', 'rejected');
  const first = types[0];
  const single = (item: string, value: number | string) => line(item, (t) => (t === first ? value : ''));
  single('文件 file', run.fileName);
  single('数据行 data rows', run.rows);
  single('区划代码 district', run.districtCode ?? '');
  single('问题 issues', run.issues.length);
  totals.commit();
  await workbook.commit();
}
