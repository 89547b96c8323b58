import { creditCodeCheckChar } from '../../../shared/validation/credit-code.ts';
import { EXAMPLE_GRID_CODE } from './columns.ts';
import { type ColumnSpec, defineColumns, POSITION_COLUMNS, type SheetSpec } from './sheet-spec.ts';

/** The enterprise import format: one row per enterprise, recognised again by its credit code. */
export const ENTERPRISE_KEYS = [
  'name',
  'credit_code',
  'address',
  'grid_code',
  'tags',
  'contact_name',
  'contact_phone',
  'liaison_username',
  'latitude',
  'longitude',
] as const;
export type EnterpriseKey = (typeof ENTERPRISE_KEYS)[number];

export const ENTERPRISE_COLUMNS = defineColumns<EnterpriseKey, ColumnSpec>({
  name: {
    header: '企业名称',
    required: true,
    maxLength: 200,
    zh: '企业名称，最多 200 个字符。',
    en: 'Enterprise name, up to 200 characters.',
  },
  credit_code: {
    header: '统一社会信用代码',
    required: true,
    maxLength: 18,
    zh: '18 位统一社会信用代码（校验位须正确），本区内不重复；再次导入时按此代码更新。',
    en: '18-character unified social credit code with a valid check character, unique within the district; re-imports update by this code.',
  },
  address: {
    header: '地址',
    required: true,
    maxLength: 200,
    zh: '经营地址，最多 200 个字符。',
    en: 'Business address, up to 200 characters.',
  },
  grid_code: {
    header: '网格编码',
    required: true,
    zh: '企业所在网格的编码（如 330109013002-G01）。一个文件只能包含同一个区的网格。',
    en: 'Code of the grid the enterprise is in (e.g. 330109013002-G01). One file holds grids of one district only.',
  },
  tags: {
    header: '企业标签',
    required: false,
    maxLength: 20,
    zh: '企业标签，多个用顿号“、”或逗号分隔；须是本区企业标签列表中的标签（默认：专精特新、小升规、新雏鹰、百强）。留空表示没有标签。',
    en: 'Enterprise tags separated by 、 or a comma; each must be on the district’s enterprise tag list (default: 专精特新, 小升规, 新雏鹰, 百强). Empty means no tags.',
  },
  contact_name: {
    header: '联系人',
    required: false,
    maxLength: 50,
    zh: '联系人姓名，最多 50 个字符；可留空。',
    en: 'Contact person, up to 50 characters; may be empty.',
  },
  contact_phone: {
    header: '联系电话',
    required: false,
    zh: '联系人的 11 位手机号，可带 +86；可留空。',
    en: 'The contact’s 11-digit mobile number, +86 allowed; may be empty.',
  },
  liaison_username: {
    header: '联络员账号',
    required: false,
    maxLength: 64,
    zh: '企业陪跑员的登录账号，须是启用中、具有“企业陪跑员”角色的账号；留空时不改变已指派的陪跑员。',
    en: 'Username of the enterprise liaison, an active account with the liaison role; when empty the liaison already assigned stays.',
  },
  ...POSITION_COLUMNS,
});

const EXAMPLE_CREDIT_BODY = '91330109MA2H7K3L5';

export const ENTERPRISE_SHEET: SheetSpec<EnterpriseKey> = {
  sheet: '企业',
  keys: ENTERPRISE_KEYS,
  columns: ENTERPRISE_COLUMNS,
  keyColumn: 'credit_code',
  textColumns: ['credit_code', 'grid_code', 'contact_phone'],
  widths: { name: 30, credit_code: 22, address: 40, grid_code: 20 },
  lists: {},
  examples: [
    {
      name: '杭州示例智能科技有限公司',
      credit_code: EXAMPLE_CREDIT_BODY + creditCodeCheckChar(EXAMPLE_CREDIT_BODY),
      address: '萧山区宁围街道示例路 88 号',
      grid_code: EXAMPLE_GRID_CODE,
      tags: '专精特新',
      contact_name: '陈经理',
      contact_phone: '13712345678',
      liaison_username: '',
      latitude: '30.214567',
      longitude: '120.272345',
    },
  ],
  notes: [
    [
      '每行一家企业，按统一社会信用代码识别；同一代码在文件中出现多次时，这些行都不导入。',
      'One row per enterprise, recognised by its credit code; a code listed twice in the file rejects all its rows.',
    ],
    [
      '再次导入同一文件不会产生变化；代码已存在时更新其余各列（联系电话相同时不重新加密）。',
      'Importing the same file again changes nothing; an existing code gets the other columns updated (an unchanged phone is not re-encrypted).',
    ],
    [
      '有错误的行不导入，其他行照常导入。导入后生成“导入校验报告”，列出每一个未导入的行及原因。',
      'A rejected row is not imported; other rows are. The validation report names every row not imported and why.',
    ],
    [
      '一个文件只能包含同一个区的网格。也可以导入表头相同的 CSV 文件（UTF-8 或 GBK 编码）。请在导入前删除示例行。',
      'A file holds grids of one district only. A CSV file with the same header row (UTF-8 or GBK) is accepted too. Delete the example row before importing.',
    ],
  ],
};
