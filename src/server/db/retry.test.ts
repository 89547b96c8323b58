import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../../test/support/db.ts';
import { isRetryableDbError, runTransaction, withRetry } from './retry.ts';

const dbError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

describe('retry on serialization failures', () => {
  it('retries 40001 and 40P01 and gives up on anything else at once', async () => {
    expect(isRetryableDbError(dbError('40001'))).toBe(true);
    expect(isRetryableDbError(dbError('40P01'))).toBe(true);
    expect(isRetryableDbError(dbError('23505'))).toBe(false);
    let calls = 0;
    const value = await withRetry(async () => {
      calls++;
      if (calls < 3) throw dbError('40001');
      return 'ok';
    });
    expect([value, calls]).toEqual(['ok', 3]);
    let uniqueCalls = 0;
    await expect(
      withRetry(async () => {
        uniqueCalls++;
        throw dbError('23505');
      }),
    ).rejects.toThrow('23505');
    expect(uniqueCalls).toBe(1);
  });

  it('stops after the attempt limit and rethrows the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw dbError('40P01');
      }, 3),
    ).rejects.toThrow('40P01');
    expect(calls).toBe(3);
  });

  it(`lands every one of many concurrent serializable read-modify-writes (${testEngine()})`, async () => {
    const database = await createTestDatabase();
    try {
      await database.db.insertInto('system_setting').values({ key: 'counter', value: '0' }).execute();
      const increments = 16;
      await Promise.all(
        Array.from({ length: increments }, () =>
          runTransaction(
            database.db,
            async (trx) => {
              const row = await trx
                .selectFrom('system_setting')
                .select('value')
                .where('key', '=', 'counter')
                .executeTakeFirstOrThrow();
              await trx
                .updateTable('system_setting')
                .set({ value: JSON.stringify(Number(row.value) + 1) })
                .where('key', '=', 'counter')
                .execute();
            },
            'serializable',
          ),
        ),
      );
      const final = await database.db
        .selectFrom('system_setting')
        .select('value')
        .where('key', '=', 'counter')
        .executeTakeFirstOrThrow();
      expect(Number(final.value)).toBe(increments);
    } finally {
      await database.close();
    }
  });
});
