import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildCaseFigures } from '../../src/server/modules/cases/case-figures.ts';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import { foldFigureDeltas, storedCountersBy } from '../../src/server/modules/figures/rollups.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import type { CaseContext, CaseDetail } from '../../src/shared/domain/case.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import { CASE_COUNTER_KEYS } from '../../src/shared/figures/case-figures.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { PNG } from '../attachments/images.ts';
import type { TestApp } from '../support/app.ts';
import type { seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';
import { addHousehold, uniquePhone } from '../support/households.ts';
import { httpCaseWorld } from './http-case-world.ts';

/**
 * Cases carry their context: a problem raised on a visit is classified by its first responder or
 * a dispatcher (one event, one audit row, its figures moved to the new category, as a rebuild
 * says), its page links the visit, the household and the visit's photos, and whoever must call
 * the reporter back reveals the household's phone through an audited request — nobody else.
 */
const USERS = [
  'dispatcher',
  'cdispatcher',
  'worker1',
  'worker2',
  'handler',
  'handler2',
  'supervisor',
] as const;
type User = (typeof USERS)[number];

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookies: Record<User, string>;
let grid: string;
let district: string;
let rows: (id: string) => Promise<{ events: number; audits: number }>;
let newCase: (title: string, note: string) => Promise<string>;
let urbanOffice: string;
let visitCase: { caseId: string; visitId: string; householdId: string; phone: string };

const read = async (id: string, user: User = 'dispatcher') =>
  (await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies[user])).json() as CaseDetail;

async function act(user: User, id: string, action: CaseAction, body: unknown) {
  // The version as it stands (read by the dispatcher, who sees the case whoever acts).
  const { version } = await read(id);
  return demo.send('POST', `/api/v1/cases/${id}/${actionPath(action)}`, body, cookies[user], {
    'if-match': `"${version}"`,
  });
}

async function category(code: string): Promise<{ id: string; name: string }> {
  return t.database.db
    .selectFrom('case_category')
    .select(['id', 'name'])
    .where('district_code', '=', district)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
}

/** The kept case counters of today by category key, folded first. */
async function byCategory() {
  await foldFigureDeltas(t.database.db);
  const today = cstDay(new Date());
  return storedCountersBy(
    t.database.db,
    'case',
    CASE_COUNTER_KEYS,
    district,
    [district],
    today,
    addDays(today, 1),
    'category',
  );
}

beforeAll(async () => {
  ({ t, demo, cookies, grid, caseRows: rows, newCase, urbanOffice } = await httpCaseWorld(USERS));
  const g = await t.database.db
    .selectFrom('region')
    .select('path')
    .where('id', '=', grid)
    .executeTakeFirstOrThrow();
  const gridPath = g.path;
  district = gridPath.split('.')[0] as string;
  // A household whose head has a phone, visited by worker1, who raises a problem without a category.
  const householdId = await addHousehold(t, { id: grid, path: gridPath });
  const phone = uniquePhone();
  await t.database.db
    .insertInto('person')
    .values({
      district_code: district,
      id: uuidv7(),
      household_id: householdId,
      name: '王户主',
      gender: 'M',
      birth_date: '1960-05-01',
      relationship: '户主',
      phone_enc: t.app.ctx.cipher.encrypt(phone),
      phone_hash: t.app.ctx.cipher.hash(phone),
    })
    .execute();
  const res = await demo.send(
    'POST',
    '/api/v1/visits',
    {
      form: 'routine',
      target: { type: 'household', householdId },
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      endedAt: new Date(Date.now() - 1_800_000).toISOString(),
      notes: '入户走访，了解近况。',
      issues: [
        { title: '楼道路灯不亮', description: '三单元楼道路灯坏了一周，夜间老人上下楼不便。', kind: 'help' },
      ],
    },
    cookies.worker1,
    { 'idempotency-key': uuidv7() },
  );
  expect(res.status, res.text()).toBe(201);
  const created = res.json() as CreatedVisit;
  const photo = await demo.send(
    'POST',
    `/api/v1/visits/${created.id}/photos?name=lamp.png`,
    PNG,
    cookies.worker1,
  );
  expect(photo.status, photo.text()).toBe(201);
  visitCase = { caseId: created.cases[0]?.id as string, visitId: created.id, householdId, phone };
});
afterAll(async () => t.close());

