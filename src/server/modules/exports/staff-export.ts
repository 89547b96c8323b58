import { maskPhone } from '../../../shared/validation/mask.ts';
import { STAFF_SHEET } from '../imports/staff-columns.ts';
import { personalCell, regionBatches } from './export-batches.ts';
import type { ExportDefinition } from './export-kinds.ts';
import { createExportRowsRepository, type RowKey } from './export-rows.repository.ts';
import { exportSheetOf, rowInOrder } from './export-sheet.ts';

/** Staff in the staff import format; the phone is the personal field. */

const PAGE = 1_000;

export const staffExport: ExportDefinition = {
  kind: 'staff',
  label: STAFF_SHEET.sheet,
  sheet: exportSheetOf(STAFF_SHEET),

  count: (source) => createExportRowsRepository(source.db).countStaff(source.filter),

  async *rows(source) {
    const repo = createExportRowsRepository(source.db);
    for await (const regions of regionBatches(source)) {
      const regionCode = new Map(regions.map((r) => [r.id, r.code]));
      const ids = regions.map((r) => r.id);
      let key: RowKey | null = null;
      for (;;) {
        const page = await repo.staffPage(source.filter.districtCode, ids, key, PAGE);
        for (const s of page) {
          yield rowInOrder(STAFF_SHEET, {
            staff_code: s.code,
            name: s.name,
            post: s.post,
            region_code: regionCode.get(s.region_id) ?? null,
            phone: personalCell(source, s.phone_enc, maskPhone),
          });
        }
        const last = page.at(-1);
        if (!last || page.length < PAGE) break;
        key = [last.region_id, last.code ?? '', last.id];
      }
    }
  },
};
