import type { SheetSpec } from '../imports/sheet-spec.ts';
import type { ExportCell, ExportSheet } from './write-workbook.ts';

/**
 * An export's sheet is the import format's sheet: the same name, headers, order, widths and
 * text columns, so a downloaded file goes back in through the importer unchanged.
 */
export function exportSheetOf<K extends string>(spec: SheetSpec<K>): ExportSheet {
  return {
    name: spec.sheet,
    columns: spec.keys.map((key) => ({
      header: spec.columns[key].header,
      width: spec.widths[key] ?? 14,
      text: spec.textColumns.includes(key),
    })),
  };
}

/** Cells in the format's column order, whatever order the fields were named in. */
export function rowInOrder<K extends string>(spec: SheetSpec<K>, cells: Record<K, ExportCell>): ExportCell[] {
  return spec.keys.map((key) => cells[key]);
}

/** A tags cell as the importer reads it back: 低保、残疾(2). */
export function tagCell(tags: readonly string[], levels: Readonly<Record<string, string>> | null): string {
  return tags.map((t) => (levels?.[t] === undefined ? t : `${t}(${levels[t]})`)).join('、');
}
