import fs from 'node:fs';
import path from 'node:path';
import { runTransaction } from '../../server/db/retry.ts';
import {
  type ExportPlan,
  exportFileName,
  recordExport,
  streamExport,
} from '../../server/modules/exports/export-data.ts';
import { EXPORTERS } from '../../server/modules/exports/export-kinds.ts';
import { createExportsRepository } from '../../server/modules/exports/exports.repository.ts';
import { TRANSFER_KINDS, transferKindSchema } from '../../shared/domain/transfer.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { withKeyedDatabase } from '../keyed-database.ts';
import { info } from '../output.ts';

/**
 * `minqing export <kind> <out.xlsx>`: the same streamed workbook as the web export, of a district
 * or one region of it, always masked: personal data in full leaves only through the web, with an
 * approved request (docs/specs/trust.md §15), never from an operator's shell. Audited like a web export.
 */
export async function exportCommand(
  kind: string,
  out: string,
  options: { region?: string; district?: string },
): Promise<void> {
  const parsed = transferKindSchema.safeParse(kind);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', `The kind must be one of ${TRANSFER_KINDS.join(', ')}, not ${kind}.`);
  }
  const definition = EXPORTERS[parsed.data];
  if (!definition) throw new AppError('NOT_FOUND', `Exporting ${kind} is not available yet.`);
  if (options.district !== undefined && !/^\d{6}$/.test(options.district)) {
    throw new AppError('BAD_REQUEST', '--district must be a 6-digit district code.');
  }
  const file = path.resolve(out);
  if (!fs.existsSync(path.dirname(file)))
    throw new AppError('BAD_REQUEST', `No such directory: ${path.dirname(file)}`);

  await withKeyedDatabase(async (database, cipher) => {
    const db = database.db;
    const repo = createExportsRepository(db);
    const district = await repo.findDistrict(options.district);
    if (!district) {
      throw new AppError(
        'NOT_FOUND',
        options.district
          ? `No district ${options.district} in the database.`
          : 'The database holds no district.',
      );
    }
    const region = options.region
      ? await repo.findRegionByCode(district.district_code, options.region)
      : district;
    if (!region)
      throw new AppError('NOT_FOUND', `No region ${options.region} in district ${district.district_code}.`);
    const filter = { districtCode: district.district_code, paths: [region.path] };
    const plan: ExportPlan = {
      definition,
      filter,
      reveal: false,
      rows: await definition.count({ db, cipher, filter, reveal: false }),
      fileName: exportFileName(definition, [region], false, new Date()),
    };
    const actor = { username: 'cli', districtCode: district.district_code, sourceIp: null };
    await runTransaction(db, (trx) =>
      recordExport(trx, actor, plan, { regionIds: [region.id], requestId: null }),
    );
    const started = performance.now();
    const written = await streamExport(db, cipher, plan, fs.createWriteStream(file));
    const seconds = (performance.now() - started) / 1000;
    info(`${region.name} (${region.code}), personal fields masked, ${seconds.toFixed(1)} s`);
    console.log(`Exported ${written} rows to ${file}`);
  });
}
