import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';

interface Page {
  items: { id: string; name: string; creditCode: string; gridName: string; tags: string[] }[];
  next: string | null;
  total: number;
}
interface Detail {
  id: string;
  name: string;
  creditCode: string;
  gridName: string;
  regionPath: { id: string; name: string; level: string }[];
  contactName: string | null;
  contactPhoneMasked: string | null;
  actions: string[];
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const scope: Record<string, { id: string; path: string }> = {};
let mine: string[] = [];
let theirs: string[] = [];

const pathsUnder = async (path: string) =>
  (
    await t.database.db
      .selectFrom('enterprise')
      .select('id')
      .where((eb) => eb.or([eb('region_path', '=', path), eb('region_path', 'like', `${path}.%`)]))
      .execute()
  ).map((r) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 50);
  const grants = await demoGrants(t);
  for (const g of grants) if (g.region_id && g.path) scope[g.username] = { id: g.region_id, path: g.path };
  mine = await addEnterprises(t, scope.worker1?.path as string, 23, (i) => `杭州一号社区${i}号贸易有限公司`);
  theirs = await addEnterprises(t, scope.worker2?.path as string, 4, (i) => `杭州二号社区${i}号贸易有限公司`);
  for (const u of ['leader', 'dispatcher', 'worker1', 'worker2', 'auditor'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const get = async (url: string, user: string) => demo.send('GET', url, undefined, cookies[user]);

describe('enterprises', () => {
  it('lists only the enterprises in the scope: the community for a grid worker, the street for a leader', async () => {
    const inCommunity = await pathsUnder(scope.worker1?.path as string);
    const inStreet = await pathsUnder(scope.leader?.path as string);
    expect(inCommunity).toEqual(expect.arrayContaining(mine));
    expect(inStreet.length).toBeGreaterThan(inCommunity.length);

    const worker = (await get('/api/v1/enterprises?limit=100', 'worker1')).json() as Page;
    expect(worker.total).toBe(inCommunity.length);
    expect(worker.items.map((e) => e.id).sort()).toEqual([...inCommunity].sort());
    expect(worker.items.some((e) => theirs.includes(e.id))).toBe(false);

    const leader = (await get('/api/v1/enterprises?limit=100', 'leader')).json() as Page;
    expect(leader.total).toBe(inStreet.length);
    expect(leader.items.map((e) => e.id)).toEqual(expect.arrayContaining([...mine, ...theirs]));

    // Below a region the leader reaches; a region outside the scope is not found.
    const below = (await get(`/api/v1/enterprises?regionId=${scope.worker2?.id}`, 'leader')).json() as Page;
    expect(below.total).toBe((await pathsUnder(scope.worker2?.path as string)).length);
    expect((await get(`/api/v1/enterprises?regionId=${scope.worker2?.id}`, 'worker1')).status).toBe(404);
  });

  it('searches by name, credit code or address', async () => {
    const byName = (
      await get(`/api/v1/enterprises?q=${encodeURIComponent('一号社区')}`, 'leader')
    ).json() as Page;
    expect(byName.total).toBe(mine.length);
    const one = byName.items[0] as Page['items'][number];
    const byCode = (await get(`/api/v1/enterprises?q=${one.creditCode}`, 'leader')).json() as Page;
    expect(byCode.items.map((e) => e.id)).toEqual([one.id]);
    // The other community's enterprises do not turn up for worker1, even by name.
    const other = (
      await get(`/api/v1/enterprises?q=${encodeURIComponent('二号社区')}`, 'worker1')
    ).json() as Page;
    expect(other).toMatchObject({ items: [], next: null, total: 0 });
    // LIKE wildcards are taken literally.
    expect(((await get('/api/v1/enterprises?q=%25', 'leader')).json() as Page).total).toBe(0);
  });

  it('pages with a keyset cursor, without gaps or repeats, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    let total = 0;
    do {
      const url: string = `/api/v1/enterprises?limit=5${after ? `&after=${after}` : ''}`;
      const page = (await get(url, 'worker1')).json() as Page;
      total = page.total;
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((e) => e.id));
      after = page.next;
      pages++;
    } while (after && pages < 50);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 5));
    const forged = await get('/api/v1/enterprises?after=not-a-cursor', 'worker1');
    expect(forged.status).toBe(422);
  });

  it('shows a detail with the contact phone masked, and offers only the actions the caller may take', async () => {
    const id = mine[0] as string;
    const res = await get(`/api/v1/enterprises/${id}`, 'worker1');
    expect(res.status).toBe(200);
    const detail = res.json() as Detail;
    const row = await t.database.db
      .selectFrom('enterprise')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const phone = t.app.ctx.cipher.decrypt(row.contact_phone_enc as Uint8Array);
    expect(detail).toMatchObject({
      id,
      name: row.name,
      creditCode: row.credit_code,
      contactName: row.contact_name,
    });
    expect(detail.contactPhoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(detail)).not.toContain(phone);
    expect(detail.regionPath.map((r) => r.level)).toEqual(['district', 'street', 'community', 'grid']);
    expect(detail.regionPath.at(-1)?.name).toBe(detail.gridName);
    expect(detail.actions).toEqual(['edit', 'remove', 'unmask']);
    expect(((await get(`/api/v1/enterprises/${id}`, 'leader')).json() as Detail).actions).toEqual([
      'assign-liaison',
      'unmask',
    ]);
    expect(((await get(`/api/v1/enterprises/${id}`, 'dispatcher')).json() as Detail).actions).toEqual([]);
    expect((await get(`/api/v1/enterprises/${id}`, 'auditor')).status).toBe(403);
  });

  it('unmasks the contact phone after writing an audit row', async () => {
    const id = mine[1] as string;
    const body = { field: 'contact_phone', reason: '走访企业核实联系人' };
    const res = await demo.send('POST', `/api/v1/enterprises/${id}/unmask`, body, cookies.worker1);
    expect(res.status).toBe(200);
    const row = await t.database.db
      .selectFrom('enterprise')
      .select('contact_phone_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(res.json()).toEqual({
      field: 'contact_phone',
      value: t.app.ctx.cipher.decrypt(row.contact_phone_enc as Uint8Array),
    });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.unmask')
      .where('object_id', '=', id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_name: 'worker1', object_type: 'enterprise', result: 'success' });
    expect(audits[0]?.detail).toMatchObject(body);
    // Without the permission: 403, and nothing more is audited as an unmask.
    expect(
      (await demo.send('POST', `/api/v1/enterprises/${id}/unmask`, body, cookies.dispatcher)).status,
    ).toBe(403);
    expect(
      (
        await demo.send(
          'POST',
          `/api/v1/enterprises/${id}/unmask`,
          { field: 'phone', reason: 'x' },
          cookies.worker1,
        )
      ).status,
    ).toBe(422);
  });

  it('answers 404 for an enterprise outside the scope, as for one that does not exist', async () => {
    const id = theirs[0] as string;
    expect((await get(`/api/v1/enterprises/${id}`, 'worker1')).status).toBe(404);
    expect((await get(`/api/v1/enterprises/${id}`, 'worker2')).status).toBe(200);
    expect((await get('/api/v1/enterprises/00000000-0000-4000-8000-000000000000', 'worker1')).status).toBe(
      404,
    );
    const unmask = await demo.send(
      'POST',
      `/api/v1/enterprises/${id}/unmask`,
      { field: 'contact_phone', reason: '越权尝试' },
      cookies.worker1,
    );
    expect(unmask.status).toBe(404);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'pii.unmask')
      .where('object_id', '=', id)
      .execute();
    expect(audits).toHaveLength(0);
  });
});
