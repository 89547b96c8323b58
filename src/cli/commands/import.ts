import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { importFileError } from '../../server/modules/imports/import-errors.ts';
import { IMPORT_KINDS, IMPORTERS, type ImportKind } from '../../server/modules/imports/import-kinds.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { withKeyedDatabase } from '../keyed-database.ts';
import { info } from '../output.ts';

/**
 * `minqing import <kind> <file>`: imports the file, writes the validation report and prints the
 * counts. Rejected rows are an outcome, not a failure (exit 0, see the report); a file that
 * cannot be read or has the wrong header is a failure (exit 1, one clear sentence).
 */

const DESCRIPTIONS: Record<ImportKind, { what: string; sheet: string }> = {
  hierarchy: { what: 'the hierarchy (streets, communities, grids, micro-grids)', sheet: '区域' },
  households: { what: 'households with their members', sheet: '住户成员' },
  enterprises: { what: 'enterprises (matched by credit code)', sheet: '企业' },
  staff: { what: 'staff (matched by staff number)', sheet: '人员' },
};

function isKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

export async function importCommand(
  kind: ImportKind,
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

  await withKeyedDatabase(async (database, cipher) => {
    const { result, writeReport } = await IMPORTERS[kind].run(database.db, source, {
      cipher,
      actor: { username: 'cli', sourceIp: null },
      ...(options.district ? { districtCode: options.district } : {}),
      onProgress: (message) => info(`  ${message}`),
    });
    await writeReport(report);
    console.log(
      [
        `Imported ${result.fileName}${result.districtCode ? ` into district ${result.districtCode}` : ''} in ${(result.ms / 1000).toFixed(1)} s (${result.rows} data rows).`,
        ...Object.entries(result.counts).map(
          ([type, c]) =>
            `${type}: ${c.inserted} inserted, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected`,
        ),
        `report: ${report} (${result.issueCount} issue${result.issueCount === 1 ? '' : 's'})`,
      ].join('\n'),
    );
  });
}

/**
 * `minqing import template <kind> <out.xlsx>`: the template of a kind, with an example row and
 * instructions; `minqing import template <out.xlsx>` writes the household template.
 */
export async function importTemplateCommand(kindOrFile: string, out: string | undefined): Promise<void> {
  let kind: ImportKind = 'households';
  let target = kindOrFile;
  if (out !== undefined) {
    if (!isKind(kindOrFile)) {
      throw new AppError(
        'BAD_REQUEST',
        `Unknown import kind ${kindOrFile}: use one of ${IMPORT_KINDS.join(', ')}.`,
      );
    }
    kind = kindOrFile;
    target = out;
  } else if (isKind(kindOrFile)) {
    throw new AppError(
      'BAD_REQUEST',
      `Name the file to write: minqing import template ${kindOrFile} <out.xlsx>.`,
    );
  }
  const file = path.resolve(target);
  const stream = fs.createWriteStream(file);
  await IMPORTERS[kind].writeTemplate(stream);
  await finished(stream);
  console.log(`Template written: ${file}`);
}

/** The `import` command group: one subcommand per kind, and the templates. */
export function registerImportCommands(program: Command): void {
  const importCmd = program.command('import').description('import data from spreadsheets');
  for (const kind of IMPORT_KINDS) {
    const { what, sheet } = DESCRIPTIONS[kind];
    importCmd
      .command(kind)
      .description(`import ${what} from XLSX or CSV; writes a validation report`)
      .argument('<file>', `an .xlsx file (sheet ${sheet}) or a .csv file with the template header`)
      .option('--report <out.xlsx>', 'validation report to write (default: <file>-import-report.xlsx)')
      .option('--district <code>', 'import only into this 6-digit district')
      .action((file: string, options: { report?: string; district?: string }) =>
        importCommand(kind, file, options),
      );
  }
  importCmd
    .command('template')
    .description(
      `write an XLSX import template (example row and instructions); kinds: ${IMPORT_KINDS.join(', ')}`,
    )
    .argument('<kind>', `${IMPORT_KINDS.join(', ')}; omitted (template <out.xlsx>): households`)
    .argument('[out.xlsx]', 'file to write')
    .action(importTemplateCommand);
}
