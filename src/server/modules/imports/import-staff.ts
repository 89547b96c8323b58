import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { chooseDistrict } from './choose-district.ts';
import { hashPhones } from './hashes.ts';
import { type ImportOptions, type ImportRun, restrictedDistrict } from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planStaff, type ValidStaff } from './plan-staff.ts';
import { reasons } from './reasons.ts';
import { importRecords, type ResolvedRecords, upsertPlan } from './record-import.ts';
import { STAFF_SHEET } from './staff-columns.ts';
import { createStaffImportRepository } from './staff-import.repository.ts';
import { checkStaffRow } from './validate-staff.ts';

/**
 * Imports staff (the people who visit: grid workers, social workers, cadres sent down, …) from
 * XLSX or CSV (format in staff-columns.ts), matched by staff number within the district. Each
 * belongs to a street, community, grid or micro-grid; re-importing the same file changes nothing.
 */
export function importStaff(db: Kysely<DB>, file: string, options: ImportOptions): Promise<ImportRun> {
  const { cipher } = options;
  return importRecords(db, file, options, {
    kind: 'staff',
    sheet: STAFF_SHEET,
    check: checkStaffRow,
    keyOf: (f) => f.code,
    recordType: 'staff',
    objectType: 'staff',
    async resolve(valid, log): Promise<ResolvedRecords<ValidStaff>> {
      const regionCodes = [...new Set(valid.map((f) => f.regionCode))];
      const found = await createImportsRepository(db).findRegions(
        regionCodes,
        ['district', 'street', 'community', 'grid', 'micro_grid'],
        restrictedDistrict(options),
      );
      const districtCode = chooseDistrict(regionCodes, found);
      const regions = new Map(found.filter((r) => r.district_code === districtCode).map((r) => [r.code, r]));

      const ready: ValidStaff[] = [];
      for (const f of valid) {
        const region = regions.get(f.regionCode);
        if (!region) log.add(f.row, f.code, 'region_code', reasons.regionUnknown(f.regionCode));
        else if (region.level === 'district') log.add(f.row, f.code, 'region_code', reasons.regionLevel());
        else ready.push({ fields: f, regionId: region.id, phoneHash: null });
      }

      return {
        districtCode,
        ready,
        prepare: hashPhones(cipher, (v) => v.fields.phone),
        async plan(trx, district, batch) {
          const repo = createStaffImportRepository(trx);
          const existing = await repo.findByCodes(
            district,
            batch.map((v) => v.fields.code),
          );
          return upsertPlan('staff', repo, district, planStaff(batch, existing, cipher, uuidv7));
        },
      };
    },
  });
}
