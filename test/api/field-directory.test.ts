import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPhoneLastFour } from '../../src/server/modules/field-directory/fill-phone-last-four.ts';
import {
  fieldEnterpriseListSchema,
  fieldGridListSchema,
  fieldHouseholdListSchema,
  fieldPackSchema,
  fieldPlaceListSchema,
} from '../../src/shared/domain/field-directory.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';

/**
 * The field app's directory (issue 13 §1): a worker finds every household of their reach by
 * name, address, building or a phone's last four digits, browses estate → building → unit →
 * room, and keeps their own grid's directory; nothing outside their reach, no phone beyond its end.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let worker1: string;
let paths: { worker1: string; worker2: string };

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 240);
  worker1 = await demo.signIn('worker1');
  const grants = await demoGrants(t);
  const pathOf = (username: string) => grants.find((g) => g.username === username)?.path as string;
  paths = { worker1: pathOf('worker1'), worker2: pathOf('worker2') };
});
afterAll(async () => t.close());

const get = async (url: string, cookie = worker1) => demo.send('GET', url, undefined, cookie);
const households = async (query: string) => {
  const res = await get(`/api/v1/field/households?${query}`);
  expect(res.status).toBe(200);
  return fieldHouseholdListSchema.parse(res.json());
};

/** A member with a phone in a household below `path`, with the phone in clear. */
async function memberBelow(path: string) {
  const row = await t.database.db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) =>
      j.onRef('h.district_code', '=', 'p.district_code').onRef('h.id', '=', 'p.household_id'),
    )
    .select(['h.id as household', 'p.id', 'p.name', 'p.phone_enc', 'p.phone_last4'])
    .where('h.region_path', 'like', `${path}%`)
    .where('p.phone_enc', 'is not', null)
    .where('p.removed_at', 'is', null)
    .orderBy('h.code')
    .executeTakeFirstOrThrow();
  return { ...row, phone: t.app.ctx.cipher.decrypt(row.phone_enc as Uint8Array) };
}

