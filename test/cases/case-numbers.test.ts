import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBlockSize, nextCaseNumber } from '../../src/server/modules/cases/case-numbers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('case number blocks', () => {
  it('grow while intake is busy and shrink when it is quiet', () => {
    expect(nextBlockSize(undefined)).toBe(5);
    expect(nextBlockSize({ size: 5, lastedMs: 2_000 })).toBe(10);
    expect(nextBlockSize({ size: 160, lastedMs: 2_000 })).toBe(200);
    expect(nextBlockSize({ size: 200, lastedMs: 1 })).toBe(200);
    expect(nextBlockSize({ size: 40, lastedMs: 60_000 })).toBe(40);
    expect(nextBlockSize({ size: 40, lastedMs: 600_000 })).toBe(20);
    expect(nextBlockSize({ size: 6, lastedMs: 600_000 })).toBe(5);
  });
});

describe('nextCaseNumber', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('hands out unique numbers in order, and refuses to run inside a transaction', async () => {
    const at = new Date('2026-06-01T04:00:00Z');
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) numbers.push(await nextCaseNumber(t.database.db, '330109', at));
    expect(new Set(numbers).size).toBe(12);
    expect(numbers[0]).toMatch(/^330109-2026-\d{6}$/);
    expect([...numbers].sort()).toEqual(numbers);
    await expect(
      t.database.db.transaction().execute((trx) => nextCaseNumber(trx, '330109', at)),
    ).rejects.toThrow(/outside the intake transaction/);
  });
});
