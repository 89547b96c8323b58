import { maskIdNumber, maskPhone } from '../../../shared/validation/mask.ts';
import { type ColumnKey, DATA_SHEET, HOUSEHOLD_SHEET } from '../imports/columns.ts';
import { personalCell, regionBatches } from './export-batches.ts';
import type { ExportDefinition } from './export-kinds.ts';
import { createExportRowsRepository, type PersonExportRow, type RowKey } from './export-rows.repository.ts';
import { exportSheetOf, rowInOrder, tagCell } from './export-sheet.ts';
import type { ExportCell } from './write-workbook.ts';

/**
 * Households with their members in the household import format (imports/columns.ts): one row
 * per member with the household's columns repeated; a household without members gets one row
 * with the member columns empty (a re-import reports it and changes nothing).
 */

const PAGE_HOUSEHOLDS = 1_000;

const NO_MEMBER = {
  name: null,
  gender: null,
  birth_date: null,
  relationship: null,
  id_number: null,
  phone: null,
} as const;

const rowOf = (cells: Record<ColumnKey, ExportCell>) => rowInOrder(HOUSEHOLD_SHEET, cells);

export const householdsExport: ExportDefinition = {
  kind: 'households',
  label: DATA_SHEET,
  sheet: exportSheetOf(HOUSEHOLD_SHEET),

  count: (source) => createExportRowsRepository(source.db).countHouseholdRows(source.filter),

  async *rows(source) {
    const repo = createExportRowsRepository(source.db);
    const { districtCode, tag } = source.filter;
    for await (const regions of regionBatches(source)) {
      const gridCode = new Map(regions.map((r) => [r.id, r.code]));
      const paths = regions.map((r) => r.path);
      let key: RowKey | null = null;
      for (;;) {
        const households = await repo.householdPage(districtCode, paths, key, PAGE_HOUSEHOLDS, tag);
        const last = households.at(-1);
        if (!last) break;
        const lastKey: RowKey = [last.region_path, last.code, last.id];
        const members = await repo.membersOfPage(districtCode, paths, key, lastKey, tag);
        const byHousehold = new Map<string, PersonExportRow[]>();
        for (const m of members) {
          const list = byHousehold.get(m.household_id);
          if (list) list.push(m);
          else byHousehold.set(m.household_id, [m]);
        }
        for (const h of households) {
          const household = {
            household_code: h.code,
            // A household's path is its grid's: the grid is in this batch.
            grid_code: gridCode.get(h.grid_id) ?? null,
            address: h.address,
            estate: h.estate,
            building: h.building,
            unit: h.unit,
            room: h.room,
            tags: tagCell(h.tags, h.tag_levels),
            latitude: h.latitude,
            longitude: h.longitude,
          };
          const people = byHousehold.get(h.id);
          if (!people) {
            yield rowOf({ ...household, ...NO_MEMBER });
            continue;
          }
          for (const p of people) {
            yield rowOf({
              ...household,
              name: p.name,
              gender: p.gender === 'M' ? '男' : '女',
              birth_date: p.birth_date,
              relationship: p.relationship,
              id_number: personalCell(source, p.id_number_enc, maskIdNumber),
              phone: personalCell(source, p.phone_enc, maskPhone),
            });
          }
        }
        if (households.length < PAGE_HOUSEHOLDS) break;
        key = lastKey;
      }
    }
  },
};
