import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HEADERS, REPORT_SHEET } from '../../src/server/modules/imports/columns.ts';
import { runCli } from '../support/cli.ts';
import { createProcessEnv, testEngine } from '../support/db.ts';
import { TEST_KEY } from './support/territory.ts';

const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `minqing-${name}-`));
const STACK = /\n\s+at /;

describe(`minqing import (${testEngine()})`, () => {
  it('writes the template, imports it with a report, re-imports it unchanged, and refuses bad files', async () => {
    const dir = tempDir('import-cli');
    const processEnv = await createProcessEnv(path.join(dir, 'data'));
    const env = { ...processEnv.env, MINQING_PII_KEY: TEST_KEY };
    try {
      const seeded = await runCli(['seed', '--scale', 'street', '--households', '0'], env);
      expect(seeded.code, seeded.stderr).toBe(0);

      const template = path.join(dir, 'template.xlsx');
      const written = await runCli(['import', 'template', template], env);
      expect(written.code, written.stderr).toBe(0);
      expect(fs.existsSync(template)).toBe(true);

      const report = path.join(dir, 'report.xlsx');
      const first = await runCli(['import', 'households', template, '--report', report], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('households: 1 inserted, 0 updated, 0 unchanged, 0 rejected');
      expect(first.stdout).toContain('persons: 3 inserted, 0 updated, 0 unchanged, 0 rejected');
      expect(first.stdout).toContain(`report: ${report}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(report);
      expect(workbook.getWorksheet(REPORT_SHEET)?.actualRowCount).toBe(1);

      const again = await runCli(['import', 'households', template, '--report', report], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('households: 0 inserted, 0 updated, 1 unchanged, 0 rejected');

      // Every kind has its subcommand and template; the hierarchy's example adds a grid and a micro-grid.
      const regions = path.join(dir, 'regions.xlsx');
      const regionTemplate = await runCli(['import', 'template', 'hierarchy', regions], env);
      expect(regionTemplate.code, regionTemplate.stderr).toBe(0);
      const imported = await runCli(['import', 'hierarchy', regions, '--district', '330109'], env);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('into district 330109');
      expect(imported.stdout).toContain('regions: 2 inserted, 0 updated, 0 unchanged, 0 rejected');
      const unknownKind = await runCli(['import', 'template', 'shops', path.join(dir, 'x.xlsx')], env);
      expect(unknownKind.code).toBe(1);
      expect(unknownKind.stderr).toContain('Unknown import kind shops');

      // Rejected rows are an outcome, not a failure: exit 0, and the report (default path) names them.
      const withErrors = path.join(dir, 'errors.csv');
      fs.writeFileSync(
        withErrors,
        `${HEADERS.join(',')}\nCLI-1,330109013002-G01,某地址,,,,,,王五,男,2099-01-01,户主,,\n`,
      );
      const rejected = await runCli(['import', 'households', withErrors], env);
      expect(rejected.code, rejected.stderr).toBe(0);
      expect(rejected.stdout).toContain('households: 0 inserted, 0 updated, 0 unchanged, 1 rejected');
      const defaultReport = path.join(dir, 'errors-import-report.xlsx');
      expect(rejected.stdout).toContain(`report: ${defaultReport} (1 issue)`);
      expect(fs.existsSync(defaultReport)).toBe(true);

      const badHeader = path.join(dir, 'bad-header.csv');
      fs.writeFileSync(badHeader, '户编号,姓名\nA,张三\n');
      const refused = await runCli(['import', 'households', badHeader], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/minqing: The header row \(row 1\) lacks the column\(s\) 网格编码/);
      expect(refused.stderr).not.toMatch(STACK);

      const missing = await runCli(['import', 'households', path.join(dir, 'nope.xlsx')], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('No such file');
      expect(missing.stderr).not.toMatch(STACK);

      const notXlsx = path.join(dir, 'broken.xlsx');
      fs.writeFileSync(notXlsx, 'not a workbook');
      const unreadable = await runCli(['import', 'households', notXlsx], env);
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toMatch(/Cannot read .* as an XLSX workbook/);
      expect(unreadable.stderr).not.toMatch(STACK);
    } finally {
      await processEnv.dispose();
    }
  }, 240_000);
});
