/**
 * What every import format declares: its data sheet, its columns (Chinese headers, stable English
 * keys used in reason codes such as `credit_code.invalid`), the column that names a record in the
 * validation report, and what the template shows (example rows, general rules). The header
 * mapping, the readers, the template and the report are written once against this shape.
 */
export interface ColumnSpec {
  header: string;
  required: boolean;
  /**
   * The header row may lack this column (added after files were already in use): its cells
   * then read as empty. Every other column missing refuses the file.
   */
  mayBeAbsent?: boolean;
  /** Longest accepted value, from the column sizes of the table it lands in. */
  maxLength?: number;
  zh: string;
  en: string;
}

export interface Column<K extends string = string> extends ColumnSpec {
  key: K;
}

export interface SheetSpec<K extends string = string> {
  /** The sheet read from a workbook (a CSV file is the sheet itself). */
  sheet: string;
  keys: readonly K[];
  columns: { readonly [P in K]: Column<P> };
  /** The column that names a record in the report (户编号, 编码, 统一社会信用代码, 工号). */
  keyColumn: K;
  /** Typed as text in the template, so Excel does not turn codes into rounded numbers. */
  textColumns: readonly K[];
  widths: Partial<Record<K, number>>;
  /** Drop-down lists in the template. */
  lists: Partial<Record<K, readonly string[]>>;
  /** Rows that import as they are into the demo street. */
  examples: readonly Record<K, string>[];
  /** General rules for the instructions sheet: [Chinese, English]. */
  notes: readonly (readonly [string, string])[];
}

/** Adds each column's key to its spec, so a column can be passed around on its own. */
export function defineColumns<K extends string, S extends ColumnSpec>(
  specs: Record<K, S>,
): { [P in K]: S & { key: P } } {
  return Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, { key, ...(spec as S) }])) as {
    [P in K]: S & { key: P };
  };
}

export const INSTRUCTIONS_SHEET = '说明';
export const REPORT_SHEET = '导入校验报告';
export const SUMMARY_SHEET = '汇总';

/**
 * The optional position columns households and enterprises share (shared/map/position.ts): both
 * or neither, and files written before them still import (`mayBeAbsent`).
 */
export const POSITION_COLUMNS = {
  latitude: {
    header: '纬度',
    required: false,
    mayBeAbsent: true,
    zh: '纬度（WGS84，-90 至 90，最多 6 位小数，如 30.213456）；与经度同时填写或同时留空。留空时保留已记录的位置。',
    en: 'Latitude (WGS84, -90 to 90, at most 6 decimals, e.g. 30.213456); give it together with the longitude or leave both empty. Empty keeps the position already recorded.',
  },
  longitude: {
    header: '经度',
    required: false,
    mayBeAbsent: true,
    zh: '经度（WGS84，-180 至 180，最多 6 位小数，如 120.271234）；与纬度同时填写或同时留空。',
    en: 'Longitude (WGS84, -180 to 180, at most 6 decimals, e.g. 120.271234); give it together with the latitude or leave both empty.',
  },
} as const;
