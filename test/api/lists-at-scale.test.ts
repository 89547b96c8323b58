import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SORT_MATCHES_UNDER } from '../../src/server/modules/cases/case-read.repository.ts';
import type { CaseList } from '../../src/shared/domain/case.ts';
import { LIST_TOTAL_CAP } from '../../src/shared/domain/paging.ts';
import type { CreatedVisit, VisitSummary } from '../../src/shared/domain/visit.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, gridsBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold, addMemberRow } from '../support/households.ts';

/**
 * Lists at scale (issue 13 §4): households and enterprises by numbered page beside the keyset
 * cursor, a total counted up to a cap, filters by grid and tag (the export follows them), and a
 * household's own visits and cases, all within the caller's scope.
 */
interface Page {
  items: { id: string; gridId: string; tags: string[] }[];
  next: string | null;
  total: number;
  totalCapped: boolean;
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let worker1Path = '';
let worker2Path = '';

async function get(user: string, url: string) {
  return demo.send('GET', url, undefined, cookies[user]);
}
async function page(user: string, url: string): Promise<Page> {
  const res = await get(user, url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text()}`);
  return res.json() as Page;
}
const ids = (p: Page) => p.items.map((i) => i.id);
type Problem = { errors: { path: string; reason: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 120);
  for (const user of ['leader', 'worker1', 'worker2']) cookies[user] = await demo.signIn(user);
  const grants = await demoGrants(t);
  worker1Path = grants.find((g) => g.username === 'worker1')?.path as string;
  worker2Path = grants.find((g) => g.username === 'worker2')?.path as string;
});
afterAll(async () => t.close());

describe('lists at scale', () => {
  it('jumps to a numbered page that holds what the keyset cursor reaches, and refuses pages past the cap', async () => {
    for (const list of ['households', 'enterprises']) {
      const first = await page('leader', `/api/v1/${list}?limit=5`);
      expect(first.totalCapped).toBe(false);
      expect(first.total).toBeGreaterThan(15);
      const second = await page('leader', `/api/v1/${list}?limit=5&after=${first.next}`);
      const third = await page('leader', `/api/v1/${list}?limit=5&after=${second.next}`);
      expect(ids(await page('leader', `/api/v1/${list}?limit=5&page=1`))).toEqual(ids(first));
      expect(ids(await page('leader', `/api/v1/${list}?limit=5&page=2`))).toEqual(ids(second));
      const jumped = await page('leader', `/api/v1/${list}?limit=5&page=3`);
      expect(ids(jumped)).toEqual(ids(third));
      // The cursor a numbered page answers carries on from there.
      expect(ids(await page('leader', `/api/v1/${list}?limit=5&after=${jumped.next}`))).toEqual(
        ids(await page('leader', `/api/v1/${list}?limit=5&page=4`)),
      );
      const last = Math.ceil(first.total / 5);
      const lastPage = await page('leader', `/api/v1/${list}?limit=5&page=${last}`);
      expect(lastPage.items).toHaveLength(first.total - 5 * (last - 1));
      expect(lastPage.next).toBeNull();

      const withCursor = await get('leader', `/api/v1/${list}?limit=5&page=2&after=${first.next}`);
      expect(withCursor.status).toBe(422);
      expect((withCursor.json() as Problem).errors[0]?.path).toBe('querystring.page');
      const pastCap = await get('leader', `/api/v1/${list}?limit=20&page=${LIST_TOTAL_CAP / 20 + 1}`);
      expect(pastCap.status).toBe(422);
      expect((pastCap.json() as Problem).errors[0]?.reason).toBe('beyond_cap');
      expect((await get('leader', `/api/v1/${list}?limit=20&page=${LIST_TOTAL_CAP / 20}`)).status).toBe(200);
    }
  });

  it('pages the case list and the visit diary by number with their filters, as the cursor does', async () => {
    const [grid] = await gridsBelow(t, worker1Path);
    if (!grid) throw new Error('a grid expected');
    const household = await addHousehold(t, grid);
    const day = addDays(cstDay(new Date()), -2);
    for (let n = 10; n < 21; n++) {
      const recorded = await demo.send(
        'POST',
        '/api/v1/visits',
        {
          form: 'routine',
          target: { type: 'household', householdId: household },
          startedAt: `${day}T${n}:00:00+08:00`,
          endedAt: `${day}T${n}:30:00+08:00`,
          notes: '入户走访',
          issues: [{ title: `楼道灯不亮 ${n}`, description: '住户反映楼道灯坏了。', kind: 'help' }],
        },
        cookies.worker1,
        { 'idempotency-key': uuidv7() },
      );
      expect(recorded.status, recorded.text()).toBe(201);
    }
    const every =
      'state=closed&state=replied&state=in_progress&state=dispatched&state=submitted&state=accepted';
    for (const list of [
      `/api/v1/cases?${every}&limit=3`,
      `/api/v1/cases?householdId=${household}&limit=3`,
      '/api/v1/visits?limit=3',
      `/api/v1/visits?householdId=${household}&targetType=household&limit=3`,
    ]) {
      const user = 'leader';
      const first = await page(user, list);
      expect(first.totalCapped, list).toBe(false);
      expect(first.total, list).toBeGreaterThan(9);
      const second = await page(user, `${list}&after=${first.next}`);
      const third = await page(user, `${list}&after=${second.next}`);
      expect(ids(await page(user, `${list}&page=1`)), list).toEqual(ids(first));
      expect(ids(await page(user, `${list}&page=2`)), list).toEqual(ids(second));
      const jumped = await page(user, `${list}&page=3`);
      expect(ids(jumped), list).toEqual(ids(third));
      expect(jumped.total, list).toBe(first.total);
      const last = Math.ceil(first.total / 3);
      const lastPage = await page(user, `${list}&page=${last}`);
      expect(lastPage.items, list).toHaveLength(first.total - 3 * (last - 1));
      expect(lastPage.next, list).toBeNull();
      const withCursor = await get(user, `${list}&page=2&after=${first.next}`);
      expect(withCursor.status, list).toBe(422);
      expect((withCursor.json() as Problem).errors[0]?.path).toBe('querystring.page');
    }
    // The filters hold on every page: one household's visits are its own, and out of scope none.
    const own = (await page(
      'leader',
      `/api/v1/visits?householdId=${household}&limit=3&page=4`,
    )) as unknown as {
      items: VisitSummary[];
      total: number;
    };
    expect(own.total).toBe(11);
    expect(own.items.map((v) => v.householdId)).toEqual([household, household]);
    expect((await page('worker2', `/api/v1/visits?householdId=${household}&page=1`)).total).toBe(0);
    expect((await page('worker2', `/api/v1/cases?householdId=${household}&page=1`)).total).toBe(0);
    const pastCap = await get('leader', `/api/v1/cases?limit=20&page=${LIST_TOTAL_CAP / 20 + 1}`);
    expect((pastCap.json() as Problem).errors[0]?.reason).toBe('beyond_cap');
    // A saved view keeps filters, never a page.
    const saved = await demo.send(
      'POST',
      '/api/v1/case-views',
      { name: '第二页', filters: { page: 2 } },
      cookies.leader,
    );
    expect(saved.status).toBe(422);
  });

  it('filters by grid and by tag within the scope, and exports what the filters show', async () => {
    const [grid, otherGrid] = await gridsBelow(t, worker1Path);
    if (!grid || !otherGrid) throw new Error('two grids expected');
    const tag = `测${Date.now().toString(36).slice(-6)}`;
    const tagged = await addHousehold(t, grid, { tags: [tag] });
    const elsewhere = await addHousehold(t, otherGrid, { tags: [tag] });
    await addMemberRow(t, grid.district_code, tagged);
    await addMemberRow(t, grid.district_code, tagged);

    const inGrid = await page('worker1', `/api/v1/households?regionId=${grid.id}&limit=100`);
    const counted = await t.database.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('grid_id', '=', grid.id)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(inGrid.total).toBe(Number(counted.n));
    expect(inGrid.items.every((h) => h.gridId === grid.id)).toBe(true);
    expect(ids(inGrid)).toContain(tagged);

    const byTag = await page('worker1', `/api/v1/households?tag=${encodeURIComponent(tag)}`);
    expect(ids(byTag).sort()).toEqual([tagged, elsewhere].sort());
    const both = await page(
      'worker1',
      `/api/v1/households?regionId=${grid.id}&tag=${encodeURIComponent(tag)}`,
    );
    expect(ids(both)).toEqual([tagged]);
    // Outside the scope: the tag finds nothing there, the grid is not found.
    expect((await page('worker2', `/api/v1/households?tag=${encodeURIComponent(tag)}`)).total).toBe(0);
    expect((await get('worker2', `/api/v1/households?regionId=${grid.id}`)).status).toBe(404);

    // The export button sends the list's filters: two members of the one tagged household.
    const exported = await get(
      'leader',
      `/api/v1/exports/households?regionId=${grid.id}&tag=${encodeURIComponent(tag)}`,
    );
    expect(exported.status).toBe(200);
    expect(exported.headers['x-export-rows']).toBe('2');
    const wholeGrid = await get('leader', `/api/v1/exports/households?regionId=${grid.id}`);
    expect(Number(wholeGrid.headers['x-export-rows'])).toBeGreaterThan(2);
    const staff = await get('leader', `/api/v1/exports/staff?tag=${encodeURIComponent(tag)}`);
    expect(staff.status).toBe(422);
  });

  it("lists a household's own visits and cases, and only in scope", async () => {
    const [grid] = await gridsBelow(t, worker1Path);
    if (!grid) throw new Error('a grid expected');
    const household = await addHousehold(t, grid);
    const day = addDays(cstDay(new Date()), -1);
    const recorded = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household },
        startedAt: `${day}T09:10:00+08:00`,
        endedAt: `${day}T09:40:00+08:00`,
        notes: '入户走访',
        issues: [{ title: '楼道灯不亮', description: '住户反映楼道灯坏了一周。', kind: 'help' }],
      },
      cookies.worker1,
      { 'idempotency-key': uuidv7() },
    );
    expect(recorded.status, recorded.text()).toBe(201);
    const visit = recorded.json() as CreatedVisit;
    const raised = visit.cases[0]?.id as string;

    const visits = (await page('worker1', `/api/v1/visits?householdId=${household}`)) as unknown as {
      items: VisitSummary[];
      total: number;
    };
    expect(visits.items.map((v) => v.id)).toEqual([visit.id]);
    expect(visits.total).toBe(1);

    // Every state, not only the open ones the queue shows by default.
    await sql`update case_record set state = 'closed' where id = ${raised}`.execute(t.database.db);
    const cases = (await page('worker1', `/api/v1/cases?householdId=${household}`)) as unknown as CaseList;
    expect(cases.items.map((c) => [c.id, c.state])).toEqual([[raised, 'closed']]);
    const open = (await page(
      'worker1',
      `/api/v1/cases?householdId=${household}&state=submitted`,
    )) as unknown as CaseList;
    expect(open.total).toBe(0);
    // Another household's filter does not find them.
    const other = await addHousehold(t, grid);
    expect((await page('worker1', `/api/v1/cases?householdId=${other}`)).total).toBe(0);

    // The lists' export buttons send the same filters.
    const visitsFile = await get('worker1', `/api/v1/visits/export?householdId=${household}`);
    expect(visitsFile.status).toBe(200);
    expect(visitsFile.headers['x-export-rows']).toBe('1');
    const casesFile = await get('worker1', `/api/v1/cases/export?householdId=${household}`);
    expect(casesFile.status).toBe(200);
    expect(casesFile.headers['x-export-rows']).toBe('1');
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['export.visits', 'export.cases'])
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual(['export.cases', 'export.visits']);

    // Another grid worker's area holds neither.
    expect((await page('worker2', `/api/v1/visits?householdId=${household}`)).total).toBe(0);
    expect((await page('worker2', `/api/v1/cases?householdId=${household}`)).total).toBe(0);
    expect(
      (await get('worker2', `/api/v1/cases/export?householdId=${household}`)).headers['x-export-rows'],
    ).toBe('0');
  });

  it('pages the case queue in the same order whether it sorts the matches or walks the sort index', async () => {
    const [grid] = await gridsBelow(t, worker1Path);
    if (!grid) throw new Error('a grid expected');
    const db = t.database.db;
    const template = await db.selectFrom('case_record').select('id').limit(1).executeTakeFirstOrThrow();
    const columns = (
      await sql<{ name: string }>`
        select column_name as name from information_schema.columns
        where table_name = 'case_record' and table_schema = current_schema()`.execute(db)
    ).rows.map((r) => r.name);
    // Copies of one case on the grid, open, two by two on the same second (the id breaks ties);
    // one in a hundred has a rare word in its title.
    const value: Record<string, string> = {
      id: 'gen_random_uuid()',
      number: `'SORT-' || lpad(n::text, 6, '0')`,
      title: `case when n % 100 = 0 then '稀有词' || n else '批量标题' || n end`,
      state: `'submitted'`,
      region_id: `'${grid.id}'::uuid`,
      region_path: `'${grid.path}'`,
      created_at: `timestamptz '2026-03-01T00:00:00Z' + (n / 2) * interval '1 s'`,
    };
    const list = columns.map((c) => `"${c}"`).join(', ');
    const values = columns.map((c) => value[c] ?? `c."${c}"`).join(', ');
    await sql
      .raw(
        `insert into case_record (${list}) select ${values} from case_record c,
         generate_series(1, ${SORT_MATCHES_UNDER + 100}) as n where c.id = '${template.id}'`,
      )
      .execute(db);
    const expected = async (word: string) =>
      (
        await db
          .selectFrom('case_record')
          .select('id')
          .where('region_path', '=', grid.path)
          .where('title', 'like', `${word}%`)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => r.id);
    const walk = async (word: string, pages: number) => {
      const seen: string[] = [];
      let after: string | null = '';
      for (let n = 0; n < pages && after !== null; n++) {
        const url = `/api/v1/cases?regionId=${grid.id}&q=${encodeURIComponent(word)}&limit=50`;
        const got = await page('leader', after ? `${url}&after=${after}` : url);
        seen.push(...ids(got));
        after = got.next;
      }
      return seen;
    };
    // Few matches: sorted after the fact. Many: the page walks the creation index.
    const rare = await expected('稀有词');
    expect(rare.length).toBeLessThanOrEqual(SORT_MATCHES_UNDER);
    expect(await walk('稀有词', 5)).toEqual(rare);
    const many = await expected('批量标题');
    expect(many.length).toBeGreaterThan(SORT_MATCHES_UNDER);
    expect(await walk('批量标题', 3)).toEqual(many.slice(0, 150));
  });

  it('counts a large list only up to the cap and says so', async () => {
    const [grid] = await gridsBelow(t, worker2Path);
    if (!grid) throw new Error('a grid expected');
    await sql`
      insert into household (district_code, id, grid_id, region_path, code, address)
      select ${grid.district_code}, gen_random_uuid(), ${grid.id}::uuid, ${grid.path},
        'CAP-' || lpad(n::text, 6, '0'), '测试地址'
      from generate_series(1, ${LIST_TOTAL_CAP + 5}) as n`.execute(t.database.db);
    const first = await page('leader', `/api/v1/households?regionId=${grid.id}&limit=20`);
    expect(first.total).toBe(LIST_TOTAL_CAP);
    expect(first.totalCapped).toBe(true);
    const lastNumbered = await page(
      'leader',
      `/api/v1/households?regionId=${grid.id}&limit=20&page=${LIST_TOTAL_CAP / 20}`,
    );
    expect(lastNumbered.items).toHaveLength(20);
    // Past the numbered pages the cursor still goes on.
    expect(lastNumbered.next).not.toBeNull();
    expect(
      (await page('leader', `/api/v1/households?regionId=${grid.id}&limit=20&after=${lastNumbered.next}`))
        .items.length,
    ).toBeGreaterThan(0);
  });
});
