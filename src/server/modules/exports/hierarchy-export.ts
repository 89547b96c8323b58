import type { RegionLevel } from '../../../shared/domain/region.ts';
import { HIERARCHY_SHEET } from '../imports/hierarchy-columns.ts';
import { regionPages } from './export-batches.ts';
import type { ExportDefinition } from './export-kinds.ts';
import { createExportRowsRepository } from './export-rows.repository.ts';
import { exportSheetOf, rowInOrder } from './export-sheet.ts';

/**
 * The hierarchy in its import format: one row per region, parents first. The kind goes in its
 * own column, so the level is written with its plain word.
 */

const LEVEL_WORDS: Record<RegionLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
  micro_grid: '微网格',
};

/** A path is the codes from the district down (a code never changes): the parent's is the one before. */
function parentCode(path: string): string | null {
  const codes = path.split('.');
  return codes.length > 1 ? (codes[codes.length - 2] as string) : null;
}

export const hierarchyExport: ExportDefinition = {
  kind: 'hierarchy',
  label: HIERARCHY_SHEET.sheet,
  sheet: exportSheetOf(HIERARCHY_SHEET),

  count: (source) => createExportRowsRepository(source.db).countRegions(source.filter),

  async *rows(source) {
    for await (const page of regionPages(source)) {
      for (const r of page) {
        yield rowInOrder(HIERARCHY_SHEET, {
          level: LEVEL_WORDS[r.level],
          code: r.code,
          name: r.name,
          parent_code: parentCode(r.path),
          kind: r.kind,
          sort_order: r.sort_order,
        });
      }
    }
  },
};
