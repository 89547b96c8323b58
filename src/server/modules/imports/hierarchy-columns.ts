import { type ColumnSpec, defineColumns, type SheetSpec } from './sheet-spec.ts';

/**
 * The hierarchy import format: one row per region (street, community or village, grid,
 * micro-grid; a district row creates the district itself). Rows may come in any order; parents
 * are created before their children. Official codes: 9-digit street, 12-digit community; grid
 * and micro-grid codes are local.
 */
export const HIERARCHY_KEYS = ['level', 'code', 'name', 'parent_code', 'kind', 'sort_order'] as const;
export type HierarchyKey = (typeof HIERARCHY_KEYS)[number];

export const HIERARCHY_COLUMNS = defineColumns<HierarchyKey, ColumnSpec>({
  level: {
    header: '层级',
    required: true,
    zh: '区、街道（或 镇、乡）、社区（或 村）、网格、微网格 之一；也可填英文 district、street、community、grid、micro_grid。',
    en: 'One of 区 (district), 街道/镇/乡 (street or town), 社区/村 (community or village), 网格 (grid), 微网格 (micro-grid), or the English level name.',
  },
  code: {
    header: '编码',
    required: true,
    maxLength: 32,
    zh: '区 6 位、街道 9 位、社区（村）12 位统计用区划代码，街道编码以区的编码开头，社区编码以街道编码开头；网格、微网格编码由本区自定（字母、数字、“-”、“_”，最多 32 个字符，如 330109013002-G01）。编码在本区内不重复；再次导入时按编码更新。',
    en: 'Statistical division codes: 6 digits for a district, 9 for a street (starting with the district code), 12 for a community (starting with the street code); grid and micro-grid codes are local (letters, digits, - and _, up to 32 characters, e.g. 330109013002-G01). Unique within the district; re-imports update by code.',
  },
  name: {
    header: '名称',
    required: true,
    maxLength: 100,
    zh: '名称，如 宁围街道、振宁社区、振宁社区第1网格，最多 100 个字符。',
    en: 'Name, e.g. 宁围街道, 振宁社区, 振宁社区第1网格; up to 100 characters.',
  },
  parent_code: {
    header: '上级编码',
    required: false,
    zh: '上级区域的编码（须已存在或在本文件中）：网格的上级是社区（村），微网格的上级是网格，必填；街道、社区可留空（由编码前缀确定）；区留空。导入不能更改已有区域的上级，请在“区域”页面使用“迁移”。',
    en: 'Code of the parent region (existing or in this file): required for grids (parent: a community) and micro-grids (parent: a grid); may be empty for streets and communities (taken from the code’s prefix); empty for a district. An import never moves an existing region: use Move in region management.',
  },
  kind: {
    header: '类型',
    required: false,
    maxLength: 16,
    zh: '类型，如 街道、镇、乡、社区、村；留空时新区域按层级和名称确定，已有区域保持不变。',
    en: 'Kind, e.g. 街道, 镇, 乡, 社区, 村; when empty a new region takes it from its level and name, and an existing one keeps its own.',
  },
  sort_order: {
    header: '排序',
    required: false,
    zh: '同一上级下的显示顺序，0–10000 的整数；留空时新区域为 0，已有区域保持不变。',
    en: 'Display order among siblings, an integer 0–10000; when empty a new region gets 0 and an existing one keeps its own.',
  },
});

export const HIERARCHY_SHEET: SheetSpec<HierarchyKey> = {
  sheet: '区域',
  keys: HIERARCHY_KEYS,
  columns: HIERARCHY_COLUMNS,
  keyColumn: 'code',
  textColumns: ['code', 'parent_code'],
  widths: { code: 24, name: 28, parent_code: 24 },
  lists: { level: ['区', '街道', '镇', '乡', '社区', '村', '网格', '微网格'] },
  // A new grid with a micro-grid in the demo street's first community.
  examples: [
    {
      level: '网格',
      code: '330109013002-G90',
      name: '振宁社区示例网格',
      parent_code: '330109013002',
      kind: '',
      sort_order: '90',
    },
    {
      level: '微网格',
      code: '330109013002-G90-01',
      name: '示例网格第1微网格',
      parent_code: '330109013002-G90',
      kind: '',
      sort_order: '1',
    },
  ],
  notes: [
    [
      '每行一个区域。行的顺序不限：上级区域会先于下级建立。',
      'One row per region, in any order: parents are created before their children.',
    ],
    [
      '区须已存在，或在文件中有一行“区”（6 位编码）以新建。一个文件只能包含一个区的区域。',
      'The district must exist, or the file has a 区 row (6-digit code) that creates it. A file holds one district.',
    ],
    [
      '再次导入同一文件不会产生变化。编码已存在时更新名称、类型和排序；不能通过导入更改层级或上级（迁移请在“区域”页面操作）。',
      'Importing the same file again changes nothing. An existing code gets its name, kind and order updated; its level and parent never change by import (use Move in region management).',
    ],
    [
      '有错误的行不导入，其下级也不导入；其他行照常导入。导入后生成“导入校验报告”，列出每一个未导入的行及原因。',
      'A rejected row is not imported, nor are the rows below it; other rows are. The validation report names every row not imported and why.',
    ],
    [
      '也可以导入表头相同的 CSV 文件（UTF-8 或 GBK 编码）。请在导入前删除示例行。',
      'A CSV file with the same header row (UTF-8 or GBK) is accepted too. Delete the example rows before importing.',
    ],
  ],
};
