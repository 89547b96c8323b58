import ExcelJS from 'exceljs';
import { COLUMNS, REPORT_SHEET, SUMMARY_SHEET } from './columns.ts';
import type { ImportSummary } from './import-households.ts';

/**
 * The validation report as a workbook: every rejected row with its sheet row number, household
 * code, column, reason code and a Chinese message, and a summary sheet with the counts. It holds
 * no personal data beyond what the staff's own file has (no ID numbers, no phones). Written with
 * the streaming writer: a file that is wrong everywhere has as many report rows as data rows.
 */
export async function writeReport(file: string, summary: ImportSummary): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(REPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '户编号', key: 'household', width: 26 },
    { header: '列', key: 'column', width: 12 },
    { header: '原因代码', key: 'code', width: 30 },
    { header: '说明', key: 'message', width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const issue of summary.issues) {
    sheet
      .addRow({
        row: issue.row,
        household: issue.householdCode ?? '',
        column: issue.column ? COLUMNS[issue.column].header : '',
        code: issue.code,
        message: issue.message,
      })
      .commit();
  }
  sheet.commit();

  const totals = workbook.addWorksheet(SUMMARY_SHEET);
  totals.columns = [
    { header: '项目', key: 'item', width: 24 },
    { header: '户', key: 'households', width: 12 },
    { header: '人', key: 'persons', width: 12 },
  ];
  totals.getRow(1).font = { bold: true };
  totals.getRow(1).commit();
  const { households: h, persons: p } = summary;
  const lines: [string, number | string, number | string][] = [
    ['新增 inserted', h.inserted, p.inserted],
    ['更新 updated', h.updated, p.updated],
    ['未变 unchanged', h.unchanged, p.unchanged],
    ['拒绝 rejected', h.rejected, p.rejected],
    ['文件 file', summary.fileName, ''],
    ['数据行 data rows', summary.rows, ''],
    ['区划代码 district', summary.districtCode ?? '', ''],
  ];
  for (const [item, households, persons] of lines) totals.addRow({ item, households, persons }).commit();
  totals.commit();
  await workbook.commit();
}
