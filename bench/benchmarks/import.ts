import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPiiCipher, generatePiiKey } from '../../src/server/crypto/pii.ts';
import { importHouseholds } from '../../src/server/modules/imports/import-households.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { generatedRows, writeXlsx } from '../../test/imports/support/households-file.ts';
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

      await onEachEngine(ctx, dir, async (engine, database) => {
        await seed(database, { scale: 'street', households: 0, cipher });
        const rss = sampleRss(200);
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
              `in ${seconds.toFixed(1)} s; RSS ${mib(rss.before)} MiB before, peak ${mib(rss.peak())} MiB`,
          );
          if (summary.issues.length > 0) ctx.log(`  first issue: ${JSON.stringify(summary.issues[0])}`);
          out.push(metric(name, engine, 's', [seconds], { households, rows }));
          out.push(metric('import.peak_rss_mib', engine, 'MiB', [mib(rss.peak())], { households }));
        } finally {
          rss.stop();
        }
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
