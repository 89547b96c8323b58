import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckDigit } from '../../src/shared/validation/id-card.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, seedSmallDemo } from '../support/demo.ts';

/**
 * Searching households: address, code and member names by substring; ID numbers and phones only
 * exactly, through their keyed hashes (the values themselves are encrypted), and only in scope.
 */
interface ListPage {
  items: { id: string }[];
  total: number;
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookie: string;
const members: Record<'inside' | 'outside', { household: string; name: string; id: string; phone: string }> =
  {} as never;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 120);
  cookie = await demo.signIn('worker1');
  const grants = await demoGrants(t);
  const pathOf = (username: string) => grants.find((g) => g.username === username)?.path as string;
  const memberBelow = async (path: string) => {
    const row = await t.database.db
      .selectFrom('person as p')
      .innerJoin('household as h', (j) =>
        j.onRef('h.district_code', '=', 'p.district_code').onRef('h.id', '=', 'p.household_id'),
      )
      .select(['h.id as household', 'p.name', 'p.id_number_enc', 'p.phone_enc'])
      .where('h.region_path', 'like', `${path}.%`)
      .where('p.id_number_enc', 'is not', null)
      .where('p.phone_enc', 'is not', null)
      .orderBy('h.code')
      .executeTakeFirstOrThrow();
    const cipher = t.app.ctx.cipher;
    return {
      household: row.household,
      name: row.name,
      id: cipher.decrypt(row.id_number_enc as Uint8Array),
      phone: cipher.decrypt(row.phone_enc as Uint8Array),
    };
  };
  members.inside = await memberBelow(pathOf('worker1'));
  members.outside = await memberBelow(pathOf('worker2'));
});
afterAll(async () => t.close());

const search = async (q: string) => {
  const res = await demo.send(
    'GET',
    `/api/v1/households?q=${encodeURIComponent(q)}&limit=100`,
    undefined,
    cookie,
  );
  expect(res.status).toBe(200);
  return res.json() as ListPage;
};

describe('household search', () => {
  it('finds a household by the exact ID number or phone of a member, in either letter case', async () => {
    const byId = await search(members.inside.id.toLowerCase());
    expect(byId.items.map((h) => h.id)).toContain(members.inside.household);
    expect(byId.total).toBeLessThanOrEqual(2);
    const byPhone = await search(members.inside.phone);
    expect(byPhone.items.map((h) => h.id)).toContain(members.inside.household);
  });

  it('finds nothing for part of an ID number, a wrong check digit, or someone outside the scope', async () => {
    expect((await search(members.inside.id.slice(0, 12))).total).toBe(0);
    const first17 = members.inside.id.slice(0, 17);
    const wrong = first17 + (idCardCheckDigit(first17) === '0' ? '1' : '0');
    expect((await search(wrong)).total).toBe(0);
    expect((await search(members.outside.id)).total).toBe(0);
    expect((await search(members.outside.phone)).total).toBe(0);
  });

  it('finds households by a member name', async () => {
    const byName = await search(members.inside.name);
    expect(byName.items.map((h) => h.id)).toContain(members.inside.household);
  });
});
