import crypto from 'node:crypto';
import { creditCodeCheckChar } from '../../src/shared/validation/credit-code.ts';
import type { TestApp } from './app.ts';
import { gridsBelow } from './demo.ts';

let serial = 0;

/**
 * A valid unified social credit code never handed out before in this test process. Registration
 * authority 5 (the seeder uses only 9), so it cannot collide with seeded enterprises either.
 */
export function uniqueCreditCode(): string {
  const first17 = `51330109TE${String(serial++).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a wrong check character. */
export function withWrongCheckChar(code: string): string {
  const body = code.slice(0, 17);
  const right = code.slice(17);
  return body + (right === '0' ? '1' : '0');
}

/**
 * Adds `count` enterprises in the grids below a region path (a small demo seeds only a few
 * enterprises in the whole street, so a community may have none). Returns their ids.
 */
export async function addEnterprises(
  t: TestApp,
  regionPath: string,
  count: number,
  name = (i: number) => `杭州测试${i}号科技有限公司`,
): Promise<string[]> {
  const db = t.database.db;
  const grids = await gridsBelow(t, regionPath);
  if (grids.length === 0) throw new Error(`no grid below ${regionPath}`);
  const cipher = t.app.ctx.cipher;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const grid = grids[i % grids.length] as (typeof grids)[number];
    const code = uniqueCreditCode();
    const n = Number(code.slice(10, 17));
    const phone = `139${String(70_000_000 + n).padStart(8, '0')}`;
    const id = crypto.randomUUID();
    await db
      .insertInto('enterprise')
      .values({
        district_code: grid.district_code,
        id,
        grid_id: grid.id,
        region_path: grid.path,
        name: name(n),
        credit_code: code,
        address: `测试路${n}号`,
        tags: ['测试'],
        contact_name: `联系人${n}`,
        contact_phone_enc: cipher.encrypt(phone),
        contact_phone_hash: cipher.hash(phone),
      })
      .execute();
    ids.push(id);
  }
  return ids;
}
