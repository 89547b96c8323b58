import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import type { Role } from '../../src/shared/auth/roles.ts';
import type {
  EnterpriseDetail,
  EnterpriseList,
  LiaisonCandidate,
} from '../../src/shared/domain/enterprise.ts';
import { DEFAULT_TAGS } from '../../src/shared/domain/tags.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises, uniqueCreditCode, withWrongCheckChar } from '../support/enterprises.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let district = '';
const cookies: Record<string, string> = {};
const scope: Record<string, { id: string; path: string }> = {};
const userIds: Record<string, string> = {};
/** A grid in worker1's community (a) and one in worker2's (b). */
let gridA = { id: '', path: '' };
let gridB = { id: '', path: '' };

const db = () => t.database.db;
const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);

const row = (id: string) =>
  db().selectFrom('enterprise').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditsOf = (id: string, action: string) =>
  db()
    .selectFrom('audit_log')
    .selectAll()
    .where('object_id', '=', id)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
const enterpriseCount = async () =>
  Number(
    (
      await db()
        .selectFrom('enterprise')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function addAccount(username: string, role: Role, scopeRegionId: string | null): Promise<string> {
  const id = await createUser(db(), {
    districtCode: district,
    username,
    displayName: `${username}（测试）`,
    password: DEMO_PASSWORD,
    mustChangePassword: false,
    grants: [{ role, scopeRegionId }],
    actor: { districtCode: district, username: 'test', sourceIp: null },
  });
  userIds[username] = id;
  return id;
}

const newEnterprise = (overrides: Record<string, unknown> = {}) => ({
  gridId: gridA.id,
  name: '杭州新建测试科技有限公司',
  creditCode: uniqueCreditCode(),
  address: '建设一路1号',
  tags: ['专精特新'],
  contactName: '王经理',
  contactPhone: '+86 139-1234-5678',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 1000);
  const grants = await demoGrants(t);
  for (const g of grants) {
    userIds[g.username] = g.user_id;
    district = g.district_code;
    if (g.region_id && g.path) scope[g.username] = { id: g.region_id, path: g.path };
  }
  gridA = await firstGridBelow(t, scope.worker1?.path as string);
  gridB = await firstGridBelow(t, scope.worker2?.path as string);
  for (const u of ['leader', 'dispatcher', 'worker1', 'worker2', 'liaison'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('recording an enterprise', () => {
  it('creates one in a grid of the scope, normalised, with the contact phone encrypted and masked, audited', async () => {
    const body = newEnterprise();
    const code = body.creditCode;
    const res = await send('POST', '/api/v1/enterprises', 'worker1', {
      ...body,
      creditCode: code.toLowerCase(),
    });
    expect(res.status).toBe(201);
    const detail = res.json() as EnterpriseDetail;
    expect(detail).toMatchObject({
      name: body.name,
      creditCode: code,
      address: body.address,
      gridId: gridA.id,
      tags: ['专精特新'],
      contactName: '王经理',
      contactPhoneMasked: '139****5678',
      liaisonId: null,
      liaisonName: null,
      actions: ['edit', 'remove', 'unmask'],
    });
    expect(res.text()).not.toContain('13912345678');
    const stored = await row(detail.id);
    expect(stored.credit_code).toBe(code);
    expect(stored.region_path).toBe(gridA.path);
    expect(t.app.ctx.cipher.decrypt(stored.contact_phone_enc as Uint8Array)).toBe('13912345678');
    expect(Buffer.from(stored.contact_phone_hash as Uint8Array)).toEqual(
      Buffer.from(t.app.ctx.cipher.hash('13912345678')),
    );
    const audits = await auditsOf(detail.id, 'enterprise.created');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_name: 'worker1', result: 'success', object_type: 'enterprise' });
    expect(JSON.stringify(audits[0]?.detail)).not.toContain('13912345678');
    // It is in the list at once, and a list carries `create` for someone who may record enterprises.
    const list = (
      await send('GET', `/api/v1/enterprises?q=${code.toLowerCase()}`, 'worker1')
    ).json() as EnterpriseList;
    expect(list.items.map((e) => e.id)).toEqual([detail.id]);
    expect(list.actions).toEqual(['create']);
    expect(
      ((await send('GET', '/api/v1/enterprises?limit=1', 'leader')).json() as EnterpriseList).actions,
    ).toEqual([]);
  });

  it('refuses a credit code with a wrong check character, unknown tags and bad phones with 422, creating nothing', async () => {
    const before = await enterpriseCount();
    const wrong = await send('POST', '/api/v1/enterprises', 'worker1', {
      ...newEnterprise(),
      creditCode: withWrongCheckChar(uniqueCreditCode()),
    });
    expect(wrong.status).toBe(422);
    expect((wrong.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'body.creditCode',
    ]);

    const tags = await send(
      'POST',
      '/api/v1/enterprises',
      'worker1',
      newEnterprise({ tags: ['百强', '不存在', '百强'] }),
    );
    expect(tags.status).toBe(422);
    const messages = (tags.json() as { errors: { path: string; message: string }[] }).errors;
    expect(messages.map((e) => e.message).sort()).toEqual(['a tag is listed twice', 'unknown tag 不存在']);
    expect(messages.every((e) => e.path === 'body.tags')).toBe(true);

    const phone = await send(
      'POST',
      '/api/v1/enterprises',
      'worker1',
      newEnterprise({ contactPhone: '12345' }),
    );
    expect(phone.status).toBe(422);
    // A region that is not a grid.
    const community = await send(
      'POST',
      '/api/v1/enterprises',
      'worker1',
      newEnterprise({ gridId: scope.worker1?.id }),
    );
    expect(community.status).toBe(422);
    expect(await enterpriseCount()).toBe(before);
  });

  it('refuses a credit code already on record in the district with 409, also one of a removed enterprise', async () => {
    const [existing] = await addEnterprises(t, scope.worker2?.path as string, 1);
    const taken = (await row(existing as string)).credit_code;
    const before = await enterpriseCount();
    // Taken in worker2's community: worker1 learns only that the code is on record.
    const dup = await send('POST', '/api/v1/enterprises', 'worker1', newEnterprise({ creditCode: taken }));
    expect(dup.status).toBe(409);
    expect(dup.text()).not.toContain(existing as string);

    const created = (
      await send('POST', '/api/v1/enterprises', 'worker1', newEnterprise())
    ).json() as EnterpriseDetail;
    expect(
      (await send('POST', `/api/v1/enterprises/${created.id}/remove`, 'worker1', { reason: '录入错误' }))
        .status,
    ).toBe(204);
    const again = await send(
      'POST',
      '/api/v1/enterprises',
      'worker1',
      newEnterprise({ creditCode: created.creditCode }),
    );
    expect(again.status).toBe(409);
    expect(await enterpriseCount()).toBe(before + 1);
  });

  it('refuses unknown fields and fields nobody sets this way (liaison, removal) with 422, changing nothing', async () => {
    const before = await enterpriseCount();
    const create = await send('POST', '/api/v1/enterprises', 'worker1', {
      ...newEnterprise(),
      liaisonUserId: userIds.liaison,
    });
    expect(create.status).toBe(422);
    expect(await enterpriseCount()).toBe(before);

    const [id] = await addEnterprises(t, scope.worker1?.path as string, 1);
    const original = await row(id as string);
    for (const body of [
      { address: '新地址路9号', liaisonUserId: userIds.liaison },
      { address: '新地址路9号', removedAt: new Date().toISOString() },
      { address: '新地址路9号', districtCode: '330100' },
      {},
    ]) {
      const res = await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await row(id as string)).toEqual(original);
    expect(await auditsOf(id as string, 'enterprise.updated')).toEqual([]);
  });

  it('records nothing for a grid outside the scope (404) or without the permission (403)', async () => {
    const before = await enterpriseCount();
    expect(
      (await send('POST', '/api/v1/enterprises', 'worker1', newEnterprise({ gridId: gridB.id }))).status,
    ).toBe(404);
    expect((await send('POST', '/api/v1/enterprises', 'leader', newEnterprise())).status).toBe(403);
    expect((await send('POST', '/api/v1/enterprises', 'dispatcher', newEnterprise())).status).toBe(403);
    expect(await enterpriseCount()).toBe(before);
  });
});

describe('editing and removing', () => {
  it('changes the given fields, audits which ones, and changes the credit code only to one not on record', async () => {
    const [id, other] = await addEnterprises(t, scope.worker1?.path as string, 2);
    const otherCode = (await row(other as string)).credit_code;
    const fresh = uniqueCreditCode();
    const res = await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', {
      address: '  钱江路88号  ',
      creditCode: fresh,
      contactPhone: '13800001234',
    });
    expect(res.status).toBe(200);
    const detail = res.json() as EnterpriseDetail;
    expect(detail).toMatchObject({
      address: '钱江路88号',
      creditCode: fresh,
      contactPhoneMasked: '138****1234',
    });
    expect(res.text()).not.toContain('13800001234');
    const audits = await auditsOf(id as string, 'enterprise.updated');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ changed: ['creditCode', 'address', 'contactPhone'] });
    expect(JSON.stringify(audits[0]?.detail)).not.toContain('13800001234');

    // Another enterprise's code: 409, and the address sent along is not changed either.
    const clash = await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', {
      address: '不应保存路1号',
      creditCode: otherCode,
    });
    expect(clash.status).toBe(409);
    expect((await row(id as string)).address).toBe('钱江路88号');
    // A wrong check character: 422.
    const wrong = await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', {
      creditCode: withWrongCheckChar(uniqueCreditCode()),
    });
    expect(wrong.status).toBe(422);
    // Clearing the contact phone; sending the same values again changes and audits nothing.
    const cleared = (
      await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', { contactPhone: null })
    ).json() as EnterpriseDetail;
    expect(cleared.contactPhoneMasked).toBeNull();
    expect(cleared.actions).toEqual(['edit', 'remove']);
    expect((await row(id as string)).contact_phone_hash).toBeNull();
    await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', {
      address: '钱江路88号',
      contactPhone: null,
    });
    expect(await auditsOf(id as string, 'enterprise.updated')).toHaveLength(2);
  });

  it('keeps a tag the district list has since retired, but refuses to add it', async () => {
    const [id] = await addEnterprises(t, scope.worker1?.path as string, 1);
    await db()
      .updateTable('enterprise')
      .set({ tags: ['新雏鹰'] })
      .where('id', '=', id as string)
      .execute();
    const enterpriseTags = DEFAULT_TAGS.filter((d) => d.subject === 'enterprise').map((d) =>
      d.code === '新雏鹰' ? { ...d, active: false } : d,
    );
    await t.app.ctx.repositories.tags.replace(db(), district, 'enterprise', enterpriseTags);
    try {
      const keep = await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', { tags: ['新雏鹰', '百强'] });
      expect(keep.status).toBe(200);
      expect((keep.json() as EnterpriseDetail).tags).toEqual(['新雏鹰', '百强']);
      const add = await send('POST', '/api/v1/enterprises', 'worker1', newEnterprise({ tags: ['新雏鹰'] }));
      expect(add.status).toBe(422);
      expect((add.json() as { errors: { message: string }[] }).errors[0]?.message).toBe(
        'tag 新雏鹰 is no longer in use',
      );
    } finally {
      await db().deleteFrom('tag_definition').where('district_code', '=', district).execute();
    }
  });

  it('answers 404 for an enterprise outside the write scope and 403 without the permission', async () => {
    const [theirs] = await addEnterprises(t, scope.worker2?.path as string, 1);
    const before = await row(theirs as string);
    expect(
      (await send('PATCH', `/api/v1/enterprises/${theirs}`, 'worker1', { address: '越权路1号' })).status,
    ).toBe(404);
    expect(
      (await send('POST', `/api/v1/enterprises/${theirs}/remove`, 'worker1', { reason: '越权' })).status,
    ).toBe(404);
    expect(
      (await send('PATCH', `/api/v1/enterprises/${theirs}`, 'leader', { address: '越权路1号' })).status,
    ).toBe(403);
    // Moving one of worker1's enterprises into worker2's grid is refused as an unseen grid.
    const [mine] = await addEnterprises(t, scope.worker1?.path as string, 1);
    expect((await send('PATCH', `/api/v1/enterprises/${mine}`, 'worker1', { gridId: gridB.id })).status).toBe(
      404,
    );
    expect(await row(theirs as string)).toEqual(before);
    expect((await row(mine as string)).grid_id).not.toBe(gridB.id);
  });

  it('removes with a reason: gone from the list, the detail, unmask and edits; audited', async () => {
    const [id] = await addEnterprises(t, scope.worker1?.path as string, 1, () => '杭州待移除贸易有限公司');
    expect((await send('POST', `/api/v1/enterprises/${id}/remove`, 'worker1', { reason: 'x' })).status).toBe(
      422,
    );
    const res = await send('POST', `/api/v1/enterprises/${id}/remove`, 'worker1', { reason: '企业已注销' });
    expect(res.status).toBe(204);
    expect((await row(id as string)).removed_at).toBeInstanceOf(Date);
    expect((await send('GET', `/api/v1/enterprises/${id}`, 'worker1')).status).toBe(404);
    const list = (
      await send('GET', `/api/v1/enterprises?q=${encodeURIComponent('待移除')}`, 'leader')
    ).json() as EnterpriseList;
    expect(list.total).toBe(0);
    const unmask = await send('POST', `/api/v1/enterprises/${id}/unmask`, 'worker1', {
      field: 'contact_phone',
      reason: '核实',
    });
    expect(unmask.status).toBe(404);
    expect(
      (await send('PATCH', `/api/v1/enterprises/${id}`, 'worker1', { address: '复活路1号' })).status,
    ).toBe(404);
    expect(
      (await send('POST', `/api/v1/enterprises/${id}/remove`, 'worker1', { reason: '再次移除' })).status,
    ).toBe(404);
    const audits = await auditsOf(id as string, 'enterprise.removed');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ reason: '企业已注销' });
  });
});

