import { COLUMNS, type ColumnKey } from './columns.ts';

/**
 * Why a row was rejected: a stable English reason code (clients, tests and the report's users
 * filter on it; append new codes, never rename one) and a message in Chinese for the staff who
 * fix the file.
 */
export interface ImportIssue {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  householdCode: string | null;
  column: ColumnKey | null;
  code: string;
  message: string;
}

const header = (column: ColumnKey) => COLUMNS[column].header;
const rowList = (rows: readonly number[]) => rows.map((r) => `第 ${r} 行`).join('、');

/** Builders of each reason: `code` is the stable part, `message` says it in Chinese. */
export const reasons = {
  required: (column: ColumnKey) => ({ code: `${column}.required`, message: `${header(column)}不能为空。` }),
  tooLong: (column: ColumnKey) => ({
    code: `${column}.too_long`,
    message: `${header(column)}超过 ${COLUMNS[column].maxLength} 个字符。`,
  }),
  householdCodeFormat: () => ({
    code: 'household_code.format',
    message: '户编号不能包含空格或换行等空白字符。',
  }),
  householdConflict: (column: ColumnKey, firstRow: number) => ({
    code: 'household.conflict',
    message: `与同一户编号首次出现的第 ${firstRow} 行的${header(column)}不一致（户信息以首次出现的行为准）。`,
  }),
  householdRejected: (rows: readonly number[]) => ({
    code: 'household.rejected',
    message: `同户的${rowList(rows.slice(0, 5))}${rows.length > 5 ? '等' : ''}有错误，整户未导入。`,
  }),
  gridUnknown: (code: string) => ({
    code: 'grid_code.unknown',
    message: `网格编码“${code}”不存在（须为本区一个网格的编码）。`,
  }),
  genderInvalid: () => ({ code: 'gender.invalid', message: '性别须填写“男”或“女”。' }),
  birthDateInvalid: () => ({
    code: 'birth_date.invalid',
    message: '出生日期不是有效日期，格式应为 YYYY-MM-DD（如 1985-07-14）。',
  }),
  birthDateFuture: () => ({ code: 'birth_date.future', message: '出生日期晚于今天。' }),
  birthDateTooEarly: () => ({ code: 'birth_date.too_early', message: '出生日期早于 1900 年。' }),
  birthDateMismatch: (fromId: string) => ({
    code: 'birth_date.id_number_mismatch',
    message: `出生日期与身份证号中的出生日期（${fromId}）不一致。`,
  }),
  genderMismatch: (fromId: 'M' | 'F') => ({
    code: 'gender.id_number_mismatch',
    message: `性别与身份证号不一致（身份证号第 17 位表示${fromId === 'M' ? '男' : '女'}）。`,
  }),
  idNumberNotText: () => ({
    code: 'id_number.not_text',
    message: '身份证号是数字格式的单元格，末几位可能已丢失；请把该列设为文本格式后重新填写。',
  }),
  idNumberFormat: () => ({
    code: 'id_number.format',
    message: '身份证号应为 17 位数字加 1 位数字或 X。',
  }),
  idNumberArea: () => ({
    code: 'id_number.area',
    message: '身份证号的前两位不是有效的省级行政区划代码。',
  }),
  idNumberBirthDate: () => ({
    code: 'id_number.birth_date',
    message: '身份证号中的出生日期无效（不存在、早于 1900 年或晚于今天）。',
  }),
  idNumberCheckDigit: () => ({
    code: 'id_number.check_digit',
    message: '身份证号校验位不正确（可能有输错的数字）。',
  }),
  idNumberDuplicate: (rows: readonly number[]) => ({
    code: 'id_number.duplicate_in_file',
    message: `同一身份证号在文件中出现多次（${rowList(rows)}）。`,
  }),
  personDuplicate: (rows: readonly number[]) => ({
    code: 'person.duplicate_in_file',
    message: `同一户内有姓名和出生日期都相同、且没有身份证号的成员（${rowList(rows)}）。`,
  }),
  phoneInvalid: () => ({
    code: 'phone.invalid',
    message: '手机号应为 13–19 开头的 11 位数字（可带 +86）。',
  }),
} as const;

export type Reason = { code: string; message: string };
