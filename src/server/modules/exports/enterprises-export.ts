import { maskPhone } from '../../../shared/validation/mask.ts';
import { ENTERPRISE_SHEET } from '../imports/enterprise-columns.ts';
import { personalCell, regionBatches } from './export-batches.ts';
import type { ExportDefinition } from './export-kinds.ts';
import { createExportRowsRepository, type RowKey } from './export-rows.repository.ts';
import { exportSheetOf, rowInOrder, tagCell } from './export-sheet.ts';

/** Enterprises in the enterprise import format; the contact phone is the personal field. */

const PAGE = 1_000;

export const enterprisesExport: ExportDefinition = {
  kind: 'enterprises',
  label: ENTERPRISE_SHEET.sheet,
  sheet: exportSheetOf(ENTERPRISE_SHEET),

  count: (source) => createExportRowsRepository(source.db).countEnterprises(source.filter),

  async *rows(source) {
    const repo = createExportRowsRepository(source.db);
    for await (const regions of regionBatches(source)) {
      const gridCode = new Map(regions.map((r) => [r.id, r.code]));
      const paths = regions.map((r) => r.path);
      let key: RowKey | null = null;
      for (;;) {
        const page = await repo.enterprisePage(
          source.filter.districtCode,
          paths,
          key,
          PAGE,
          source.filter.tag,
        );
        for (const e of page) {
          yield rowInOrder(ENTERPRISE_SHEET, {
            name: e.name,
            credit_code: e.credit_code,
            address: e.address,
            grid_code: gridCode.get(e.grid_id) ?? null,
            tags: tagCell(e.tags, null),
            contact_name: e.contact_name,
            contact_phone: personalCell(source, e.contact_phone_enc, maskPhone),
            liaison_username: e.liaison_username,
            latitude: e.latitude ?? null,
            longitude: e.longitude ?? null,
          });
        }
        const last = page.at(-1);
        if (!last || page.length < PAGE) break;
        key = [last.region_path, last.credit_code, last.id];
      }
    }
  },
};
