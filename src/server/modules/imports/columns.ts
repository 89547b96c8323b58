import { buildIdCardNumber } from '../../../shared/validation/id-card.ts';
import { type ColumnSpec, defineColumns, POSITION_COLUMNS, type SheetSpec } from './sheet-spec.ts';

export { INSTRUCTIONS_SHEET, REPORT_SHEET, SUMMARY_SHEET } from './sheet-spec.ts';

/**
 * The household import format: one row per person, the household's columns repeated on each of
 * its members' rows. Headers are Chinese (what the street office's staff type and read); keys
 * are the stable English names used in reason codes (`id_number.check_digit`).
 */
export const DATA_SHEET = '住户成员';

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
  // Household columns too, last: added after files were in use (they may be left out).
  'latitude',
  'longitude',
] as const;

export type ColumnKey = (typeof COLUMN_KEYS)[number];

interface HouseholdColumnSpec extends ColumnSpec {
  /** Household columns are repeated on every member's row; the first occurrence wins. */
  level: 'household' | 'person';
}

export const COLUMNS = defineColumns<ColumnKey, HouseholdColumnSpec>({
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
    zh: '户标签，多个用顿号“、”或逗号分隔，如 低保、独居老人；须是本区户标签列表中的标签（默认：低保、优抚、残疾、独居老人、留守、外籍、新居民）。有等级的标签（如残疾）须注明等级 1–4，写作 残疾(2) 或 残疾:2。',
    en: 'Household tags separated by 、 or a comma, e.g. 低保、独居老人; each must be on the district’s household tag list (default: 低保, 优抚, 残疾, 独居老人, 留守, 外籍, 新居民). A tag that takes a level (e.g. 残疾, disabled) needs one, 1–4, written 残疾(2) or 残疾:2.',
  },
  latitude: { ...POSITION_COLUMNS.latitude, level: 'household' },
  longitude: { ...POSITION_COLUMNS.longitude, level: 'household' },
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
});

export const HOUSEHOLD_COLUMNS = COLUMN_KEYS.filter((k) => COLUMNS[k].level === 'household');

export const HEADERS: readonly string[] = COLUMN_KEYS.map((k) => COLUMNS[k].header);

// The demo street's first grid, so the example imports as-is into the demo.
export const EXAMPLE_GRID_CODE = '330109013002-G01';

const EXAMPLE_HOUSEHOLD = {
  household_code: 'EXAMPLE-0001',
  grid_code: EXAMPLE_GRID_CODE,
  address: '萧山区宁围街道振宁社区示例花园1幢1单元101室',
  estate: '示例花园',
  building: '1幢',
  unit: '1单元',
  room: '101室',
  tags: '低保、残疾(2)',
  latitude: '30.213456',
  longitude: '120.271234',
};

/** The household import's sheet, template and report description. */
export const HOUSEHOLD_SHEET: SheetSpec<ColumnKey> = {
  sheet: DATA_SHEET,
  keys: COLUMN_KEYS,
  columns: COLUMNS,
  keyColumn: 'household_code',
  textColumns: ['household_code', 'id_number', 'phone'],
  widths: { address: 44, id_number: 22, household_code: 20 },
  lists: { gender: ['男', '女'] },
  // Sequence parity is the gender: odd for men, even for women.
  examples: [
    {
      ...EXAMPLE_HOUSEHOLD,
      name: '张建国',
      gender: '男',
      birth_date: '1968-03-15',
      relationship: '户主',
      id_number: buildIdCardNumber('330109', '1968-03-15', 31),
      phone: '13812345678',
    },
    {
      ...EXAMPLE_HOUSEHOLD,
      name: '李美华',
      gender: '女',
      birth_date: '1970-08-02',
      relationship: '配偶',
      id_number: buildIdCardNumber('330109', '1970-08-02', 42),
      phone: '13912345678',
    },
    {
      ...EXAMPLE_HOUSEHOLD,
      name: '张晓明',
      gender: '男',
      birth_date: '2001-11-20',
      relationship: '子',
      id_number: buildIdCardNumber('330109', '2001-11-20', 17),
      phone: '',
    },
  ],
  notes: [
    [
      '每行一名成员；同一户的成员各占一行，并重复填写该户的户信息列（户编号至户标签，以及纬度、经度）。',
      'One row per person; each member of a household repeats the household columns (户编号 to 户标签, and 纬度, 经度).',
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
  ],
};
