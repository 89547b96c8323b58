import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/schema.ts';
import { createTagRepository } from '../tags/tags.repository.ts';
import { chooseDistrict } from './choose-district.ts';
import { ENTERPRISE_SHEET } from './enterprise-columns.ts';
import { createEnterpriseImportRepository } from './enterprise-import.repository.ts';
import { hashPhones } from './hashes.ts';
import { type ImportOptions, type ImportRun, restrictedDistrict } from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { planEnterprises, type ValidEnterprise } from './plan-enterprises.ts';
import { reasons } from './reasons.ts';
import { importRecords, type ResolvedRecords, upsertPlan } from './record-import.ts';
import { checkTagCell } from './tag-cell.ts';
import { checkEnterpriseRow } from './validate-enterprise.ts';

/**
 * Imports enterprises from XLSX or CSV (format in enterprise-columns.ts), matched by credit code.
 * Rows are checked on their own, then against the district: the grid exists, the tags are on the
 * district's enterprise list, the liaison is an active account with the liaison role. Valid rows
 * go in by batch (batches.ts); re-importing the same file changes nothing.
 */
export function importEnterprises(db: Kysely<DB>, file: string, options: ImportOptions): Promise<ImportRun> {
  const { cipher } = options;
  return importRecords(db, file, options, {
    kind: 'enterprises',
    sheet: ENTERPRISE_SHEET,
    check: checkEnterpriseRow,
    keyOf: (f) => f.creditCode,
    recordType: 'enterprises',
    objectType: 'enterprise',
    async resolve(valid, log): Promise<ResolvedRecords<ValidEnterprise>> {
      const gridCodes = [...new Set(valid.map((f) => f.gridCode))];
      const found = await createImportsRepository(db).findGrids(gridCodes, restrictedDistrict(options));
      const districtCode = chooseDistrict(gridCodes, found);
      const grids = new Map(found.filter((g) => g.district_code === districtCode).map((g) => [g.code, g]));

      const ready: ValidEnterprise[] = [];
      if (districtCode === null) {
        for (const f of valid) log.add(f.row, f.creditCode, 'grid_code', reasons.gridUnknown(f.gridCode));
      } else {
        const tagList = await createTagRepository(db).list(districtCode, 'enterprise');
        const usernames = [...new Set(valid.flatMap((f) => (f.liaisonUsername ? [f.liaisonUsername] : [])))];
        const accounts = new Map(
          (await createEnterpriseImportRepository(db).findLiaisonCandidates(districtCode, usernames)).map(
            (u) => [u.username, u],
          ),
        );
        for (const f of valid) {
          const before = log.issues.length;
          const grid = grids.get(f.gridCode);
          if (!grid) log.add(f.row, f.creditCode, 'grid_code', reasons.gridUnknown(f.gridCode));
          for (const problem of checkTagCell(tagList, 'enterprise', f.tags).problems) {
            log.add(f.row, f.creditCode, 'tags', problem);
          }
          let liaisonUserId: string | undefined;
          if (f.liaisonUsername !== null) {
            const account = accounts.get(f.liaisonUsername);
            const reason = !account
              ? reasons.liaisonUnknown(f.liaisonUsername)
              : !account.active
                ? reasons.liaisonInactive(f.liaisonUsername)
                : !account.is_liaison
                  ? reasons.liaisonNotLiaison(f.liaisonUsername)
                  : null;
            if (reason) log.add(f.row, f.creditCode, 'liaison_username', reason);
            else liaisonUserId = account?.id;
          }
          if (log.issues.length > before || !grid) continue;
          ready.push({ fields: f, grid, liaisonUserId, phoneHash: null });
        }
      }

      return {
        districtCode,
        ready,
        prepare: hashPhones(cipher, (v) => v.fields.contactPhone),
        async plan(trx, district, batch) {
          const repo = createEnterpriseImportRepository(trx);
          const existing = await repo.findByCreditCodes(
            district,
            batch.map((v) => v.fields.creditCode),
          );
          return upsertPlan('enterprises', repo, district, planEnterprises(batch, existing, cipher, uuidv7));
        },
      };
    },
  });
}
