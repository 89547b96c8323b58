import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildVisitFigures } from '../../src/server/modules/visits/visit-figures.ts';
import type { Opinion, PromotedOpinion } from '../../src/shared/domain/opinion.ts';
import type { CreatedVisit, SyncResult } from '../../src/shared/domain/visit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';
import { addHousehold } from '../support/households.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let grid1: { id: string; path: string };
let grid2: { id: string; path: string };
let categoryId: string;
let serial = 0;

type Method = 'GET' | 'POST';
const send = (method: Method, url: string, user: string, body?: unknown, headers?: Record<string, string>) =>
  demo.send(method, url, body, cookies[user], headers);
const key = () => `opinion-test-${process.pid}-${serial++}`;

const visitAt = (householdId: string, day: string, extra: Record<string, unknown> = {}) => ({
  form: 'routine',
  target: { type: 'household', householdId },
  startedAt: `${day}T10:00:00+08:00`,
  endedAt: `${day}T10:30:00+08:00`,
  notes: '入户走访，听取意见。',
  ...extra,
});

const count = async (table: 'opinion' | 'case_record' | 'visit') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
const auditRows = (action: string, objectId: string) =>
  t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('object_id', '=', objectId)
    .execute();
const list = async (user: string, query: string) => {
  const res = await send('GET', `/api/v1/opinions?${query}`, user);
  return { status: res.status, body: res.json() as { items: Opinion[]; total: number; next: string | null } };
};

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 40);
  const pathOf: Record<string, string> = {};
  for (const g of await demoGrants(t)) if (g.path) pathOf[g.username] = g.path;
  grid1 = await firstGridBelow(t, pathOf.worker1 as string);
  grid2 = await firstGridBelow(t, pathOf.worker2 as string);
  const category = await t.database.db
    .selectFrom('case_category')
    .select(['id'])
    .where('active', '=', true)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  categoryId = category.id;
  for (const u of ['worker1', 'worker2', 'leader', 'dispatcher']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

describe('opinions (意见建议)', () => {
  let visitId: string;
  let opinionIds: string[];

  it('records opinions with the visit, apart from its problems, under the visit audit row', async () => {
    const household = await addHousehold(t, grid1);
    const cases = await count('case_record');
    const res = await send(
      'POST',
      '/api/v1/visits',
      'worker1',
      visitAt(household, '2026-04-01', {
        issues: [{ title: '路灯坏了', description: '小区东门路灯不亮。', kind: 'help' }],
        opinions: [{ text: '希望增设老年食堂。', categoryId }, { text: '建议周末开放社区活动室。' }],
      }),
      { 'idempotency-key': key() },
    );
    expect(res.status).toBe(201);
    visitId = (res.json() as CreatedVisit).id;
    // One problem became one case; the two opinions did not.
    expect(await count('case_record')).toBe(cases + 1);
    const rows = await t.database.db
      .selectFrom('opinion')
      .selectAll()
      .where('visit_id', '=', visitId)
      .orderBy('text')
      .execute();
    expect(rows.map((r) => r.text).sort()).toEqual(['希望增设老年食堂。', '建议周末开放社区活动室。'].sort());
    expect(rows.every((r) => r.region_path === grid1.path && r.promoted_case_id === null)).toBe(true);
    expect(rows.find((r) => r.text === '希望增设老年食堂。')?.category_id).toBe(categoryId);
    opinionIds = rows.map((r) => r.id);
    const [row] = await auditRows('visit.recorded', visitId);
    expect((row?.detail as { opinions?: string[] } | undefined)?.opinions?.sort()).toEqual(
      [...opinionIds].sort(),
    );
  });

  it('refuses an unknown category and records nothing of the visit', async () => {
    const household = await addHousehold(t, grid1);
    const before = { opinions: await count('opinion'), visits: await count('visit') };
    const res = await send(
      'POST',
      '/api/v1/visits',
      'worker1',
      visitAt(household, '2026-04-02', {
        opinions: [{ text: '有意见。', categoryId: '01900000-0000-7000-8000-000000000000' }],
      }),
      { 'idempotency-key': key() },
    );
    expect(res.status).toBe(422);
    expect((res.json() as { errors: { path: string }[] }).errors[0]?.path).toBe('body.opinions.0.categoryId');
    expect({ opinions: await count('opinion'), visits: await count('visit') }).toEqual(before);
  });

  it('takes opinions through the field sync too', async () => {
    const household = await addHousehold(t, grid1);
    const res = await send('POST', '/api/v1/visits/sync', 'worker1', {
      visits: [
        {
          clientId: `field-${key()}`,
          visit: visitAt(household, '2026-04-03', { opinions: [{ text: '同步的意见：希望加装电梯。' }] }),
        },
      ],
    });
    expect(res.status).toBe(200);
    const [result] = (res.json() as SyncResult).results;
    expect(result?.status).toBe(201);
    const rows = await t.database.db
      .selectFrom('opinion')
      .select('text')
      .where('visit_id', '=', result?.visit?.id as string)
      .execute();
    expect(rows.map((r) => r.text)).toEqual(['同步的意见：希望加装电梯。']);
  });

  it('lists opinions in the caller scope only, with a total, by region and period', async () => {
    const household2 = await addHousehold(t, grid2);
    const other = await send(
      'POST',
      '/api/v1/visits',
      'worker2',
      visitAt(household2, '2026-04-01', { opinions: [{ text: '另一个社区的意见。' }] }),
      { 'idempotency-key': key() },
    );
    expect(other.status).toBe(201);

    const mine = await list('worker1', 'limit=100');
    expect(mine.status).toBe(200);
    const texts = mine.body.items.map((o) => o.text);
    expect(texts).toContain('希望增设老年食堂。');
    expect(texts).not.toContain('另一个社区的意见。');
    expect(mine.body.total).toBe(mine.body.items.length);
    const withCategory = mine.body.items.find((o) => o.text === '希望增设老年食堂。');
    expect(withCategory?.categoryId).toBe(categoryId);
    expect(withCategory?.categoryName).toBeTruthy();

    // Keyset paging walks every row once.
    const first = await list('worker1', 'limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await list('worker1', `limit=1&after=${first.body.next}`);
    expect(second.body.items[0]?.id).not.toBe(first.body.items[0]?.id);
    expect(second.body.total).toBe(mine.body.total);

    // Period: the first of April (CST) holds the first visit's two opinions, the third the synced one.
    const day = await list('worker1', 'from=2026-04-01&to=2026-04-01&limit=100');
    expect(day.body.items.map((o) => o.text).sort()).toEqual(
      ['希望增设老年食堂。', '建议周末开放社区活动室。'].sort(),
    );
    const later = await list('worker1', 'from=2026-04-02&limit=100');
    expect(later.body.items.map((o) => o.text)).toEqual(['同步的意见：希望加装电梯。']);

    // A region outside the scope answers like an unknown one.
    expect((await list('worker2', `regionId=${grid1.id}`)).status).toBe(404);
    const inGrid = await list('worker1', `regionId=${grid1.id}&limit=100`);
    expect(inGrid.body.total).toBe(3);
    // The leader's scope holds both communities.
    const leader = await list('leader', 'limit=100');
    expect(leader.body.items.map((o) => o.text)).toEqual(
      expect.arrayContaining(['另一个社区的意见。', '希望增设老年食堂。']),
    );
    expect((await list('worker1', 'after=not-a-cursor')).status).toBe(422);
  });

  it('exports the opinions in scope as XLSX and audits the export', async () => {
    // The file itself, as bytes.
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/opinions/export?regionId=${grid1.id}`,
      headers: { cookie: cookies.leader as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-export-rows']).toBe('3');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const cells: string[] = [];
    sheet?.eachRow((row) => {
      cells.push(String(row.getCell(3).value));
    });
    expect(cells[0]).toBe('意见建议');
    expect(cells.slice(1).sort()).toEqual(
      ['希望增设老年食堂。', '建议周末开放社区活动室。', '同步的意见：希望加装电梯。'].sort(),
    );
    const audits = await auditRows('export.opinions', grid1.id);
    expect(audits).toHaveLength(1);
    expect((audits[0]?.detail as { rows?: number } | undefined)?.rows).toBe(3);
    // Outside the scope: 404, and no file.
    expect((await send('GET', `/api/v1/opinions/export?regionId=${grid1.id}`, 'worker2')).status).toBe(404);
  });

  it('promotes an opinion to a case once, with its event and audit rows; a second promotion is a 409', async () => {
    const opinionId = opinionIds[0] as string;
    // Outside the caller's scope: as if it did not exist; without cases:create: 403.
    expect((await send('POST', `/api/v1/opinions/${opinionId}/promote`, 'worker2')).status).toBe(404);
    expect((await send('POST', `/api/v1/opinions/${opinionId}/promote`, 'leader')).status).toBe(403);

    const res = await send('POST', `/api/v1/opinions/${opinionId}/promote`, 'worker1');
    expect(res.status).toBe(201);
    const promoted = res.json() as PromotedOpinion;
    const kase = await t.database.db
      .selectFrom('case_record')
      .selectAll()
      .where('id', '=', promoted.caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({
      kind: 'suggestion',
      channel: 'visit',
      source_visit_id: visitId,
      number: promoted.caseNumber,
      region_path: grid1.path,
      state: 'submitted',
    });
    const events = await t.database.db
      .selectFrom('case_event')
      .select('action')
      .where('case_id', '=', promoted.caseId)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['submit']);
    expect(await auditRows('case.submitted', promoted.caseId)).toHaveLength(1);
    const [link] = await auditRows('opinion.promoted', opinionId);
    expect(link?.detail).toMatchObject({ case: promoted.caseId });

    const listed = await list('worker1', `regionId=${grid1.id}&limit=100`);
    expect(listed.body.items.find((o) => o.id === opinionId)?.promotedCase).toEqual({
      id: promoted.caseId,
      number: promoted.caseNumber,
    });

    // The visit counted it as an opinion, not a problem, when it was recorded: a recount agrees.
    await expectRebuildEqualsKept(t.database.db, 'visit', grid1.path.slice(0, 6), rebuildVisitFigures);

    const cases = await count('case_record');
    const again = await send('POST', `/api/v1/opinions/${opinionId}/promote`, 'dispatcher');
    expect(again.status).toBe(409);
    expect((again.json() as { code: string }).code).toBe('OPINION_ALREADY_PROMOTED');
    expect(await count('case_record')).toBe(cases);
  });
});
