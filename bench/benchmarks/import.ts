import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPiiCipher, generatePiiKey } from '../../src/server/crypto/pii.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { importHouseholds } from '../../src/server/modules/imports/import-households.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { generatedRows, writeXlsx } from '../../test/imports/support/households-file.ts';
import { type BenchContext, type Benchmark, type Metric, metric } from '../harness.ts';

/**
 * The issue's figure: the demo street's 70,000 households (~200,000 person rows) imported from
 * one XLSX, in seconds, into a fresh database that holds only the territory (regions). The file
 * is generated once from the street-scale seed data; --quick uses a tenth of it. Also records
 * the peak resident memory of the process while importing.
 */
export const importBench: Benchmark = {
  name: 'import',
  description: 'households with members imported from XLSX into a database with the territory only',
  async run(ctx: BenchContext): Promise<Metric[]> {
    const households = ctx.quick ? 7_000 : 70_000;
    const name = `import.households_${households / 1000}k_s`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-import-'));
    const file = path.join(dir, 'households.xlsx');
    const cipher = createPiiCipher(generatePiiKey());
    const out: Metric[] = [];
    try {
      let started = performance.now();
      const rows = await writeXlsx(file, generatedRows(households));
      ctx.log(
        `  generated ${rows.toLocaleString('en')} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) ` +
          `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );

      const measure = async (engine: 'pglite' | 'postgres', database: Database) => {
        await migrateToLatest(database.db);
        await seed(database, { scale: 'street', households: 0, cipher });
        global.gc?.();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 200);
        started = performance.now();
        try {
          const summary = await importHouseholds(database.db, file, {
            cipher,
            actor: { username: 'bench', sourceIp: null },
          });
          const seconds = (performance.now() - started) / 1000;
          ctx.log(
            `  ${engine}: ${summary.households.inserted.toLocaleString('en')} households, ` +
              `${summary.persons.inserted.toLocaleString('en')} persons, ${summary.issues.length} issues ` +
              `in ${seconds.toFixed(1)} s; RSS ${(before / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
          );
          if (summary.issues.length > 0) ctx.log(`  first issue: ${JSON.stringify(summary.issues[0])}`);
          out.push(metric(name, engine, 's', [seconds], { households, rows }));
          out.push(
            metric('import.peak_rss_mib', engine, 'MiB', [Math.round(peak / 2 ** 20)], { households }),
          );
        } finally {
          clearInterval(sampler);
        }
      };

      if (ctx.engines.includes('pglite')) {
        const dataDir = path.join(dir, 'pglite');
        const database = await openPglite({ dataDir, lock: false });
        try {
          await measure('pglite', database);
        } finally {
          await database.close();
        }
      }
      if (ctx.engines.includes('postgres') && ctx.postgresAdminUrl) {
        const admin = new pg.Client({ connectionString: ctx.postgresAdminUrl });
        await admin.connect();
        const dbName = `minqing_bench_${crypto.randomBytes(4).toString('hex')}`;
        await admin.query(`create database ${dbName}`);
        const url = new URL(ctx.postgresAdminUrl);
        url.pathname = `/${dbName}`;
        const database = openPostgres(url.toString(), 4);
        try {
          await measure('postgres', database);
        } finally {
          await database.close();
          await admin.query(`drop database ${dbName} with (force)`);
          await admin.end();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
