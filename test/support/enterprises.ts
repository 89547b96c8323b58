import crypto from 'node:crypto';
import type { TestApp } from './app.ts';

let serial = 0;

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
  const grids = await db
    .selectFrom('region')
    .select(['id', 'path', 'district_code'])
    .where('level', '=', 'grid')
    .where('path', 'like', `${regionPath}.%`)
    .orderBy('path')
    .execute();
  if (grids.length === 0) throw new Error(`no grid below ${regionPath}`);
  const cipher = t.app.ctx.cipher;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const grid = grids[i % grids.length] as (typeof grids)[number];
    const n = serial++;
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
        credit_code: `91TEST${String(n).padStart(12, '0')}`,
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
