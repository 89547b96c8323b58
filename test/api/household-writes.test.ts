import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdDetail, Member } from '../../src/shared/domain/household.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { demoGrants, firstGridBelow, gridsBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold, uniqueIdNumber, uniquePhone, withWrongCheckDigit } from '../support/households.ts';

interface ListPage {
  items: { id: string; code: string; isKey: boolean; memberCount: number }[];
  total: number;
  actions: string[];
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const scope: Record<string, { id: string; path: string }> = {};
let gridsOf1: { id: string; path: string; code: string }[] = [];
let gridOf2: { id: string; path: string };
let districtCode: string;

const send = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  user: string,
  body?: unknown,
) => demo.send(method, url, body, cookies[user]);

/** Every response body is checked for the full values we sent: none may come back. */
const fullValues: string[] = [];
const expectMasked = (body: string) => {
  for (const value of fullValues) expect(body).not.toContain(value);
};

const counts = async () => ({
  households: Number(
    (
      await t.database.db
        .selectFrom('household')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  ),
  persons: Number(
    (
      await t.database.db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  ),
  audits: Number(
    (
      await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n,
  ),
});

const auditRows = (action: string, objectId: string) => auditRowsOf(t, action, objectId);

const newHousehold = async (extra: Record<string, unknown> = {}) => {
  const res = await send('POST', '/api/v1/households', 'worker1', {
    gridId: gridsOf1[0]?.id,
    address: '幸福里小区3幢1单元502室',
    estate: '幸福里小区',
    building: '3幢',
    unit: '1单元',
    room: '502室',
    tags: [],
    tagLevels: {},
    ...extra,
  });
  expect(res.status, res.text()).toBe(201);
  return res.json() as HouseholdDetail;
};

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 60);
  const grants = await demoGrants(t);
  for (const g of grants) if (g.region_id && g.path) scope[g.username] = { id: g.region_id, path: g.path };
  districtCode = grants[0]?.district_code as string;
  gridsOf1 = await gridsBelow(t, scope.worker1?.path as string);
  gridOf2 = await firstGridBelow(t, scope.worker2?.path as string);
  for (const u of ['worker1', 'worker2', 'leader', 'sysadmin']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('creating and editing households', () => {
  it('registers a household with a generated code; tags make it a key household; audited', async () => {
    expect(gridsOf1.length).toBeGreaterThan(1);
    const created = await newHousehold({ tags: ['残疾', '留守'], tagLevels: { 残疾: '2' } });
    const grid = gridsOf1[0] as { code: string };
    expect(created.code).toMatch(new RegExp(`^${grid.code}-H\\d{4}$`));
    expect(created.isKey).toBe(true);
    expect(created.tagLevels).toEqual({ 残疾: '2' });
    expect(created.estate).toBe('幸福里小区');
    expect(created.members).toEqual([]);
    expect(created.actions).toEqual(
      expect.arrayContaining(['edit', 'remove', 'add-member', 'edit-member', 'record-key-info', 'edit-plan']),
    );
    const row = await t.database.db
      .selectFrom('household')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.region_path).toBe((gridsOf1[0] as { path: string }).path);
    expect(row.is_key).toBe(true);
    expect(await auditRows('household.created', created.id)).toHaveLength(1);

    // The next generated code follows on; a household without key tags is not key.
    const second = await newHousehold();
    expect(second.isKey).toBe(false);
    expect(second.code > created.code).toBe(true);
    expect(second.actions).not.toContain('record-key-info');

    // The list shows it and offers "create" to writers only.
    const list = (
      await send('GET', `/api/v1/households?q=${encodeURIComponent(created.code)}`, 'worker1')
    ).json() as ListPage;
    expect(list.items.map((h) => h.id)).toEqual([created.id]);
    expect(list.items[0]?.isKey).toBe(true);
    expect(list.actions).toEqual(['create']);
    expect(((await send('GET', '/api/v1/households?limit=1', 'leader')).json() as ListPage).actions).toEqual(
      [],
    );
  });

  it('takes a code given by the user and refuses a taken one with 409', async () => {
    const created = await newHousehold({ code: 'MY-CODE-0001' });
    expect(created.code).toBe('MY-CODE-0001');
    const before = await counts();
    const again = await send('POST', '/api/v1/households', 'worker1', {
      gridId: gridsOf1[0]?.id,
      code: 'MY-CODE-0001',
      address: '别处',
      tags: [],
      tagLevels: {},
    });
    expect(again.status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown fields, unknown or unlevelled tags, and a grid outside the scope, changing nothing', async () => {
    const before = await counts();
    const base = { gridId: gridsOf1[0]?.id, address: '测试路1号', tags: [], tagLevels: {} };
    // Fields the API never takes from a client (docs/specs/trust.md §8).
    for (const extra of [{ isKey: true }, { regionPath: '330109' }, { districtCode: '330110' }]) {
      const res = await send('POST', '/api/v1/households', 'worker1', { ...base, ...extra });
      expect(res.status).toBe(422);
    }
    const unknownTag = await send('POST', '/api/v1/households', 'worker1', { ...base, tags: ['百强'] });
    expect(unknownTag.status).toBe(422);
    expect(JSON.stringify(unknownTag.json())).toContain('unknown tag 百强');
    const noLevel = await send('POST', '/api/v1/households', 'worker1', { ...base, tags: ['残疾'] });
    expect(noLevel.status).toBe(422);
    const badLevel = await send('POST', '/api/v1/households', 'worker1', {
      ...base,
      tags: ['残疾'],
      tagLevels: { 残疾: '5' },
    });
    expect(badLevel.status).toBe(422);
    const outside = await send('POST', '/api/v1/households', 'worker1', { ...base, gridId: gridOf2.id });
    expect(outside.status).toBe(404);
    const notAGrid = await send('POST', '/api/v1/households', 'worker1', {
      ...base,
      gridId: scope.worker1?.id,
    });
    expect(notAGrid.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('edits address and tags (is_key follows) and moves a household to another grid of the scope', async () => {
    const h = await newHousehold();
    const tagged = await send('PATCH', `/api/v1/households/${h.id}`, 'worker1', {
      address: '幸福里小区3幢1单元602室',
      room: '602室',
      tags: ['低保'],
    });
    expect(tagged.status, tagged.text()).toBe(200);
    const afterTag = tagged.json() as HouseholdDetail;
    expect(afterTag).toMatchObject({
      address: '幸福里小区3幢1单元602室',
      room: '602室',
      isKey: true,
      tags: ['低保'],
    });
    expect(afterTag.actions).toContain('record-key-info');

    const target = gridsOf1[1] as { id: string; path: string };
    const moved = (
      await send('PATCH', `/api/v1/households/${h.id}`, 'worker1', { gridId: target.id, tags: [] })
    ).json() as HouseholdDetail;
    expect(moved.gridId).toBe(target.id);
    expect(moved.isKey).toBe(false);
    const row = await t.database.db
      .selectFrom('household')
      .select(['region_path', 'is_key'])
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ region_path: target.path, is_key: false });
    const audits = await auditRows('household.updated', h.id);
    expect(audits).toHaveLength(2);
    expect(audits[1]?.detail).toMatchObject({ movedTo: target.id });

    // Not into a grid of another community, not by someone whose scope does not reach it.
    expect(
      (await send('PATCH', `/api/v1/households/${h.id}`, 'worker1', { gridId: gridOf2.id })).status,
    ).toBe(404);
    expect((await send('PATCH', `/api/v1/households/${h.id}`, 'worker2', { address: 'x' })).status).toBe(404);
    expect((await send('PATCH', `/api/v1/households/${h.id}`, 'leader', { address: 'x' })).status).toBe(403);
    expect((await send('PATCH', `/api/v1/households/${h.id}`, 'worker1', { isKey: true })).status).toBe(422);
    expect((await send('PATCH', `/api/v1/households/${h.id}`, 'worker1', {})).status).toBe(422);
  });

  it('keeps a tag that was deactivated since, but does not let anyone add it anew', async () => {
    const id = await addHousehold(t, gridsOf1[0] as { id: string; path: string }, {
      tags: ['留守'],
      isKey: true,
    });
    const list = (await send('GET', '/api/v1/tags?subject=household', 'worker1')).json() as {
      items: { code: string; active: boolean }[];
    };
    const retired = list.items.map((tag) => (tag.code === '留守' ? { ...tag, active: false } : tag));
    const put = await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: retired });
    expect(put.status, put.text()).toBe(200);
    try {
      const keep = await send('PATCH', `/api/v1/households/${id}`, 'worker1', { tags: ['留守', '低保'] });
      expect(keep.status, keep.text()).toBe(200);
      const other = await newHousehold();
      const add = await send('PATCH', `/api/v1/households/${other.id}`, 'worker1', { tags: ['留守'] });
      expect(add.status).toBe(422);
    } finally {
      await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: list.items });
    }
  });

  it('removes a household that moved out: gone from the list and the detail, audited with the reason', async () => {
    const h = await newHousehold();
    const member = await send('POST', `/api/v1/households/${h.id}/members`, 'worker1', {
      name: '搬走的人',
      gender: 'M',
      birthDate: '1980-05-05',
      relationship: '户主',
    });
    expect(member.status).toBe(201);
    expect(
      (await send('POST', `/api/v1/households/${h.id}/remove`, 'worker2', { reason: '已搬离' })).status,
    ).toBe(404);
    expect((await send('POST', `/api/v1/households/${h.id}/remove`, 'worker1', {})).status).toBe(422);
    const removed = await send('POST', `/api/v1/households/${h.id}/remove`, 'worker1', {
      reason: '已搬离本社区',
    });
    expect(removed.status).toBe(200);
    expect((removed.json() as { removedAt: string }).removedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await send('GET', `/api/v1/households/${h.id}`, 'worker1')).status).toBe(404);
    const list = (await send('GET', `/api/v1/households?q=${h.code}`, 'worker1')).json() as ListPage;
    expect(list.total).toBe(0);
    const [audit] = await auditRows('household.removed', h.id);
    expect(audit?.detail).toMatchObject({ reason: '已搬离本社区' });
    // Removing again finds nothing; its members went with it.
    expect(
      (await send('POST', `/api/v1/households/${h.id}/remove`, 'worker1', { reason: '再次' })).status,
    ).toBe(404);
    const person = await t.database.db
      .selectFrom('person')
      .select('removed_at')
      .where('household_id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(person.removed_at).not.toBeNull();
  });
});

