import type { Writable } from 'node:stream';
// Loaded when a workbook is made or read: ExcelJS alone took most of a second of each start-up.
import type ExcelJS from 'exceljs';
import { INSTRUCTIONS_SHEET, type SheetSpec } from './sheet-spec.ts';

/**
 * A downloadable template: the data sheet with the headers (required ones shaded) and the
 * example rows, and the `说明` sheet describing each column in Chinese and English, then the
 * general rules. Code, ID number and phone columns are text-formatted, because Excel silently
 * rounds an 18-digit number and drops leading zeros.
 */

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

export async function writeTemplate<K extends string>(stream: Writable, spec: SheetSpec<K>): Promise<void> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'MinQing';
  const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.keys.map((key) => ({
    header: spec.columns[key].header,
    key,
    width: spec.widths[key] ?? 14,
    style: spec.textColumns.includes(key) ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  spec.keys.forEach((key, i) => {
    if (!spec.columns[key].required) return;
    header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
  });
  for (const row of spec.examples) sheet.addRow(row);
  // Range validations exist in ExcelJS 4 but are missing from its type declarations.
  const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
  for (const key of spec.keys) {
    const list = spec.lists[key];
    if (!list) continue;
    const letter = sheet.getColumn(key).letter;
    validations.add(`${letter}2:${letter}200000`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
      // A warning, not a stop: the import accepts other spellings too (English level names).
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: spec.columns[key].header,
      error: `请填写：${list.join('、')}`,
    });
  }

  const notes = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  notes.columns = [
    { header: '列名 Column', key: 'header', width: 16 },
    { header: '必填 Required', key: 'required', width: 14 },
    { header: '说明', key: 'zh', width: 70 },
    { header: 'Description', key: 'en', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const key of spec.keys) {
    const c = spec.columns[key];
    notes.addRow({ header: c.header, required: c.required ? '是 yes' : '否 no', zh: c.zh, en: c.en });
  }
  notes.addRow({});
  notes.addRow({ header: '规则 Rules' }).font = { bold: true };
  for (const [zh, en] of spec.notes) notes.addRow({ zh, en });
  notes.getColumn('zh').alignment = { wrapText: true, vertical: 'top' };
  notes.getColumn('en').alignment = { wrapText: true, vertical: 'top' };

  await workbook.xlsx.write(stream);
}
