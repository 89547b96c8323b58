import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { createPiiCipher, generatePiiKey, type PiiCipher } from '../../src/server/crypto/pii.ts';
import { type Database, openPglite, openPostgres } from '../../src/server/db/engine.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { type ExportPlan, streamExport } from '../../src/server/modules/exports/export-data.ts';
import { createExportsRepository } from '../../src/server/modules/exports/exports.repository.ts';
import { householdsExport } from '../../src/server/modules/exports/households-export.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { type BenchContext, type Benchmark, type Metric, metric } from '../harness.ts';

/**
 * The household export of a whole street (the street-scale seed: 70,000 households, ~200,000
 * person rows; --quick: a tenth), streamed as XLSX into a sink that counts bytes as fast as they
 * come, as a fast client would read them: rows per second, and the peak resident memory of the
 * process while exporting (the same bounded-memory approach performance.md asks of the case
 * ledger: 1M rows ≤ 90 s, ≤ 400 MB). Masked, as every export without an approval is.
 */
export const exportBench: Benchmark = {
  name: 'export',
  description: 'households with members exported as streamed XLSX (masked) from a street',
  async run(ctx: BenchContext): Promise<Metric[]> {
    const households = ctx.quick ? 7_000 : 70_000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-bench-export-'));
    const cipher = createPiiCipher(generatePiiKey());
    const out: Metric[] = [];
    try {
      const measure = async (engine: 'pglite' | 'postgres', database: Database) => {
        await migrateToLatest(database.db);
        let started = performance.now();
        await seed(database, { scale: 'street', households, cipher });
        ctx.log(
          `  ${engine}: seeded ${households.toLocaleString('en')} households in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        const street = await createExportsRepository(database.db).findDistrict();
        if (!street) throw new Error('no district seeded');
        const runs = ctx.quick ? 1 : 2;
        const rates: number[] = [];
        for (let run = 0; run < runs; run++) {
          global.gc?.();
          const before = process.memoryUsage().rss;
          let peak = before;
          const sampler = setInterval(() => {
            peak = Math.max(peak, process.memoryUsage().rss);
          }, 100);
          let bytes = 0;
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              bytes += chunk.length;
              done();
            },
          });
          started = performance.now();
          try {
            const rows = await exportStreet(database, cipher, street.district_code, street.path, sink);
            const seconds = (performance.now() - started) / 1000;
            rates.push(rows / seconds);
            ctx.log(
              `  ${engine}: ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB XLSX in ${seconds.toFixed(1)} s ` +
                `(${Math.round(rows / seconds).toLocaleString('en')} rows/s); RSS ${(before / 2 ** 20).toFixed(0)} MiB before, ` +
                `peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
            );
            if (run === runs - 1) {
              out.push(
                metric('export.peak_rss_mib', engine, 'MiB', [Math.round(peak / 2 ** 20)], {
                  households,
                  rows,
                }),
              );
            }
          } finally {
            clearInterval(sampler);
          }
        }
        out.push(metric('export.households_rows_per_s', engine, 'rows/s', rates, { households }));
      };

      if (ctx.engines.includes('pglite')) {
        const database = await openPglite({ dataDir: path.join(dir, 'pglite'), lock: false });
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

async function exportStreet(
  database: Database,
  cipher: PiiCipher,
  districtCode: string,
  regionPath: string,
  sink: Writable,
): Promise<number> {
  const filter = { districtCode, paths: [regionPath] };
  const plan: ExportPlan = {
    definition: householdsExport,
    filter,
    reveal: false,
    rows: 0,
    fileName: { ascii: 'bench.xlsx', utf8: 'bench.xlsx' },
  };
  return streamExport(database.db, cipher, plan, sink);
}