describe('liaisons (陪跑员)', () => {
  it('seeds the demo liaison on the top-100 and specialised enterprises, which are "my enterprises" for them', async () => {
    // Seeded enterprises have codes of registration authority 9 (the tests' own start with 5).
    const seeded = await db()
      .selectFrom('enterprise')
      .select(['id', 'liaison_user_id', 'tags'])
      .where('credit_code', 'like', '9%')
      .execute();
    const expected = seeded.filter((e) => e.tags.includes('百强') || e.tags.includes('专精特新'));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(seeded.length);
    for (const e of seeded) expect(e.liaison_user_id).toBe(expected.includes(e) ? userIds.liaison : null);
    const mine = (
      await send('GET', '/api/v1/enterprises?liaison=me&limit=100', 'liaison')
    ).json() as EnterpriseList;
    expect(mine.total).toBe(expected.length);
    expect(mine.items.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(mine.items.every((e) => e.liaisonName === '企业陪跑员（演示）')).toBe(true);
    expect(mine.actions).toEqual(['create']);
    // Nobody else is anyone's liaison: the same filter is empty for worker1.
    expect(
      ((await send('GET', '/api/v1/enterprises?liaison=me', 'worker1')).json() as EnterpriseList).total,
    ).toBe(0);
    expect((await send('GET', '/api/v1/enterprises?liaison=someone', 'worker1')).status).toBe(422);
  });

  it('filters by tag', async () => {
    const list = (
      await send('GET', `/api/v1/enterprises?tag=${encodeURIComponent('专精特新')}&limit=100`, 'leader')
    ).json() as EnterpriseList;
    const rows = await db().selectFrom('enterprise').select('tags').where('removed_at', 'is', null).execute();
    const count = rows.filter((r) => r.tags.includes('专精特新'));
    expect(count.length).toBeGreaterThan(0);
    expect(list.total).toBe(count.length);
    expect(list.items.every((e) => e.tags.includes('专精特新'))).toBe(true);
  });

  it('offers and assigns only active liaisons whose scope reaches the enterprise, and audits the assignment', async () => {
    const [id] = await addEnterprises(t, scope.worker1?.path as string, 1);
    await addAccount('liaison.b', 'liaison', scope.worker2?.id as string);
    await addAccount('liaison.a', 'liaison', scope.worker1?.id as string);
    await addAccount('liaison.gone', 'liaison', null);
    await db()
      .updateTable('app_user')
      .set({ active: false })
      .where('id', '=', userIds['liaison.gone'] as string)
      .execute();

    const candidates = await send('GET', `/api/v1/enterprises/${id}/liaison-candidates`, 'leader');
    expect(candidates.status).toBe(200);
    const items = (candidates.json() as { items: LiaisonCandidate[] }).items;
    expect(items.map((c) => c.id).sort()).toEqual([userIds.liaison, userIds['liaison.a']].sort());
    const streetName = await db()
      .selectFrom('region')
      .select('name')
      .where('id', '=', scope.liaison?.id as string)
      .executeTakeFirstOrThrow();
    expect(items.find((c) => c.id === userIds.liaison)).toEqual({
      id: userIds.liaison,
      displayName: '企业陪跑员（演示）',
      scopeName: streetName.name,
    });

    const refusals: [string, string][] = [
      [userIds.worker1 as string, 'does not hold the enterprise liaison role'],
      [userIds['liaison.b'] as string, 'does not reach this enterprise'],
      [userIds['liaison.gone'] as string, 'is deactivated'],
      ['00000000-0000-7000-8000-000000000000', 'No such account'],
    ];
    for (const [userId, reason] of refusals) {
      const res = await send('PUT', `/api/v1/enterprises/${id}/liaison`, 'leader', { userId });
      expect(res.status, reason).toBe(422);
      expect((res.json() as { errors: { path: string; message: string }[] }).errors[0]).toMatchObject({
        path: 'body.userId',
        message: expect.stringContaining(reason),
      });
    }
    expect((await row(id as string)).liaison_user_id).toBeNull();
    expect(await auditsOf(id as string, 'enterprise.liaison_assigned')).toEqual([]);

    const assigned = await send('PUT', `/api/v1/enterprises/${id}/liaison`, 'leader', {
      userId: userIds.liaison,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.json()).toMatchObject({ liaisonId: userIds.liaison, liaisonName: '企业陪跑员（演示）' });
    const detail = (await send('GET', `/api/v1/enterprises/${id}`, 'worker1')).json() as EnterpriseDetail;
    expect(detail.liaisonName).toBe('企业陪跑员（演示）');
    const listed = (
      await send('GET', '/api/v1/enterprises?liaison=me&limit=100', 'liaison')
    ).json() as EnterpriseList;
    expect(listed.items.map((e) => e.id)).toContain(id);
    const audits = await auditsOf(id as string, 'enterprise.liaison_assigned');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_name: 'leader', result: 'success' });
    expect(audits[0]?.detail).toEqual({ before: null, after: userIds.liaison });

    // The liaison sees and edits it, but may not unmask or assign.
    const asLiaison = (await send('GET', `/api/v1/enterprises/${id}`, 'liaison')).json() as EnterpriseDetail;
    expect(asLiaison.actions).toEqual(['edit', 'remove']);

    const unassigned = await send('PUT', `/api/v1/enterprises/${id}/liaison`, 'leader', { userId: null });
    expect(unassigned.json()).toMatchObject({ liaisonId: null, liaisonName: null });
    expect(await auditsOf(id as string, 'enterprise.liaison_assigned')).toHaveLength(2);
  });

  it('keeps assignment to leaders in scope: 403 for grid workers, 404 outside the scope', async () => {
    const [id] = await addEnterprises(t, scope.worker1?.path as string, 1);
    expect(
      (await send('PUT', `/api/v1/enterprises/${id}/liaison`, 'worker1', { userId: userIds.liaison })).status,
    ).toBe(403);
    expect((await send('GET', `/api/v1/enterprises/${id}/liaison-candidates`, 'liaison')).status).toBe(403);
    const outside = await addAccount('leader.b', 'leader', scope.worker2?.id as string);
    expect(outside).toBeTruthy();
    const cookie = await demo.signIn('leader.b');
    expect(
      (await demo.send('PUT', `/api/v1/enterprises/${id}/liaison`, { userId: null }, cookie)).status,
    ).toBe(404);
    expect(
      (await demo.send('GET', `/api/v1/enterprises/${id}/liaison-candidates`, undefined, cookie)).status,
    ).toBe(404);
  });

  it('drops the liaison when the enterprise moves out of their reach', async () => {
    const [id] = await addEnterprises(t, scope.worker1?.path as string, 1);
    const liaisonA =
      userIds['liaison.a'] ?? (await addAccount('liaison.a', 'liaison', scope.worker1?.id as string));
    expect(
      (await send('PUT', `/api/v1/enterprises/${id}/liaison`, 'leader', { userId: liaisonA })).status,
    ).toBe(200);
    // The demo liaison's scope is the street: it may move the enterprise to the other community.
    const moved = await send('PATCH', `/api/v1/enterprises/${id}`, 'liaison', { gridId: gridB.id });
    expect(moved.status).toBe(200);
    expect(moved.json()).toMatchObject({ gridId: gridB.id, liaisonId: null });
    expect((await row(id as string)).region_path).toBe(gridB.path);
    const audits = await auditsOf(id as string, 'enterprise.updated');
    expect(audits[0]?.detail).toMatchObject({ changed: ['gridId'], liaisonCleared: liaisonA });
  });
});
