import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TAGS, type TagDefinition } from '../../src/shared/domain/tags.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';
import { addHousehold } from '../support/households.ts';

interface TagList {
  subject: string;
  items: TagDefinition[];
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let grid: { id: string; path: string };

const send = (method: 'GET' | 'PUT', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);
const householdList = async () =>
  ((await send('GET', '/api/v1/tags?subject=household', 'worker1')).json() as TagList).items;

/** Households whose is_key disagrees with "some tag marks key" under `keyCodes`. */
const keyMismatches = async (keyCodes: string[]) => {
  const rows = await t.database.db.selectFrom('household').select(['tags', 'is_key']).execute();
  return rows.filter((r) => r.is_key !== r.tags.some((tag) => keyCodes.includes(tag))).length;
};

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 200);
  for (const u of ['sysadmin', 'worker1', 'auditor', 'leader']) cookies[u] = await demo.signIn(u);
  grid = await t.database.db
    .selectFrom('region')
    .select(['id', 'path'])
    .where('level', '=', 'grid')
    .orderBy('path')
    .executeTakeFirstOrThrow();
});
afterAll(async () => t.close());

describe('tag lists', () => {
  it('gives every signed-in user the district list, the defaults until the district edits it', async () => {
    for (const user of ['worker1', 'auditor']) {
      const res = await send('GET', '/api/v1/tags?subject=household', user);
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({
        subject: 'household',
        items: DEFAULT_TAGS.filter((tag) => tag.subject === 'household'),
      });
    }
    const enterprise = (await send('GET', '/api/v1/tags?subject=enterprise', 'leader')).json() as TagList;
    expect(enterprise.items.map((tag) => tag.code)).toEqual(['专精特新', '小升规', '新雏鹰', '百强']);
    expect((await send('GET', '/api/v1/tags', 'worker1')).status).toBe(422);
    expect((await send('GET', '/api/v1/tags?subject=people', 'worker1')).status).toBe(422);
    expect((await demo.send('GET', '/api/v1/tags?subject=household', undefined)).status).toBe(401);
  });

  it('lets the system administrator replace a list (audited) and nobody else', async () => {
    const items = await householdList();
    const added: TagDefinition = {
      subject: 'household',
      code: '困境儿童',
      name: '困境儿童',
      nameEn: 'Child in difficulty',
      hasLevel: false,
      marksKey: true,
      active: true,
      sortOrder: 20,
    };
    const renamed = items.map((tag) => (tag.code === '留守' ? { ...tag, name: '留守人员' } : tag));
    expect(
      (await send('PUT', '/api/v1/tags/household', 'worker1', { tags: [...renamed, added] })).status,
    ).toBe(403);
    const res = await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: [...renamed, added] });
    expect(res.status, res.text()).toBe(200);
    const saved = (res.json() as TagList).items;
    expect(saved.find((tag) => tag.code === '困境儿童')).toEqual(added);
    expect(saved.find((tag) => tag.code === '留守')?.name).toBe('留守人员');
    expect(await householdList()).toEqual(saved);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'tags.replaced')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ codes: saved.map((tag) => tag.code) });
    // The enterprise list is its own.
    expect(
      ((await send('GET', '/api/v1/tags?subject=enterprise', 'worker1')).json() as TagList).items,
    ).toHaveLength(4);
  });

  it('refuses duplicate codes, a tag of the other subject, an empty list and unknown fields, changing nothing', async () => {
    const items = await householdList();
    const first = items[0] as TagDefinition;
    const bad: unknown[] = [
      { tags: [...items, { ...first, name: '重复' }] },
      { tags: [...items, { ...first, code: '企业', subject: 'enterprise' }] },
      { tags: [] },
      { tags: items, replace: true },
      { tags: [{ ...first, level: 3 }] },
      { tags: [{ ...first, code: '有 空格' }] },
    ];
    for (const body of bad) {
      const res = await send('PUT', '/api/v1/tags/household', 'sysadmin', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await send('PUT', '/api/v1/tags/people', 'sysadmin', { tags: items })).status).toBe(422);
    expect(await householdList()).toEqual(items);
  });

  it('refuses to drop a code that live records carry, naming it and the count; deactivating works', async () => {
    const items = await householdList();
    const carried = await t.database.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`'低保' = any(tags)`)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    let count = Number(carried.n);
    if (count === 0) {
      await addHousehold(t, grid, { tags: ['低保'], isKey: true });
      count = 1;
    }
    const without = items.filter((tag) => tag.code !== '低保');
    const refused = await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: without });
    expect(refused.status).toBe(409);
    expect((refused.json() as { detail: string }).detail).toContain(`低保 (${count})`);
    expect(await householdList()).toEqual(items);

    const deactivated = items.map((tag) => (tag.code === '低保' ? { ...tag, active: false } : tag));
    expect((await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: deactivated })).status).toBe(200);
    expect((await householdList()).find((tag) => tag.code === '低保')?.active).toBe(false);

    // A code only removed households carry may go.
    const onlyRemoved = { ...items[0], code: '临时标签', name: '临时标签', sortOrder: 30 } as TagDefinition;
    await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: [...deactivated, onlyRemoved] });
    const gone = await addHousehold(t, grid, { tags: ['临时标签'] });
    await t.database.db
      .updateTable('household')
      .set({ removed_at: new Date() })
      .where('id', '=', gone)
      .execute();
    expect((await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: deactivated })).status).toBe(200);
  });

  it('recomputes is_key for the district when a tag stops or starts marking key households', async () => {
    const items = await householdList();
    const keyCodes = (list: TagDefinition[]) => list.filter((tag) => tag.marksKey).map((tag) => tag.code);
    expect(await keyMismatches(keyCodes(items))).toBe(0);
    const newResidents = await t.database.db
      .selectFrom('household')
      .select(['id', 'tags'])
      .where(sql<boolean>`tags = array['新居民']::text[]`)
      .execute();
    expect(newResidents.length).toBeGreaterThan(0);

    const notKey = items.map((tag) => (tag.code === '新居民' ? { ...tag, marksKey: false } : tag));
    expect((await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: notKey })).status).toBe(200);
    expect(await keyMismatches(keyCodes(notKey))).toBe(0);
    const after = await t.database.db
      .selectFrom('household')
      .select('is_key')
      .where(
        'id',
        'in',
        newResidents.map((h) => h.id),
      )
      .execute();
    expect(after.every((h) => h.is_key === false)).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'tags.replaced')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ householdsRecomputed: expect.any(Number) });
    expect((audit.detail as { householdsRecomputed: number }).householdsRecomputed).toBeGreaterThanOrEqual(
      newResidents.length,
    );

    expect((await send('PUT', '/api/v1/tags/household', 'sysadmin', { tags: items })).status).toBe(200);
    expect(await keyMismatches(keyCodes(items))).toBe(0);
  });

  it('refuses to drop an enterprise tag an enterprise carries', async () => {
    const [id] = await addEnterprises(t, grid.path.split('.').slice(0, 3).join('.'), 1);
    await t.database.db
      .updateTable('enterprise')
      .set({ tags: ['百强'] })
      .where('id', '=', id as string)
      .execute();
    const list = ((await send('GET', '/api/v1/tags?subject=enterprise', 'worker1')).json() as TagList).items;
    const res = await send('PUT', '/api/v1/tags/enterprise', 'sysadmin', {
      tags: list.filter((tag) => tag.code !== '百强'),
    });
    expect(res.status).toBe(409);
    expect((res.json() as { detail: string }).detail).toContain('百强');
  });

  it('saves a list sent several times at once and tells the later saves to reload, never a 500', async () => {
    const items = await householdList();
    const saves = await Promise.all(
      ['一', '二', '三', '四'].map((n) =>
        send('PUT', '/api/v1/tags/household', 'sysadmin', {
          tags: items.map((tag) => (tag.code === '留守' ? { ...tag, name: `留守人员${n}` } : tag)),
        }),
      ),
    );
    const statuses = saves.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 409),
      statuses.join(),
    ).toBe(true);
    expect(statuses).toContain(200);
    for (const r of saves.filter((x) => x.status === 409))
      expect((r.json() as { detail: string }).detail).toMatch(/changed meanwhile/);
  });
});