describe('members', () => {
  let household: HouseholdDetail;
  beforeAll(async () => {
    household = await newHousehold();
  });
  const membersUrl = () => `/api/v1/households/${household.id}/members`;
  const valid = () => {
    const id = uniqueIdNumber('F');
    const phone = uniquePhone();
    fullValues.push(id.idNumber, phone);
    return {
      name: '王丽',
      gender: id.gender,
      birthDate: id.birthDate,
      relationship: '配偶',
      idNumber: id.idNumber,
      phone,
    };
  };

  it('refuses a wrong check digit, an ID that disagrees with birth date or gender, a bad phone, a future birth date, unknown fields — changing nothing', async () => {
    const before = await counts();
    const good = valid();
    const cases: [string, Record<string, unknown>, string][] = [
      ['check digit', { ...good, idNumber: withWrongCheckDigit(good.idNumber) }, 'idNumber'],
      ['birth date vs ID', { ...good, birthDate: '1999-12-31' }, 'birthDate'],
      ['gender vs ID', { ...good, gender: 'M' }, 'gender'],
      ['phone', { ...good, phone: '12345678901' }, 'phone'],
      ['future birth date', { ...good, idNumber: null, birthDate: '2999-01-01' }, 'birthDate'],
      ['unknown field', { ...good, removedAt: null }, ''],
      ['relationship', { ...good, relationship: '邻居' }, 'relationship'],
      ['missing name', { ...good, name: '' }, 'name'],
    ];
    for (const [name, body, field] of cases) {
      const res = await send('POST', membersUrl(), 'worker1', body);
      expect(res.status, name).toBe(422);
      const problem = res.json() as { errors: { path: string }[] };
      if (field) expect(problem.errors.map((e) => e.path).join(), name).toContain(field);
      expectMasked(res.text());
    }
    expect(await counts()).toEqual(before);
  });

  it('adds a member encrypted with a keyed hash and answers it masked; the audit holds no full value', async () => {
    const body = valid();
    const res = await send('POST', membersUrl(), 'worker1', body);
    expect(res.status, res.text()).toBe(201);
    expectMasked(res.text());
    const member = res.json() as Member;
    expect(member.idNumberMasked).toBe(`${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(-4)}`);
    expect(member.phoneMasked).toBe(`${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`);
    const row = await t.database.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    const { cipher } = t.app.ctx;
    expect(cipher.decrypt(row.id_number_enc as Uint8Array)).toBe(body.idNumber);
    expect(
      Buffer.from(row.id_number_hash as Uint8Array).equals(Buffer.from(cipher.hash(body.idNumber))),
    ).toBe(true);
    expect(cipher.decrypt(row.phone_enc as Uint8Array)).toBe(body.phone);
    const [audit] = await auditRows('member.added', member.id);
    expect(audit).toBeDefined();
    expectMasked(JSON.stringify(audit));
    const detail = (
      await send('GET', `/api/v1/households/${household.id}`, 'worker1')
    ).json() as HouseholdDetail;
    expect(detail.members.map((m) => m.id)).toContain(member.id);
    expectMasked(JSON.stringify(detail));
  });

  it('refuses an ID number already on record anywhere in the district without saying whose', async () => {
    const body = valid();
    expect((await send('POST', membersUrl(), 'worker1', body)).status).toBe(201);
    const elsewhere = await addHousehold(t, gridOf2);
    const before = await counts();
    const dup = await send('POST', `/api/v1/households/${elsewhere}/members`, 'worker2', {
      ...body,
      name: '别人',
    });
    expect(dup.status).toBe(409);
    expect(dup.text()).not.toContain(household.id);
    expect(dup.text()).not.toContain('王丽');
    expectMasked(dup.text());
    expect(await counts()).toEqual(before);
    // A seeded person's number too.
    const seeded = await t.database.db
      .selectFrom('person')
      .select(['id_number_enc'])
      .where('id_number_enc', 'is not', null)
      .where('household_id', '!=', household.id)
      .executeTakeFirstOrThrow();
    const seededId = t.app.ctx.cipher.decrypt(seeded.id_number_enc as Uint8Array);
    fullValues.push(seededId);
    const { idCardBirthDate, idCardGender } = await import('../../src/shared/validation/id-card.ts');
    const clash = await send('POST', membersUrl(), 'worker1', {
      name: '冒名',
      gender: idCardGender(seededId),
      birthDate: idCardBirthDate(seededId),
      relationship: '其他亲属',
      idNumber: seededId,
    });
    expect(clash.status).toBe(409);
    expectMasked(clash.text());
  });

  it('edits a member: null clears a phone, a new ID must agree with the birth date on record', async () => {
    const body = valid();
    const member = (await send('POST', membersUrl(), 'worker1', body)).json() as Member;
    const url = `${membersUrl()}/${member.id}`;
    const cleared = await send('PATCH', url, 'worker1', { phone: null, name: '王丽丽' });
    expect(cleared.status, cleared.text()).toBe(200);
    expect(cleared.json()).toMatchObject({
      phoneMasked: null,
      name: '王丽丽',
      idNumberMasked: member.idNumberMasked,
    });
    const row = await t.database.db
      .selectFrom('person')
      .select(['phone_enc', 'phone_hash'])
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ phone_enc: null, phone_hash: null });

    // A number whose birth date is not the one on record, alone, is refused.
    const other = uniqueIdNumber('F');
    fullValues.push(other.idNumber);
    const before = await counts();
    const mismatch = await send('PATCH', url, 'worker1', { idNumber: other.idNumber });
    expect(mismatch.status).toBe(422);
    expect(JSON.stringify(mismatch.json())).toContain('birthDate');
    // Changing the birth date alone against the ID on record, too.
    expect((await send('PATCH', url, 'worker1', { birthDate: '2001-01-01' })).status).toBe(422);
    expect((await send('PATCH', url, 'worker1', { gender: 'M' })).status).toBe(422);
    expect(await counts()).toEqual(before);
    // Both together are fine; and the ID can be cleared, after which the birth date is free.
    const both = await send('PATCH', url, 'worker1', {
      idNumber: other.idNumber,
      birthDate: other.birthDate,
    });
    expect(both.status, both.text()).toBe(200);
    expectMasked(both.text());
    const clearedId = await send('PATCH', url, 'worker1', { idNumber: null, birthDate: '2001-01-01' });
    expect(clearedId.json()).toMatchObject({ idNumberMasked: null, birthDate: '2001-01-01' });
    expect(await auditRows('member.updated', member.id)).toHaveLength(3);
    for (const audit of await auditRows('member.updated', member.id)) expectMasked(JSON.stringify(audit));

    // Outside the scope: 404; unknown fields: 422.
    expect((await send('PATCH', url, 'worker2', { name: 'x' })).status).toBe(404);
    expect((await send('PATCH', url, 'worker1', { householdId: household.id })).status).toBe(422);
  });

  it('keeps an imported relationship outside the list until someone changes it', async () => {
    const member = (
      await send('POST', membersUrl(), 'worker1', { ...valid(), idNumber: null, phone: null })
    ).json() as Member;
    await t.database.db
      .updateTable('person')
      .set({ relationship: '侄子' })
      .where('id', '=', member.id)
      .execute();
    const url = `${membersUrl()}/${member.id}`;
    expect((await send('PATCH', url, 'worker1', { relationship: '侄子', name: '王小' })).status).toBe(200);
    expect((await send('PATCH', url, 'worker1', { relationship: '外甥' })).status).toBe(422);
    expect((await send('PATCH', url, 'worker1', { relationship: '其他亲属' })).status).toBe(200);
  });

  it('removes a member: no longer listed or counted, audited; the number may be registered again', async () => {
    const body = valid();
    const member = (await send('POST', membersUrl(), 'worker1', body)).json() as Member;
    const url = `${membersUrl()}/${member.id}`;
    expect((await send('DELETE', url, 'worker2')).status).toBe(404);
    expect((await send('DELETE', url, 'worker1')).status).toBe(204);
    expect((await send('DELETE', url, 'worker1')).status).toBe(404);
    const detail = (
      await send('GET', `/api/v1/households/${household.id}`, 'worker1')
    ).json() as HouseholdDetail;
    expect(detail.members.map((m) => m.id)).not.toContain(member.id);
    expect(detail.memberCount).toBe(detail.members.length);
    const list = (await send('GET', `/api/v1/households?q=${household.code}`, 'worker1')).json() as ListPage;
    expect(list.items[0]?.memberCount).toBe(detail.members.length);
    expect(await auditRows('member.removed', member.id)).toHaveLength(1);
    expect((await send('PATCH', url, 'worker1', { name: 'x' })).status).toBe(404);
    // The person moved into another household of the district: the same number is accepted there.
    const elsewhere = await addHousehold(t, gridOf2);
    const again = await send('POST', `/api/v1/households/${elsewhere}/members`, 'worker2', body);
    expect(again.status, again.text()).toBe(201);
  });
});

describe('what a household offers to whom', () => {
  it('offers writes within the write scope, key-household actions only for key households, unmask where allowed', async () => {
    const h = await newHousehold({ tags: ['低保'] });
    const worker = (await send('GET', `/api/v1/households/${h.id}`, 'worker1')).json() as HouseholdDetail;
    expect(worker.actions.sort()).toEqual(
      ['add-member', 'edit', 'edit-member', 'edit-plan', 'record-key-info', 'remove', 'unmask'].sort(),
    );
    const leader = (await send('GET', `/api/v1/households/${h.id}`, 'leader')).json() as HouseholdDetail;
    expect(leader.actions).toEqual(['unmask']);
    expect((await send('GET', `/api/v1/households/${h.id}`, 'worker2')).status).toBe(404);
    expect(districtCode).toMatch(/^\d{6}$/);
  });
});
