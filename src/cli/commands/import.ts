import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { loadConfig } from '../../server/config.ts';
import { resolvePiiKey } from '../../server/crypto/keys.ts';
import { createPiiCipher } from '../../server/crypto/pii.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { importFileError } from '../../server/modules/imports/import-errors.ts';
import { importHouseholds } from '../../server/modules/imports/import-households.ts';
import { writeReport } from '../../server/modules/imports/report.ts';
import { writeTemplate } from '../../server/modules/imports/template.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { info } from '../output.ts';

/**
 * `minqing import households <file>`: imports the file, writes the validation report and prints
 * the counts. Rejected rows are an outcome, not a failure (exit 0, see the report); a file that
 * cannot be read or has the wrong header is a failure (exit 1, one clear sentence).
 */
export async function importHouseholdsCommand(
  file: string,
  options: { report?: string; district?: string },
): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
    throw importFileError('file.unreadable', `No such file: ${file}`);
  }
  if (options.district !== undefined && !/^\d{6}$/.test(options.district)) {
    throw new AppError('BAD_REQUEST', '--district must be a 6-digit district code.');
  }
  const parsed = path.parse(source);
  const report = path.resolve(options.report ?? path.join(parsed.dir, `${parsed.name}-import-report.xlsx`));

  const config = loadConfig();
  const key = resolvePiiKey(config);
  if (key.source === 'generated') info(`Generated the personal-data key in ${key.file}; back it up.`);
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const summary = await importHouseholds(database.db, source, {
      cipher: createPiiCipher(key.key),
      actor: { username: 'cli', sourceIp: null },
      ...(options.district ? { districtCode: options.district } : {}),
      onProgress: (message) => info(`  ${message}`),
    });
    await writeReport(report, summary);
    const { households: h, persons: p } = summary;
    console.log(
      [
        `Imported ${summary.fileName}${summary.districtCode ? ` into district ${summary.districtCode}` : ''} in ${(summary.ms / 1000).toFixed(1)} s (${summary.rows} data rows).`,
        `households: ${h.inserted} inserted, ${h.updated} updated, ${h.unchanged} unchanged, ${h.rejected} rejected`,
        `persons: ${p.inserted} inserted, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected`,
        `report: ${report} (${summary.issues.length} issue${summary.issues.length === 1 ? '' : 's'})`,
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
}

/** `minqing import template <out.xlsx>`: the template with one example household and instructions. */
export async function importTemplateCommand(out: string): Promise<void> {
  const file = path.resolve(out);
  const stream = fs.createWriteStream(file);
  await writeTemplate(stream);
  await finished(stream);
  console.log(`Template written: ${file}`);
}
