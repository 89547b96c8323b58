import { Command, Option } from 'commander';
import { VERSION } from '../server/config.ts';
import { adminCreateCommand } from './commands/admin.ts';
import { auditVerifyCommand } from './commands/audit.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { benchCommand } from './commands/bench.ts';
import { grantAppRoleCommand } from './commands/db.ts';
import { doctorCommand } from './commands/doctor.ts';
import { importHouseholdsCommand, importTemplateCommand } from './commands/import.ts';
import { migrateCommand } from './commands/migrate.ts';
import { prepareCommand } from './commands/prepare.ts';
import { seedCommand } from './commands/seed.ts';
import { startCommand } from './commands/start.ts';
import { fail } from './output.ts';

const program = new Command('minqing')
  .description('MinQing (民情): visits and closed-loop handling of residents’ concerns')
  .version(VERSION)
  .showHelpAfterError();

program
  .command('start')
  .description('migrate the database and serve the API and web app')
  .option('--demo', 'seed the demo street first when the database is empty')
  .action(startCommand);

program.command('migrate').description('apply pending database migrations').action(migrateCommand);

program
  .command('seed')
  .description('generate data: the demo street, or a size from performance.md for benchmarks')
  .addOption(new Option('--demo', 'the demo street (Ningwei, Xiaoshan), marked as demo data'))
  .addOption(new Option('--scale <size>', 'generated size').choices(['street', 'district', 'city']))
  .option('--seed <n>', 'random seed (same seed, same data)', '20261122')
  .option('--households <n>', 'override the number of households (small test data)')
  .action(seedCommand);

program
  .command('backup')
  .description('write a consistent logical backup (gzip NDJSON) of the whole database')
  .option('-o, --out <file>', 'output file (default: <backup dir>/minqing-<time>.ndjson.gz)')
  .action(backupCommand);

program
  .command('restore')
  .description('restore a backup into an empty database (embedded data directory or DATABASE_URL)')
  .argument('<file>', 'a file written by `minqing backup`')
  .action(restoreCommand);

const admin = program.command('admin').description('administrator accounts');
admin
  .command('create')
  .description('create a system, security or audit administrator; prints a one-time password')
  .requiredOption('--username <name>', 'sign-in name')
  .requiredOption('--role <role>', 'sysadmin | secadmin | auditor (三员: one duty per person)')
  .option('--district <code>', '6-digit district code (default: the first district in the database)')
  .option('--name <display name>', 'name shown in the UI')
  .action(adminCreateCommand);

program
  .command('db')
  .description('database administration')
  .command('grant-app-role')
  .description('grant the role the server connects as; it may only append to the audit log')
  .argument('<role>', 'an existing PostgreSQL role, e.g. minqing_app')
  .action(grantAppRoleCommand);

const auditCmd = program.command('audit').description('the audit log');
auditCmd
  .command('verify')
  .description('verify the hash chains; exits 1 on any break')
  .action(auditVerifyCommand);

const importCmd = program.command('import').description('import data from spreadsheets');
importCmd
  .command('households')
  .description('import households with their members from XLSX or CSV; writes a validation report')
  .argument('<file>', 'an .xlsx file (sheet 住户成员) or a .csv file with the template header')
  .option('--report <out.xlsx>', 'validation report to write (default: <file>-import-report.xlsx)')
  .option('--district <code>', 'accept only grids of this 6-digit district')
  .action(importHouseholdsCommand);
importCmd
  .command('template')
  .description('write the XLSX import template (example household and instructions)')
  .argument('<out.xlsx>', 'file to write')
  .action(importTemplateCommand);

program
  .command('doctor')
  .description('check Node, database, disk space and configuration')
  .action(doctorCommand);

program
  .command('bench')
  .description('run the benchmarks (same as `npm run bench`)')
  .allowUnknownOption()
  .argument('[args...]', 'arguments for the benchmark runner, e.g. --quick')
  .action(benchCommand);

program
  .command('prepare', { hidden: true })
  .description('build the embedded database template')
  .action(prepareCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  fail(error);
}
