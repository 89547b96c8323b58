/**
 * The household import format: one row per person, the household's columns repeated on each of
 * its members' rows. Headers are Chinese (what the street office's staff type and read); keys
 * are the stable English names used in reason codes (`id_number.check_digit`).
 */
export const DATA_SHEET = '住户成员';
export const INSTRUCTIONS_SHEET = '说明';
export const REPORT_SHEET = '导入校验报告';
export const SUMMARY_SHEET = '汇总';

export const COLUMN_KEYS = [
  'household_code',
  'grid_code',
  'address',
  'estate',
  'building',
  'unit',
  'room',
  'tags',
  'name',
  'gender',
  'birth_date',
  'relationship',
  'id_number',
  'phone',
] as const;

export type ColumnKey = (typeof COLUMN_KEYS)[number];

export interface ColumnSpec {
  header: string;
  /** Household columns are repeated on every member's row; the first occurrence wins. */
  level: 'household' | 'person';
  required: boolean;
  /** Longest accepted value, from the column sizes of the household and person tables. */
  maxLength?: number;
  zh: string;
  en: string;
}

export const COLUMNS: Record<ColumnKey, ColumnSpec> = {
  household_code: {
    header: '户编号',
    level: 'household',
    required: true,
    maxLength: 40,
    zh: '户的唯一编号（本区内不重复），最多 40 个字符，不含空格。同一户的每一行填写相同的户编号；再次导入时按户编号更新。',
    en: 'Unique household code within the district, up to 40 characters, no spaces. Every member row of a household repeats it; re-imports update by this code.',
  },
  grid_code: {
    header: '网格编码',
    level: 'household',
    required: true,
    zh: '户所在网格的编码（系统“区域”中网格的编码，如 330109013002-G01）。一个文件只能包含同一个区的网格。',
    en: 'Code of the grid the household belongs to (a grid region’s code, e.g. 330109013002-G01). One file holds grids of one district only.',
  },
  address: {
    header: '地址',
    level: 'household',
    required: true,
    maxLength: 200,
    zh: '完整地址，最多 200 个字符。',
    en: 'Full address, up to 200 characters.',
  },
  estate: {
    header: '小区',
    level: 'household',
    required: false,
    maxLength: 100,
    zh: '小区名称（农村可留空）。',
    en: 'Estate name (may be empty in villages).',
  },
  building: {
    header: '楼栋',
    level: 'household',
    required: false,
    maxLength: 20,
    zh: '楼栋或村民小组，如 3幢、2组。',
    en: 'Building or villagers’ group, e.g. 3幢, 2组.',
  },
  unit: {
    header: '单元',
    level: 'household',
    required: false,
    maxLength: 20,
    zh: '单元，如 1单元。',
    en: 'Unit, e.g. 1单元.',
  },
  room: {
    header: '室',
    level: 'household',
    required: false,
    maxLength: 20,
    zh: '室号或门牌号，如 502室、12号。',
    en: 'Room or house number, e.g. 502室, 12号.',
  },
  tags: {
    header: '户标签',
    level: 'household',
    required: false,
    maxLength: 20,
    zh: '户标签，多个用顿号“、”或逗号分隔，如 低保、独居老人；每个标签最多 20 个字符。',
    en: 'Household tags separated by 、 or a comma, e.g. 低保、独居老人; each tag up to 20 characters.',
  },
  name: {
    header: '姓名',
    level: 'person',
    required: true,
    maxLength: 50,
    zh: '成员姓名，最多 50 个字符。',
    en: 'Member’s name, up to 50 characters.',
  },
  gender: {
    header: '性别',
    level: 'person',
    required: true,
    zh: '男 或 女；有身份证号时须与身份证号一致。',
    en: '男 (male) or 女 (female); must agree with the ID number when there is one.',
  },
  birth_date: {
    header: '出生日期',
    level: 'person',
    required: true,
    zh: '格式 YYYY-MM-DD（如 1985-07-14），也可以是 Excel 日期单元格；不早于 1900 年，不晚于今天；有身份证号时须与身份证号一致。',
    en: 'YYYY-MM-DD (e.g. 1985-07-14) or an Excel date cell; from 1900 to today; must agree with the ID number when there is one.',
  },
  relationship: {
    header: '与户主关系',
    level: 'person',
    required: true,
    maxLength: 16,
    zh: '与户主的关系，如 户主、配偶、子、女、父亲、母亲。',
    en: 'Relationship to the head of household, e.g. 户主 (head), 配偶 (spouse), 子 (son), 女 (daughter).',
  },
  id_number: {
    header: '身份证号',
    level: 'person',
    required: false,
    zh: '18 位居民身份证号，请以文本格式填写（数字格式会丢失末几位）。外籍人员等无身份证号的可留空，此时按“户编号+姓名+出生日期”识别。',
    en: '18-character resident ID number, entered as text (a number cell loses the last digits). Empty for foreign nationals; they are then matched by household code + name + birth date.',
  },
  phone: {
    header: '手机号',
    level: 'person',
    required: false,
    zh: '11 位手机号，可带 +86；可留空。',
    en: '11-digit mobile number, +86 allowed; may be empty.',
  },
};

export const HOUSEHOLD_COLUMNS = COLUMN_KEYS.filter((k) => COLUMNS[k].level === 'household');

export const HEADERS: readonly string[] = COLUMN_KEYS.map((k) => COLUMNS[k].header);
