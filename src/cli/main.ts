import { Command, Option } from 'commander';
import { loadConfig, VERSION } from '../server/config.ts';
import { createAuditMac } from '../server/crypto/audit-mac.ts';
import { resolveAuditKey } from '../server/crypto/keys.ts';
import { setAuditMacResolver } from '../server/modules/audit/audit-chain.ts';
import { adminCreateCommand } from './commands/admin.ts';
import { auditVerifyCommand } from './commands/audit.ts';
import { backupCommand, restoreCommand } from './commands/backup.ts';
import { benchCommand } from './commands/bench.ts';
import { calendarImportCommand } from './commands/calendar.ts';
import { hotlineLevelCommand } from './commands/cases.ts';
import {
  clusterAddWorkerCommand,
  clusterMoveDistrictCommand,
  clusterRebalanceCommand,
  clusterStatusCommand,
} from './commands/cluster.ts';
import { grantAppRoleCommand } from './commands/db.ts';
import { doctorCommand } from './commands/doctor.ts';
import { entryLinkCommand } from './commands/entry-link.ts';
import { exportCommand } from './commands/export.ts';
import { figuresProvinceCommand, figuresRebuildCommand } from './commands/figures.ts';
import { registerImportCommands } from './commands/import.ts';
import { mapImportCommand } from './commands/map.ts';
import { migrateCommand } from './commands/migrate.ts';
import { prepareCommand } from './commands/prepare.ts';
import { retentionRunCommand } from './commands/retention.ts';
import { seedCommand } from './commands/seed.ts';
import { startCommand } from './commands/start.ts';
import { fail } from './output.ts';

// Commands that append or check audit rows key them with the deployment's audit key; resolved on
// first use, so commands that never touch the audit log do not need it.
setAuditMacResolver(() => createAuditMac(resolveAuditKey(loadConfig())));

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
  .description('generate data: the demo street, or a size from docs/specs/performance.md for benchmarks')
  .addOption(new Option('--demo', 'the demo street (Ningwei, Xiaoshan), marked as demo data'))
  .addOption(
    new Option('--scale <size>', 'generated size').choices(['street', 'district', 'city', 'province']),
  )
  .option('--seed <n>', 'random seed (same seed, same data)', '20261122')
  .option('--households <n>', 'override the number of households (for a province: its total)')
  .option('--districts <n>', 'districts of the province scale, 1 to 90 (default 12)')
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
admin
  .command('entry-link')
  .description("print a signed link of the public form for another channel (e.g. a WeChat account's menu)")
  .requiredOption('--channel <channel>', 'wechat | forum')
  .requiredOption('--path <path>', '/q/<code> or /report/<regionId>')
  .option('--district <code>', 'district the audit row goes to (default: the first district)')
  .action(entryLinkCommand);

program
  .command('db')
  .description('database administration')
  .command('grant-app-role')
  .description('grant the role the server connects as; it may only append to the audit log')
  .argument('<role>', 'an existing PostgreSQL role, e.g. minqing_app')
  .action(grantAppRoleCommand);

const clusterCmd = program
  .command('cluster')
  .description('operate a Citus cluster (DATABASE_URL is its coordinator): nodes, shards, rebalancing');
clusterCmd
  .command('status')
  .description('each node with its shard groups and their size')
  .action(clusterStatusCommand);
clusterCmd
  .command('add-worker')
  .description('add a worker: creates the database and the Citus extension on it, then registers it')
  .argument('<url>', "the worker's postgres database, e.g. postgres://postgres@10.0.0.14:5432/postgres")
  .action(clusterAddWorkerCommand);
const modeOption = () =>
  new Option('--mode <mode>', 'how shards move: auto (writes go on), block_writes').choices([
    'auto',
    'force_logical',
    'block_writes',
  ]);
clusterCmd
  .command('rebalance')
  .description('spread the shard groups evenly over the workers while the product runs, and wait')
  .addOption(modeOption())
  .action(clusterRebalanceCommand);
clusterCmd
  .command('move-district')
  .description("move the shard group holding a district's rows to a worker")
  .argument('<district>', '6-digit district code')
  .argument('<node>', 'the target worker as host:port')
  .addOption(modeOption())
  .action(clusterMoveDistrictCommand);

const auditCmd = program.command('audit').description('the audit log');
auditCmd
  .command('verify')
  .description('verify the keyed hash chains and the signed checkpoints; exits 1 on any break')
  .option(
    '--checkpoints <path...>',
    'more checkpoint files or directories to check (an operator copy, exported server logs)',
  )
  .action(auditVerifyCommand);

const retentionCmd = program.command('retention').description('retention periods of personal data');
retentionCmd
  .command('run')
  .description('anonymise records past their retention period and delete old import reports (audited)')
  .action(retentionRunCommand);

registerImportCommands(program);

program
  .command('calendar')
  .description('the working calendar that case deadlines count on')
  .command('import')
  .description('load a year of public holidays and make-up working days from a JSON file (audited)')
  .argument('<file.json>', '{ "year", "source", "holidays": [dates], "workdays": [dates] }')
  .action(calendarImportCommand);

program
  .command('cases')
  .description('how the district takes cases in')
  .command('hotline-level')
  .description('take 12345 hotline cases in at the street (default) or the district level (audited)')
  .argument('<level>', 'street | district')
  .option('--district <code>', '6-digit district code (default: the first district in the database)')
  .action(hotlineLevelCommand);

const figuresCmd = program.command('figures').description('the figures kept beside the cases');
figuresCmd
  .command('rebuild')
  .description("recompute a district's case figures from its cases (after a restore or an import of history)")
  .option('--district <code>', '6-digit district code (default: the first district in the database)')
  .action(figuresRebuildCommand);
figuresCmd
  .command('province')
  .description("every district's headline figures and the province's, for a period (from the kept totals)")
  .addOption(
    new Option('--period <kind>', 'the period containing --at')
      .choices(['month', 'quarter', 'year'])
      .default('month'),
  )
  .option('--at <day>', 'a day of the period, YYYY-MM-DD (default: today, Beijing time)')
  .option('--json', 'print the figures as JSON')
  .action(figuresProvinceCommand);

program
  .command('map')
  .description('the grid map')
  .command('import')
  .description('import grid boundaries from a GeoJSON FeatureCollection, with a validation report (audited)')
  .argument('<file>', 'GeoJSON FeatureCollection, WGS84 longitude/latitude')
  .option('--region <code>', 'the region whose grids the features name (default: the whole district)')
  .option('--match-by <what>', 'code | name: what the property holds', 'code')
  .option('--property <name>', 'the feature property naming the grid (default: as --match-by)')
  .option('--dry-run', 'report only; write nothing')
  .option('--district <code>', '6-digit district code (default: the first district in the database)')
  .action(mapImportCommand);

program
  .command('export')
  .description('export a kind to XLSX in its import format; personal fields are always masked here')
  .argument('<kind>', 'hierarchy | households | enterprises | staff')
  .argument('<out.xlsx>', 'file to write')
  .option('--region <code>', 'only this region and what lies below it (default: the whole district)')
  .option('--district <code>', '6-digit district code (default: the first district in the database)')
  .action(exportCommand);

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