describe('the field directory', () => {
  it('searches only the worker’s reach: by name, and by the last four digits of a phone', async () => {
    const inside = await memberBelow(paths.worker1);
    const outside = await memberBelow(paths.worker2);
    // Every write keeps the last four digits beside the ciphertext: the seed did.
    expect(inside.phone_last4).toBe(inside.phone.slice(-4));

    const reach = await t.database.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_path', 'like', `${paths.worker1}%`)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect((await households('limit=1')).total).toBe(Number(reach.n));

    const byName = await households(`q=${encodeURIComponent(inside.name)}&limit=100`);
    expect(byName.items.map((h) => h.id)).toContain(inside.household);
    expect(
      byName.items.every(
        (h) => h.names.some((n) => n.includes(inside.name)) || h.address.includes(inside.name),
      ),
    ).toBe(true);
    expect(
      (await households(`q=${encodeURIComponent(outside.name)}&limit=100`)).items.map((h) => h.id),
    ).not.toContain(outside.household);

    const last4 = inside.phone.slice(-4);
    const byPhone = await households(`q=${last4}&limit=100`);
    const found = byPhone.items.find((h) => h.id === inside.household);
    expect(found?.phoneLast4).toContain(last4);
    // Only the end of a phone ever leaves the server, and only what matched the text or the end.
    for (const h of byPhone.items) {
      expect(h.phoneLast4.every((p) => /^\d{4}$/.test(p))).toBe(true);
      expect(h.phoneLast4.includes(last4) || h.address.includes(last4) || h.code.includes(last4)).toBe(true);
    }
    expect(JSON.stringify(byPhone)).not.toContain(inside.phone);
    expect((await households(`q=${outside.phone.slice(-4)}&limit=100`)).items.map((h) => h.id)).not.toContain(
      outside.household,
    );

    // A member added through the API is found by their phone's end at once.
    const phone = `1390000${String(4000 + (Date.now() % 1000)).padStart(4, '0')}`;
    const added = await demo.send(
      'POST',
      `/api/v1/households/${inside.household}/members`,
      { name: '尾号测试', gender: 'F', birthDate: '1990-02-03', relationship: '女', phone },
      worker1,
    );
    expect(added.status).toBe(201);
    expect((await households(`q=${phone.slice(-4)}&limit=100`)).items.map((h) => h.id)).toContain(
      inside.household,
    );

    // Rows stored before the column existed are filled at start-up from the ciphertext.
    await t.database.db
      .updateTable('person')
      .set({ phone_last4: null })
      .where('id', '=', inside.id)
      .execute();
    expect(await fillPhoneLastFour(t.database.db, t.app.ctx.cipher)).toBeGreaterThanOrEqual(1);
    const refilled = await t.database.db
      .selectFrom('person')
      .select('phone_last4')
      .where('id', '=', inside.id)
      .executeTakeFirstOrThrow();
    expect(refilled.phone_last4).toBe(last4);
  });

  it('browses estate → building → unit → the rooms, each level counting its households', async () => {
    const estates = fieldPlaceListSchema.parse((await get('/api/v1/field/places')).json());
    expect(estates.level).toBe('estate');
    const total = (await households('limit=1')).total;
    expect(estates.items.reduce((sum, e) => sum + e.households, 0)).toBe(total);
    const estate = estates.items.find((e) => e.value !== '') ?? estates.items[0];
    if (!estate) throw new Error('no estate in reach');

    const buildings = fieldPlaceListSchema.parse(
      (await get(`/api/v1/field/places?estate=${encodeURIComponent(estate.value)}`)).json(),
    );
    expect(buildings.level).toBe('building');
    expect(buildings.items.reduce((sum, b) => sum + b.households, 0)).toBe(estate.households);
    const building = buildings.items[0];
    if (!building) throw new Error('no building');
    const units = fieldPlaceListSchema.parse(
      (
        await get(
          `/api/v1/field/places?estate=${encodeURIComponent(estate.value)}&building=${encodeURIComponent(building.value)}`,
        )
      ).json(),
    );
    expect(units.level).toBe('unit');
    const unit = units.items[0];
    if (!unit) throw new Error('no unit');
    const rooms = await households(
      `estate=${encodeURIComponent(estate.value)}&building=${encodeURIComponent(building.value)}&unit=${encodeURIComponent(unit.value)}&limit=100`,
    );
    expect(rooms.total).toBe(unit.households);
    for (const h of rooms.items) {
      expect(h.estate ?? '').toBe(estate.value);
      expect(h.building ?? '').toBe(building.value);
      expect(h.unit ?? '').toBe(unit.value);
      expect(h.room).not.toBeNull();
    }
  });

  it('keeps the worker’s own grid whole and bounded, and lists enterprises for liaisons', async () => {
    // worker1 is granted a whole community: the grid of their visit team is their own.
    const team = await firstGridBelow(t, paths.worker1);
    const teamId = crypto.randomUUID();
    await t.database.db
      .insertInto('visit_team')
      .values({
        district_code: team.district_code,
        id: teamId,
        grid_id: team.id,
        grid_path: team.path,
        name: '一组',
      })
      .execute();
    const workerId = (await demoGrants(t)).find((g) => g.username === 'worker1')?.user_id as string;
    await t.database.db
      .insertInto('visit_team_member')
      .values({ district_code: team.district_code, team_id: teamId, user_id: workerId, role: 'worker' })
      .execute();
    const grids = fieldGridListSchema.parse((await get('/api/v1/field/grids')).json());
    const ownIds = grids.items.filter((g) => g.own).map((g) => g.id);
    expect(ownIds).toContain(team.id);
    // Own grids come first; the rest of the reach follows, to choose from.
    expect(grids.items.slice(0, ownIds.length).every((g) => g.own)).toBe(true);
    expect(grids.items.length).toBeGreaterThan(ownIds.length);
    const ownGrid = grids.items.find((g) => g.id === team.id);
    if (!ownGrid) throw new Error('no own grid');
    const pack = fieldPackSchema.parse((await get(`/api/v1/field/grids/${ownGrid.id}/directory`)).json());
    expect(pack.households).toHaveLength(ownGrid.households);
    expect(pack.households.every((h) => h.gridId === ownGrid.id)).toBe(true);
    expect(pack.truncated).toBe(false);

    const liaison = await demo.signIn('liaison');
    const [enterpriseId] = await addEnterprises(t, paths.worker1, 1);
    const name = (
      await t.database.db
        .selectFrom('enterprise')
        .select('name')
        .where('id', '=', enterpriseId as string)
        .executeTakeFirstOrThrow()
    ).name;
    const res = await get(`/api/v1/field/enterprises?q=${encodeURIComponent(name)}`, liaison);
    expect(res.status).toBe(200);
    expect(fieldEnterpriseListSchema.parse(res.json()).items.map((e) => e.id)).toContain(enterpriseId);
    // A liaison may not read households: their kept grid holds enterprises only.
    expect((await get('/api/v1/field/households', liaison)).status).toBe(403);
    const liaisonPack = fieldPackSchema.parse(
      (await get(`/api/v1/field/grids/${ownGrid.id}/directory`, liaison)).json(),
    );
    expect(liaisonPack.households).toEqual([]);
    expect(liaisonPack.enterprises.map((e) => e.id)).toContain(enterpriseId);
  });

  it('refuses bad input with 4xx codes, and a grid outside the reach with 404', async () => {
    const worker2Grid = await t.database.db
      .selectFrom('region')
      .select('id')
      .where('path', '=', paths.worker2)
      .executeTakeFirstOrThrow();
    const cases: [string, number, string][] = [
      ['/api/v1/field/places?building=1幢', 422, 'VALIDATION_FAILED'],
      ['/api/v1/field/households?estate=x&unit=1单元', 422, 'VALIDATION_FAILED'],
      ['/api/v1/field/households?limit=0', 422, 'VALIDATION_FAILED'],
      ['/api/v1/field/households?after=not-a-cursor', 422, 'VALIDATION_FAILED'],
      ['/api/v1/field/enterprises?liaison=you', 422, 'VALIDATION_FAILED'],
      ['/api/v1/field/households?color=red', 422, 'VALIDATION_FAILED'],
      ['/api/v1/field/grids/not-a-uuid/directory', 422, 'VALIDATION_FAILED'],
      [`/api/v1/field/grids/${worker2Grid.id}/directory`, 404, 'NOT_FOUND'],
    ];
    for (const [url, status, code] of cases) {
      const res = await get(url);
      expect([url, res.status, (res.json() as { code: string }).code]).toEqual([url, status, code]);
    }
    expect((await demo.send('GET', '/api/v1/field/households', undefined, undefined)).status).toBe(401);
  });
});
