import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPiiCipher, type PiiCipher } from '../../src/server/crypto/pii.ts';
import type { Database } from '../../src/server/db/engine.ts';
import { HOUSEHOLD_SHEET } from '../../src/server/modules/imports/columns.ts';
import { ENTERPRISE_SHEET } from '../../src/server/modules/imports/enterprise-columns.ts';
import { HIERARCHY_SHEET } from '../../src/server/modules/imports/hierarchy-columns.ts';
import { IMPORT_KINDS, IMPORTERS, type ImportKind } from '../../src/server/modules/imports/import-kinds.ts';
import type { SheetSpec } from '../../src/server/modules/imports/sheet-spec.ts';
import { STAFF_SHEET } from '../../src/server/modules/imports/staff-columns.ts';
import { seed } from '../../src/server/seed/seed.ts';
import { createTestDatabase, testEngine } from '../support/db.ts';
import { auditCounts, importRuns, TEST_KEY } from './support/territory.ts';

const SPECS: Record<ImportKind, SheetSpec> = {
  hierarchy: HIERARCHY_SHEET as SheetSpec,
  households: HOUSEHOLD_SHEET as SheetSpec,
  enterprises: ENTERPRISE_SHEET as SheetSpec,
  staff: STAFF_SHEET as SheetSpec,
};
const RECORDS: Record<ImportKind, string> = {
  hierarchy: 'regions',
  households: 'households',
  enterprises: 'enterprises',
  staff: 'staff',
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-import-templates-'));
let database: Database;
let cipher: PiiCipher;

// The demo street (its territory, accounts and tag lists) without households: fast to seed.
beforeAll(async () => {
  database = await createTestDatabase();
  cipher = createPiiCipher(TEST_KEY);
  await seed(database, { scale: 'demo', households: 0, cipher });
});

afterAll(async () => {
  await database?.close();
});

describe(`import templates (${testEngine()})`, () => {
  for (const kind of IMPORT_KINDS) {
    it(`${kind}: the template has the headers, instructions for every column and an example that imports into the demo street`, async () => {
      const spec = SPECS[kind];
      const handler = IMPORTERS[kind];
      const file = path.join(dir, handler.templateFileName);
      const out = fs.createWriteStream(file);
      await handler.writeTemplate(out);
      await finished(out);

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([spec.sheet, '说明']);
      expect(handler.sheet).toBe(spec.sheet);
      const headers = spec.keys.map((k) => spec.columns[k]?.header ?? k);
      expect(workbook.getWorksheet(spec.sheet)?.getRow(1).values).toEqual([undefined, ...headers]);
      expect(workbook.getWorksheet(spec.sheet)?.actualRowCount).toBe(1 + spec.examples.length);
      const described = new Map<string, [string, string]>();
      workbook.getWorksheet('说明')?.eachRow((row) => {
        described.set(String(row.getCell(1).value ?? ''), [
          String(row.getCell(3).value),
          String(row.getCell(4).value),
        ]);
      });
      for (const header of headers) {
        expect(described.get(header)?.[0]).toMatch(/[\u4e00-\u9fff]/);
        expect(described.get(header)?.[1]).toMatch(/[A-Za-z]{3}/);
      }

      const first = await handler.run(database.db, file, {
        cipher,
        actor: { username: 'test', sourceIp: null },
      });
      expect(first.result.issueCount).toBe(0);
      expect(first.result.districtCode).toBe('330109');
      const counts = first.result.counts[RECORDS[kind]];
      expect(counts?.inserted).toBeGreaterThan(0);
      expect(counts?.rejected).toBe(0);

      const audits = await auditCounts(database);
      const again = await handler.run(database.db, file, {
        cipher,
        actor: { username: 'test', sourceIp: null },
      });
      expect(again.result.counts[RECORDS[kind]]).toEqual({
        ...counts,
        inserted: 0,
        unchanged: counts?.inserted,
      });
      // A run that changes nothing still leaves its one import.run row, and only that.
      expect(await auditCounts(database)).toEqual({
        ...audits,
        'import.run': (audits['import.run'] ?? 0) + 1,
      });
      expect((await importRuns(database)).at(-1)).toMatchObject({
        result: 'success',
        detail: { kind, file: handler.templateFileName, batches: 0, issues: 0 },
      });
    });
  }
});
