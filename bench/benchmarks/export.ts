import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createPiiCipher, generatePiiKey, type PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { type ExportPlan, streamExport } from '../../src/server/modules/exports/export-data.ts';
import { createExportsRepository } from '../../src/server/modules/exports/exports.repository.ts';
import { householdsExport } from '../../src/server/modules/exports/households-export.ts';
import { seed } from '../../src/server/seed/seed.ts';
import {
  type BenchContext,
  type Benchmark,
  type Metric,
  metric,
  mib,
  onEachEngine,
  sampleRss,
} from '../harness.ts';

/**
 * The household export of a whole street (the street-scale seed: 70,000 households, ~200,000
 * person rows; --quick: a tenth), streamed as XLSX into a sink that counts bytes as fast as they
 * come, as a fast client would read them: rows per second, and the peak resident memory of the
 * process while exporting (the same bounded-memory approach docs/specs/performance.md asks of the case
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
      await onEachEngine(ctx, dir, async (engine, database) => {
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
          const rss = sampleRss(100);
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
                `(${Math.round(rows / seconds).toLocaleString('en')} rows/s); RSS ${mib(rss.before)} MiB before, ` +
                `peak ${mib(rss.peak())} MiB`,
            );
            if (run === runs - 1) {
              out.push(
                metric('export.peak_rss_mib', engine, 'MiB', [mib(rss.peak())], {
                  households,
                  rows,
                }),
              );
            }
          } finally {
            rss.stop();
          }
        }
        out.push(metric('export.households_rows_per_s', engine, 'rows/s', rates, { households }));
      });
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
