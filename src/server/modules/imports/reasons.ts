import type { RegionLevel } from '../../../shared/domain/region.ts';
import type { Column } from './sheet-spec.ts';

/**
 * Why a row was rejected: a stable English reason code (clients, tests and the report's users
 * filter on it; append new codes, never rename one) and a message in Chinese for the staff who
 * fix the file. Codes are `<column key>.<problem>` where a column is to blame.
 */
export interface ImportIssue {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  /** The record the row is about: household code, region code, credit code or staff number. */
  key: string | null;
  /** The column key (`id_number`), or null when the row is rejected for another row's fault. */
  column: string | null;
  code: string;
  message: string;
}

export type Reason = { code: string; message: string };

type ColumnRef = Pick<Column, 'key' | 'header' | 'maxLength'>;

const rowList = (rows: readonly number[]) => rows.map((r) => `第 ${r} 行`).join('、');
const someRows = (rows: readonly number[]) => `${rowList(rows.slice(0, 5))}${rows.length > 5 ? '等' : ''}`;

export const LEVEL_NAMES: Record<RegionLevel, string> = {
  district: '区（县）',
  street: '街道（镇、乡）',
  community: '社区（村）',
  grid: '网格',
  micro_grid: '微网格',
};

/** Builders of each reason: `code` is the stable part, `message` says it in Chinese. */
export const reasons = {
  required: (column: ColumnRef) => ({
    code: `${column.key}.required`,
    message: `${column.header}不能为空。`,
  }),
  tooLong: (column: ColumnRef) => ({
    code: `${column.key}.too_long`,
    message: `${column.header}超过 ${column.maxLength} 个字符。`,
  }),
  /** NUL, other control characters or broken UTF-16 (the one text rule, shared/validation/text.ts). */
  controlCharacters: (column: ColumnRef) => ({
    code: `${column.key}.control_characters`,
    message: `${column.header}含有控制字符或无法识别的字符。`,
  }),
  duplicateInFile: (column: ColumnRef, rows: readonly number[]) => ({
    code: `${column.key}.duplicate_in_file`,
    message: `同一${column.header}在文件中出现多次（${rowList(rows)}），这些行都未导入。`,
  }),
  householdCodeFormat: () => ({
    code: 'household_code.format',
    message: '户编号不能包含空格或换行等空白字符。',
  }),
  householdConflict: (column: ColumnRef, firstRow: number) => ({
    code: 'household.conflict',
    message: `与同一户编号首次出现的第 ${firstRow} 行的${column.header}不一致（户信息以首次出现的行为准）。`,
  }),
  householdRejected: (rows: readonly number[]) => ({
    code: 'household.rejected',
    message: `同户的${someRows(rows)}有错误，整户未导入。`,
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
  /** A position is both coordinates or none. */
  positionIncomplete: (missing: ColumnRef, given: ColumnRef) => ({
    code: 'position.incomplete',
    message: `填写了${given.header}但${missing.header}为空：纬度和经度须同时填写或同时留空。`,
  }),
  coordinateInvalid: (column: ColumnRef, range: number) => ({
    code: `${column.key}.invalid`,
    message: `${column.header}应为 -${range} 至 ${range} 之间的数字，最多 6 位小数。`,
  }),
  phoneInvalid: (column: ColumnRef = { key: 'phone', header: '手机号' }) => ({
    code: `${column.key}.invalid`,
    message: `${column.header}应为 13–19 开头的 11 位数字（可带 +86）。`,
  }),

  // Tags, checked against the district's tag list (系统设置 → 标签).
  tagUnknown: (tag: string, list: string) => ({
    code: 'tags.unknown',
    message: `标签“${tag}”不在本区的${list}标签列表中（可在“标签”设置中查看或添加）。`,
  }),
  tagInactive: (tag: string) => ({ code: 'tags.inactive', message: `标签“${tag}”已停用。` }),
  tagLevelRequired: (tag: string) => ({
    code: 'tags.level_required',
    message: `标签“${tag}”须注明等级 1–4，写作“${tag}(2)”或“${tag}:2”。`,
  }),
  tagLevelInvalid: (tag: string, level: string) => ({
    code: 'tags.level_invalid',
    message: `标签“${tag}”的等级“${level}”无效，应为 1–4。`,
  }),
  tagLevelNotAllowed: (tag: string) => ({
    code: 'tags.level_not_allowed',
    message: `标签“${tag}”没有等级，请去掉括号或冒号后的内容。`,
  }),
  tagInvalid: (detail: string) => ({ code: 'tags.invalid', message: `标签有误：${detail}。` }),

  // The hierarchy.
  levelInvalid: (value: string) => ({
    code: 'level.invalid',
    message: `层级“${value}”无效，应为 区、街道、镇、乡、社区、村、网格、微网格 之一（或 district、street、community、grid、micro_grid）。`,
  }),
  codeFormat: (level: RegionLevel, districtCode: string | null) => ({
    code: 'code.format',
    message:
      level === 'district'
        ? '区（县）编码应为 6 位数字的行政区划代码。'
        : level === 'street'
          ? `街道（镇、乡）编码应为 9 位数字${districtCode ? `，并以本区区划代码 ${districtCode} 开头` : ''}。`
          : level === 'community'
            ? '社区（村）编码应为 12 位数字，并以所属街道的 9 位编码开头。'
            : `${LEVEL_NAMES[level]}编码只能由字母、数字、“-”和“_”组成，最多 32 个字符。`,
  }),
  codeParentPrefix: (parentCode: string) => ({
    code: 'code.parent_prefix',
    message: `编码须以上级编码 ${parentCode} 开头。`,
  }),
  codeOtherDistrict: (districtCode: string) => ({
    code: 'code.other_district',
    message: `本次导入的区为 ${districtCode}，不能在同一文件中导入其他区。`,
  }),
  codeLevelConflict: (existing: RegionLevel) => ({
    code: 'code.level_conflict',
    message: `该编码已被一个${LEVEL_NAMES[existing]}使用；层级不能通过导入更改。`,
  }),
  parentNotAllowed: () => ({
    code: 'parent_code.not_allowed',
    message: '区（县）是最上级，上级编码须留空。',
  }),
  parentUnknown: (code: string) => ({
    code: 'parent_code.unknown',
    message: `上级编码“${code}”不存在（须为本区已有的区域，或本文件中的一行）。`,
  }),
  parentRejected: (code: string) => ({
    code: 'parent_code.rejected',
    message: `上级“${code}”所在的行有错误未导入，本行因此也未导入。`,
  }),
  parentLevel: (actual: RegionLevel, expected: RegionLevel) => ({
    code: 'parent_code.level',
    message: `上级是${LEVEL_NAMES[actual]}，但这一层级的上级须为${LEVEL_NAMES[expected]}。`,
  }),
  parentMoved: (currentParent: string) => ({
    code: 'parent_code.moved',
    message: `该区域现属于“${currentParent}”；导入不能更改上级，请在“区域”页面使用“迁移”功能。`,
  }),
  sortOrderInvalid: () => ({
    code: 'sort_order.invalid',
    message: '排序应为 0–10000 的整数，可留空。',
  }),

  // Enterprises and staff.
  creditCodeInvalid: () => ({
    code: 'credit_code.invalid',
    message: '统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V），且校验位正确。',
  }),
  liaisonUnknown: (username: string) => ({
    code: 'liaison_username.unknown',
    message: `联络员账号“${username}”不存在。`,
  }),
  liaisonInactive: (username: string) => ({
    code: 'liaison_username.inactive',
    message: `联络员账号“${username}”已停用。`,
  }),
  liaisonNotLiaison: (username: string) => ({
    code: 'liaison_username.not_liaison',
    message: `账号“${username}”没有“企业陪跑员”角色。`,
  }),
  staffCodeFormat: () => ({
    code: 'staff_code.format',
    message: '工号只能由字母、数字、“-”和“_”组成。',
  }),
  regionUnknown: (code: string) => ({
    code: 'region_code.unknown',
    message: `区域编码“${code}”不存在（须为本区一个街道、社区、网格或微网格的编码）。`,
  }),
  regionLevel: () => ({
    code: 'region_code.level',
    message: '人员须归属街道、社区（村）、网格或微网格，不能直接归属区。',
  }),
} as const;
