import { EXAMPLE_GRID_CODE } from './columns.ts';
import { type ColumnSpec, defineColumns, type SheetSpec } from './sheet-spec.ts';

/** The staff import format: one row per person who visits, recognised again by the staff number. */
export const STAFF_KEYS = ['staff_code', 'name', 'post', 'region_code', 'phone'] as const;
export type StaffKey = (typeof STAFF_KEYS)[number];

export const STAFF_COLUMNS = defineColumns<StaffKey, ColumnSpec>({
  staff_code: {
    header: '工号',
    required: true,
    maxLength: 40,
    zh: '工号，本区内不重复，由字母、数字、“-”和“_”组成，最多 40 个字符；再次导入时按工号更新。',
    en: 'Staff number, unique within the district: letters, digits, - and _, up to 40 characters; re-imports update by it.',
  },
  name: {
    header: '姓名',
    required: true,
    maxLength: 50,
    zh: '姓名，最多 50 个字符。',
    en: 'Name, up to 50 characters.',
  },
  post: {
    header: '岗位',
    required: true,
    maxLength: 32,
    zh: '岗位，如 网格员、社工、下沉干部、街道联系干部、社区书记、楼道长，最多 32 个字符。',
    en: 'Post, e.g. 网格员 (grid worker), 社工 (social worker), 下沉干部 (cadre sent down), 社区书记, 楼道长 (building head); up to 32 characters.',
  },
  region_code: {
    header: '所属区域编码',
    required: true,
    zh: '所属街道、社区（村）、网格或微网格的编码，如 330109013（街道）、330109013002（社区）、330109013002-G01（网格）。',
    en: 'Code of the street, community, grid or micro-grid the person belongs to, e.g. 330109013 (street), 330109013002 (community), 330109013002-G01 (grid).',
  },
  phone: {
    header: '手机号',
    required: false,
    zh: '11 位手机号，可带 +86；可留空。',
    en: '11-digit mobile number, +86 allowed; may be empty.',
  },
});

export const STAFF_SHEET: SheetSpec<StaffKey> = {
  sheet: '人员',
  keys: STAFF_KEYS,
  columns: STAFF_COLUMNS,
  keyColumn: 'staff_code',
  textColumns: ['staff_code', 'region_code', 'phone'],
  widths: { staff_code: 22, region_code: 22, post: 16 },
  lists: {},
  examples: [
    {
      staff_code: 'EXAMPLE-001',
      name: '周晓燕',
      post: '网格员',
      region_code: EXAMPLE_GRID_CODE,
      phone: '13612345678',
    },
  ],
  notes: [
    [
      '每行一名工作人员，按工号识别；同一工号在文件中出现多次时，这些行都不导入。',
      'One row per person, recognised by the staff number; a number listed twice in the file rejects all its rows.',
    ],
    [
      '再次导入同一文件不会产生变化；工号已存在时更新姓名、岗位、所属区域和手机号（手机号相同时不重新加密）。',
      'Importing the same file again changes nothing; an existing number gets name, post, region and phone updated (an unchanged phone is not re-encrypted).',
    ],
    [
      '有错误的行不导入，其他行照常导入。导入后生成“导入校验报告”，列出每一个未导入的行及原因。',
      'A rejected row is not imported; other rows are. The validation report names every row not imported and why.',
    ],
    [
      '一个文件只能包含同一个区的区域。也可以导入表头相同的 CSV 文件（UTF-8 或 GBK 编码）。请在导入前删除示例行。',
      'A file holds regions of one district only. A CSV file with the same header row (UTF-8 or GBK) is accepted too. Delete the example row before importing.',
    ],
  ],
};