describe('a case raised on a visit', () => {
  it('links the visit, its photos and the household, and shows the household head masked', async () => {
    const res = await demo.send(
      'GET',
      `/api/v1/cases/${visitCase.caseId}/context`,
      undefined,
      cookies.worker1,
    );
    expect(res.status, res.text()).toBe(200);
    const c = res.json() as CaseContext;
    expect(c.visit).toMatchObject({ id: visitCase.visitId, readable: true });
    expect(c.visit?.photos.map((p) => p.fileName)).toEqual(['lamp.png']);
    expect(c.household).toMatchObject({ id: visitCase.householdId, readable: true });
    expect(c.reporter).toEqual({
      source: 'household',
      name: '王户主',
      phoneMasked: `${visitCase.phone.slice(0, 3)}****${visitCase.phone.slice(7)}`,
      mayReveal: true,
    });
    // The photo the case page shows opens through the visit's own endpoint.
    const photoId = c.visit?.photos[0]?.id as string;
    const img = await demo.send(
      'GET',
      `/api/v1/visits/${visitCase.visitId}/photos/${photoId}`,
      undefined,
      cookies.worker1,
    );
    expect(img.status).toBe(200);
    // The visit page links back to the case.
    const visit = (
      await demo.send('GET', `/api/v1/visits/${visitCase.visitId}`, undefined, cookies.worker1)
    ).json() as {
      cases: { id: string }[];
    };
    expect(visit.cases.map((x) => x.id)).toEqual([visitCase.caseId]);
    // Nothing of it outside the case's scope: a worker of another community gets 404.
    const outside = await demo.send(
      'GET',
      `/api/v1/cases/${visitCase.caseId}/context`,
      undefined,
      cookies.worker2,
    );
    expect(outside.status).toBe(404);
  });

  it('lets the first responder classify it: one event and audit row, the figures move to the category, a rebuild agrees', async () => {
    const before = await read(visitCase.caseId, 'worker1');
    expect(before.categoryId).toBeNull();
    expect(before.actions).toContain('classify');
    const lights = await category('urban_facilities');
    const kept = await byCategory();
    const uncategorisedBefore = kept.get('')?.received ?? 0;
    const counted = await rows(visitCase.caseId);

    const res = await act('worker1', visitCase.caseId, 'classify', {
      categoryId: lights.id,
      urgency: 'important',
    });
    expect(res.status, res.text()).toBe(200);
    const after = res.json() as CaseDetail;
    expect(after).toMatchObject({
      categoryId: lights.id,
      categoryName: lights.name,
      urgency: 'important',
      state: before.state,
    });
    expect(after.version).toBe(before.version + 1);
    expect(await rows(visitCase.caseId)).toEqual({ events: counted.events + 1, audits: counted.audits + 1 });
    expect(after.events.at(-1)).toMatchObject({
      action: 'classify',
      detail: {
        // The category in words as it was named then, both languages (the timeline reads them).
        from: { categoryId: null, categoryName: null, urgency: 'ordinary' },
        to: { categoryId: lights.id, categoryName: lights.name, urgency: 'important' },
      },
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('object_id', '=', visitCase.caseId)
      .where('action', '=', 'case.classify')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ to: { categoryId: lights.id } });

    // Its counts left the uncategorised row for the category's.
    const moved = await byCategory();
    expect(moved.get('')?.received ?? 0).toBe(uncategorisedBefore - 1);
    expect(moved.get(lights.id)?.received).toBe((kept.get(lights.id)?.received ?? 0) + 1);
    await expectRebuildEqualsKept(t.database.db, 'case', district, rebuildCaseFigures);

    // A classification that changes nothing is refused and writes nothing.
    const again = await act('worker1', visitCase.caseId, 'classify', { categoryId: lights.id });
    expect(again.status).toBe(422);
    expect(await rows(visitCase.caseId)).toEqual({ events: counted.events + 1, audits: counted.audits + 1 });
  });

  it('is classified only by dispatchers and the first responder', async () => {
    const roads = await category('transport_roads');
    // The street's supervisor reads the case but neither routes it nor owns its feedback.
    expect((await read(visitCase.caseId, 'supervisor')).actions).not.toContain('classify');
    const refused = await act('supervisor', visitCase.caseId, 'classify', { categoryId: roads.id });
    expect(refused.status).toBe(403);
    const outside = await act('worker2', visitCase.caseId, 'classify', { categoryId: roads.id });
    expect(outside.status).toBe(404);
    const ok = await act('dispatcher', visitCase.caseId, 'classify', {
      categoryId: roads.id,
      listType: 'need',
    });
    expect(ok.status, ok.text()).toBe(200);
    expect(ok.json()).toMatchObject({ categoryId: roads.id, listType: 'need' });
    // An unknown category is refused as a bad reference.
    const unknown = await act('dispatcher', visitCase.caseId, 'classify', { categoryId: uuidv7() });
    expect(unknown.status).toBe(422);

    // A later case worded alike nearby is advised the category this one was given.
    const later = await newCase('楼道路灯不亮', '二单元楼道路灯坏了，夜间上下楼不便');
    const advice = (
      await demo.send('GET', `/api/v1/cases/${later}/context`, undefined, cookies.worker1)
    ).json() as CaseContext;
    // (Seeded cases of the community may advise theirs too; the one worded the same is among them.)
    expect(advice.suggestedCategories.map((c) => c.id)).toContain(roads.id);
    expect(advice.suggestedCategories.length).toBeLessThanOrEqual(3);
  });

  it("reveals the reporter's phone to the first responder, audited before it leaves; refuses others", async () => {
    const audits = () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['object_type', 'detail'])
        .where('action', '=', 'pii.unmask')
        .where('object_type', '=', 'person')
        .execute();
    const seen = (await audits()).length;
    const res = await demo.send(
      'POST',
      `/api/v1/cases/${visitCase.caseId}/reporter-phone`,
      { reason: '回访居民' },
      cookies.worker1,
    );
    expect(res.status, res.text()).toBe(200);
    expect(res.json()).toEqual({ phone: visitCase.phone });
    const rowsNow = await audits();
    expect(rowsNow).toHaveLength(seen + 1);
    expect(rowsNow.at(-1)?.detail).toMatchObject({
      case: visitCase.caseId,
      source: 'household',
      reason: '回访居民',
    });

    // The dispatcher reads the case but neither calls back nor holds pii:unmask: 403, no audit row.
    const ctx = (
      await demo.send('GET', `/api/v1/cases/${visitCase.caseId}/context`, undefined, cookies.dispatcher)
    ).json() as CaseContext;
    expect(ctx.reporter.mayReveal).toBe(false);
    const refused = await demo.send(
      'POST',
      `/api/v1/cases/${visitCase.caseId}/reporter-phone`,
      { reason: '查看号码' },
      cookies.dispatcher,
    );
    expect(refused.status).toBe(403);
    const outside = await demo.send(
      'POST',
      `/api/v1/cases/${visitCase.caseId}/reporter-phone`,
      { reason: '查看号码' },
      cookies.worker2,
    );
    expect(outside.status).toBe(404);
    expect(await audits()).toHaveLength(seen + 1);
  });

  it("shows the handling unit the visit's photos through the case, no more of the visit; another unit gets 404", async () => {
    const get = (url: string, user: User) => demo.send('GET', url, undefined, cookies[user]);
    const ctxUrl = `/api/v1/cases/${visitCase.caseId}/context`;
    const photoId = ((await get(ctxUrl, 'worker1')).json() as CaseContext).visit?.photos[0]?.id as string;
    const photoUrl = `/api/v1/cases/${visitCase.caseId}/visit-photos/${photoId}`;
    // Before it is dispatched to them the urban office does not reach the case at all.
    expect((await get(ctxUrl, 'handler')).status).toBe(404);
    expect((await act('dispatcher', visitCase.caseId, 'accept', {})).status).toBe(200);
    const sent = await act('dispatcher', visitCase.caseId, 'dispatch', {
      unit: { departmentId: urbanOffice },
    });
    expect(sent.status, sent.text()).toBe(200);

    const res = await get(ctxUrl, 'handler');
    expect(res.status, res.text()).toBe(200);
    const c = res.json() as CaseContext;
    // The photos, not the visit: it is no link for them, nor the household.
    expect(c.visit).toMatchObject({ readable: false, photosVisible: true });
    expect(c.visit?.photos.map((p) => p.fileName)).toEqual(['lamp.png']);
    expect(c.household?.readable).toBe(false);
    const img = await get(photoUrl, 'handler');
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await get(`/api/v1/visits/${visitCase.visitId}`, 'handler')).status).toBe(403);
    expect((await get(`/api/v1/visits/${visitCase.visitId}/photos/${photoId}`, 'handler')).status).toBe(403);
    // A photo of another visit is no photo of this case's.
    expect((await get(`/api/v1/cases/${visitCase.caseId}/visit-photos/${uuidv7()}`, 'handler')).status).toBe(
      404,
    );
    // The district bureau is no unit of this case: nothing of it, photos included.
    expect((await get(ctxUrl, 'handler2')).status).toBe(404);
    expect((await get(photoUrl, 'handler2')).status).toBe(404);
    // A case raised on no visit has no visit photos to serve.
    const plain = await newCase('井盖松动', '人行道井盖松动');
    expect((await get(`/api/v1/cases/${plain}/visit-photos/${photoId}`, 'dispatcher')).status).toBe(404);
  });

  it('lets a case closed on the spot be classified by its level, the figures following; the urgency stays as handled', async () => {
    const created = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: visitCase.householdId },
        startedAt: new Date(Date.now() - 1_200_000).toISOString(),
        endedAt: new Date(Date.now() - 600_000).toISOString(),
        notes: '回访时顺手处理。',
        issues: [
          {
            title: '楼道杂物堵塞',
            description: '三单元楼道堆放杂物，当场协调清理。',
            kind: 'help',
            resolvedOnSpot: true,
            resolution: '当场协调住户清理',
          },
        ],
      },
      cookies.worker1,
      { 'idempotency-key': uuidv7() },
    );
    expect(created.status, created.text()).toBe(201);
    const id = (created.json() as CreatedVisit).cases[0]?.id as string;
    const closed = await read(id, 'cdispatcher');
    expect(closed).toMatchObject({ state: 'closed', onSpot: true, categoryId: null, level: 0 });
    // The community's dispatcher holds it (its level): the category is all it is offered.
    expect(closed.actions).toEqual(['classify']);

    const clean = await category('urban_sanitation');
    const kept = await byCategory();
    const res = await act('cdispatcher', id, 'classify', { categoryId: clean.id, listType: 'need' });
    expect(res.status, res.text()).toBe(200);
    const after = res.json() as CaseDetail;
    expect(after).toMatchObject({ state: 'closed', categoryId: clean.id, listType: 'need', onSpot: true });
    expect(after.events.at(-1)).toMatchObject({
      action: 'classify',
      fromState: 'closed',
      toState: 'closed',
      detail: {
        from: { categoryId: null, categoryName: null, listType: 'problem' },
        to: { categoryId: clean.id, categoryName: clean.name, listType: 'need' },
      },
    });
    // Counted on the spot and closed under its category now, no longer uncategorised; a rebuild agrees.
    const moved = await byCategory();
    for (const key of ['received', 'on_spot', 'closed'] as const) {
      expect(moved.get(clean.id)?.[key], key).toBe((kept.get(clean.id)?.[key] ?? 0) + 1);
      expect(moved.get('')?.[key] ?? 0, key).toBe((kept.get('')?.[key] ?? 0) - 1);
    }
    await expectRebuildEqualsKept(t.database.db, 'case', district, rebuildCaseFigures);

    // Its urgency set the deadlines it was held to: refused, nothing written.
    const counted = await rows(id);
    const urgency = await act('cdispatcher', id, 'classify', { urgency: 'urgent' });
    expect(urgency.status).toBe(422);
    expect(urgency.json()).toMatchObject({
      code: 'CASE_RULE_REFUSED',
      errors: [{ reason: 'urgency_settled' }],
    });
    expect(await rows(id)).toEqual(counted);
  });

  it("tells a community dispatcher why a street-held case's dispatcher actions are not theirs", async () => {
    const id = await newCase('路灯闪烁', '主干道路灯夜间闪烁');
    const c = await read(id, 'cdispatcher');
    expect(c).toMatchObject({ state: 'submitted', level: 1 });
    expect(c.actions).toEqual([]);
    const held = c.unavailableActions.filter((u) => u.reason === 'held_above');
    expect(held.map((u) => u.action).sort()).toEqual(
      ['accept', 'answer', 'cancel', 'classify', 'merge', 'progress_notice', 'reject'].sort(),
    );
    expect(held.every((u) => u.level === 1)).toBe(true);
    // And indeed refused: the street's dispatchers act.
    expect((await act('cdispatcher', id, 'accept', {})).status).toBe(403);
    // The street's dispatcher is told nothing of the kind.
    expect((await read(id, 'dispatcher')).unavailableActions.some((u) => u.reason === 'held_above')).toBe(
      false,
    );
  });
});
