import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { buildIdCardNumber } from '../../../shared/validation/id-card.ts';
import { COLUMN_KEYS, COLUMNS, type ColumnKey, DATA_SHEET, INSTRUCTIONS_SHEET } from './columns.ts';

/**
 * The downloadable template: the `住户成员` sheet with the headers and one example household, and
 * the `说明` sheet describing each column in Chinese and English. ID numbers and phones are
 * text-formatted columns, because Excel silently rounds an 18-digit number.
 */

// The demo street's first grid, so the example imports as-is into the demo.
export const EXAMPLE_GRID_CODE = '330109013002-G01';

type ExampleRow = Record<ColumnKey, string>;

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

function exampleRows(gridCode: string): ExampleRow[] {
  const household = {
    household_code: 'EXAMPLE-0001',
    grid_code: gridCode,
    address: '萧山区宁围街道振宁社区示例花园1幢1单元101室',
    estate: '示例花园',
    building: '1幢',
    unit: '1单元',
    room: '101室',
    tags: '低保、残疾',
  };
  // Sequence parity is the gender: odd for men, even for women.
  return [
    {
      ...household,
      name: '张建国',
      gender: '男',
      birth_date: '1968-03-15',
      relationship: '户主',
      id_number: buildIdCardNumber('330109', '1968-03-15', 31),
      phone: '13812345678',
    },
    {
      ...household,
      name: '李美华',
      gender: '女',
      birth_date: '1970-08-02',
      relationship: '配偶',
      id_number: buildIdCardNumber('330109', '1970-08-02', 42),
      phone: '13912345678',
    },
    {
      ...household,
      name: '张晓明',
      gender: '男',
      birth_date: '2001-11-20',
      relationship: '子',
      id_number: buildIdCardNumber('330109', '2001-11-20', 17),
      phone: '',
    },
  ];
}

const GENERAL_NOTES: [string, string][] = [
  [
    '每行一名成员；同一户的成员各占一行，并重复填写该户的户信息列（户编号至户标签）。',
    'One row per person; each member of a household repeats the household columns (户编号 to 户标签).',
  ],
  [
    '同一户编号以首次出现的行为准；后续行的户信息与之不一致时，该行报错。',
    'The first row of a household code wins; a later row whose household columns differ is an error.',
  ],
  [
    '一户中任何一行有错误，整户都不导入，以免只导入一半；其他户照常导入。',
    'A household with any rejected row is not imported at all (never half-imported); other households are.',
  ],
  [
    '再次导入同一文件不会产生变化：户按户编号、成员按身份证号（无身份证号的按户编号+姓名+出生日期）更新。',
    'Importing the same file again changes nothing: households match by code, members by ID number (without one: household + name + birth date).',
  ],
  [
    '一个文件只能包含同一个区的网格。也可以导入表头相同的 CSV 文件（UTF-8 或 GBK 编码）。',
    'A file holds grids of one district only. A CSV file with the same header row (UTF-8 or GBK) is accepted too.',
  ],
  [
    '导入后会生成“导入校验报告”，列出每一个未导入的行及原因。请在导入前删除示例行。',
    'Each import produces a validation report naming every row not imported and why. Delete the example rows before importing.',
  ],
];

export async function writeTemplate(stream: Writable, options: { gridCode?: string } = {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MinQing';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMN_KEYS.map((key) => ({
    header: COLUMNS[key].header,
    key,
    width: key === 'address' ? 44 : key === 'id_number' ? 22 : key === 'household_code' ? 20 : 14,
    style: key === 'id_number' || key === 'phone' || key === 'household_code' ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  COLUMN_KEYS.forEach((key, i) => {
    if (!COLUMNS[key].required) return;
    header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
  });
  for (const row of exampleRows(options.gridCode ?? EXAMPLE_GRID_CODE)) sheet.addRow(row);
  const genderColumn = sheet.getColumn('gender').letter;
  // Range validations exist in ExcelJS 4 but are missing from its type declarations.
  const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
  validations.add(`${genderColumn}2:${genderColumn}200000`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"男,女"'],
    showErrorMessage: true,
    errorTitle: '性别',
    error: '请填写“男”或“女”',
  });

  const notes = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  notes.columns = [
    { header: '列名 Column', key: 'header', width: 14 },
    { header: '必填 Required', key: 'required', width: 14 },
    { header: '说明', key: 'zh', width: 70 },
    { header: 'Description', key: 'en', width: 70 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const key of COLUMN_KEYS) {
    const c = COLUMNS[key];
    notes.addRow({ header: c.header, required: c.required ? '是 yes' : '否 no', zh: c.zh, en: c.en });
  }
  notes.addRow({});
  notes.addRow({ header: '规则 Rules' }).font = { bold: true };
  for (const [zh, en] of GENERAL_NOTES) notes.addRow({ zh, en });
  notes.getColumn('zh').alignment = { wrapText: true, vertical: 'top' };
  notes.getColumn('en').alignment = { wrapText: true, vertical: 'top' };

  await workbook.xlsx.write(stream);
}
