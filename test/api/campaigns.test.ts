import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { type CampaignReport, campaignReportSchema } from '../../src/shared/domain/campaign.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addCadre, demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';
import { addHousehold } from '../support/households.ts';

/**
 * Campaign reports (issue 12 §6), from a scenario sent through the HTTP API: household and
 * enterprise visits in two communities with problems (some solved on the spot), opinions, a leader
 * and a cadre sent down along, and escalations to the street and the district. The report's
 * figures equal what the scenario says, counted here; the examples appear; the pack parses with
 * one sheet per table and the definitions last; bad input answers 4xx.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const userIds: Record<string, string> = {};
const pathOf: Record<string, string> = {};
const regionOf: Record<string, string> = {};
let district: string;
let grid1: { id: string; path: string };
let grid2: { id: string; path: string };
const today = cstDay(new Date());

interface Planned {
  worker: 'worker1' | 'worker2';
  grid: { id: string; path: string };
  target: 'household' | 'enterprise';
  companions: ('leader' | 'cadre1')[];
  issues: { onSpot: boolean }[];
  opinions: number;
}
const plan: Planned[] = [];
const created: CreatedVisit[] = [];
let campaignId: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 20);
  for (const g of await demoGrants(t)) {
    userIds[g.username] = g.user_id;
    if (g.path) pathOf[g.username] = g.path;
    if (g.region_id) regionOf[g.username] = g.region_id;
  }
  grid1 = await firstGridBelow(t, pathOf.worker1 as string);
  grid2 = await firstGridBelow(t, pathOf.worker2 as string);
  district = grid1.path.slice(0, 6);
  // A cadre sent down (下沉干部) to the street: a visitor who counts as sent down.
  userIds.cadre1 = await addCadre(t, district, 'cadre1', regionOf.leader as string, '下沉干部（测试）');
  for (const u of ['leader', 'worker1', 'worker2', 'cdispatcher', 'dispatcher', 'supervisor'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const send = (
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  user: string,
  body?: unknown,
  headers?: Record<string, string>,
) => demo.send(method, url, body, cookies[user], headers);

async function act(caseId: string, user: string, action: string, body: unknown = {}) {
  const current = await send('GET', `/api/v1/cases/${caseId}`, user);
  expect(current.status, current.text()).toBe(200);
  const res = await send('POST', `/api/v1/cases/${caseId}/${action}`, user, body, {
    'if-match': current.headers.etag as string,
  });
  expect(res.status, `${action}: ${res.text()}`).toBe(200);
}

const sum = (ps: readonly Planned[], f: (p: Planned) => number) => ps.reduce((a, p) => a + f(p), 0);

async function readReport(id: string, user = 'leader'): Promise<CampaignReport> {
  const res = await send('GET', `/api/v1/campaigns/${id}`, user);
  expect(res.status, res.text()).toBe(200);
  return campaignReportSchema.parse(res.json());
}

describe('campaign reports', () => {
  it('report the scenario as counted by hand, from the kept figures', async () => {
    const enterprise1 = (await addEnterprises(t, pathOf.worker1 as string, 1))[0] as string;
    const enterpriseGrid = await t.database.db
      .selectFrom('enterprise as e')
      .innerJoin('region as r', onSameDistrict('r.id', 'e.grid_id'))
      .select(['r.id', 'r.path'])
      .where('e.id', '=', enterprise1)
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 10; i++) {
      const second = i % 3 === 0;
      const enterprise = i === 4 || i === 7;
      plan.push({
        worker: second ? 'worker2' : 'worker1',
        grid: second ? grid2 : enterprise ? enterpriseGrid : grid1,
        target: enterprise ? 'enterprise' : 'household',
        companions: [...(i % 2 === 0 ? ['leader' as const] : []), ...(second ? ['cadre1' as const] : [])],
        issues: Array.from({ length: i % 3 === 2 ? 2 : 1 }, (_, k) => ({ onSpot: (i + k) % 2 === 1 })),
        opinions: i % 4,
      });
    }
    for (const [i, p] of plan.entries()) {
      const day = addDays(today, -(1 + (i % 3)));
      const target =
        p.target === 'enterprise'
          ? { type: 'enterprise', enterpriseId: enterprise1 }
          : { type: 'household', householdId: await addHousehold(t, p.grid) };
      const res = await send(
        'POST',
        '/api/v1/visits',
        p.worker,
        {
          form: 'routine',
          target,
          startedAt: `${day}T00:10:00+08:00`,
          endedAt: `${day}T00:40:00+08:00`,
          notes: '专项活动走访',
          companionIds: p.companions.map((c) => userIds[c]),
          issues: p.issues.map((issue, k) => ({
            title: `活动问题${i}-${k}`,
            description: '走访中发现的问题',
            kind: 'help',
            ...(issue.onSpot ? { resolvedOnSpot: true, resolution: '当场解决' } : {}),
          })),
          opinions: Array.from({ length: p.opinions }, (_, k) => ({ text: `活动意见${i}-${k}` })),
        },
        { 'idempotency-key': uuidv7() },
      );
      expect(res.status, res.text()).toBe(201);
      created.push(res.json() as CreatedVisit);
    }
    // Two open problems of the first community go up: one to the street, one on to the district.
    const open = created
      .filter((_, i) => plan[i]?.worker === 'worker1')
      .flatMap((c) => c.cases)
      .filter((c) => !c.onSpot);
    const [toStreet, toDistrict] = open;
    if (!toStreet || !toDistrict) throw new Error('the scenario needs two open problems');
    for (const c of [toStreet, toDistrict]) {
      await act(c.id, 'cdispatcher', 'accept');
      await act(c.id, 'cdispatcher', 'escalate', { reason: '社区无法协调' });
    }
    await act(toDistrict.id, 'dispatcher', 'escalate', { reason: '需区级部门协调' });

    const street = regionOf.leader as string;
    const create = await send('POST', '/api/v1/campaigns', 'leader', {
      name: '民情双访 2026 秋季',
      regionId: street,
      from: addDays(today, -20),
      to: today,
    });
    expect(create.status, create.text()).toBe(201);
    campaignId = (create.json() as { id: string }).id;

    const report = await readReport(campaignId);
    const problems = sum(plan, (p) => p.issues.length);
    const onSpot = sum(plan, (p) => p.issues.filter((x) => x.onSpot).length);
    expect(report.campaign).toMatchObject({
      name: '民情双访 2026 秋季',
      from: addDays(today, -20),
      to: today,
    });
    expect(report.visits).toMatchObject({
      visits: plan.length,
      householdVisits: plan.filter((p) => p.target === 'household').length,
      enterpriseVisits: plan.filter((p) => p.target === 'enterprise').length,
      byLeaderOrCadre: plan.filter((p) => p.companions.length > 0).length,
      problemsFound: problems,
      solvedOnSpot: onSpot,
      opinionsCollected: sum(plan, (p) => p.opinions),
      householdsCovered: plan.filter((p) => p.target === 'household').length,
      enterprisesCovered: 1,
    });
    const streetHouseholds = Number(
      (
        await t.database.db
          .selectFrom('household')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('region_path', 'like', `${pathOf.leader}.%`)
          .where('removed_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(report.visits.householdCoveragePercent).toBe(
      Math.floor((100 * plan.filter((p) => p.target === 'household').length) / streetHouseholds),
    );
    expect(report.cases).toMatchObject({
      received: problems,
      onSpot,
      closed: onSpot,
      passedToStreet: 2,
      passedToDistrict: 1,
      closureRate: { numerator: onSpot, denominator: problems },
      satisfactionRate: { numerator: 0, denominator: 0, value: null },
    });
    // People sent down: the leader and the cadre, each once overall; per grid, those who went there.
    expect(report.peopleSentDown).toBe(2);
    const sentDownIn = (grid: string) =>
      new Set(plan.filter((p) => p.grid.path === grid).flatMap((p) => p.companions)).size;
    for (const grid of new Set(plan.map((p) => p.grid.path))) {
      const row = report.byGrid.find((g) => g.region.id === plan.find((p) => p.grid.path === grid)?.grid.id);
      const here = plan.filter((p) => p.grid.path === grid);
      expect(row, grid).toMatchObject({
        visits: here.length,
        problemsFound: sum(here, (p) => p.issues.length),
        peopleSentDown: sentDownIn(grid),
      });
    }
    expect(report.byGrid.reduce((a, g) => a + g.visits, 0)).toBe(plan.length);
    // By community: each worker's community holds its own visits; the others none.
    for (const worker of ['worker1', 'worker2'] as const) {
      const row = report.byUnit.find((u) => u.region.id === regionOf[worker]);
      const here = plan.filter((p) => p.worker === worker);
      expect(row, worker).toMatchObject({
        visits: here.length,
        householdVisits: here.filter((p) => p.target === 'household').length,
        problemsFound: sum(here, (p) => p.issues.length),
        opinionsCollected: sum(here, (p) => p.opinions),
        householdsCovered: here.filter((p) => p.target === 'household').length,
      });
    }
    expect(report.byUnit.reduce((a, u) => a + u.visits, 0)).toBe(plan.length);
    expect(report.examples).toEqual([]);

    // The community's worker reads the campaign of the street? No: it reaches only its community.
    expect((await send('GET', `/api/v1/campaigns/${campaignId}`, 'worker1')).status).toBe(404);
    expect((await send('GET', '/api/v1/campaigns', 'leader')).json()).toMatchObject({
      items: [{ id: campaignId, examples: 0 }],
    });
  });

  it('marks and unmarks examples, audited, only inside its place and period', async () => {
    const escalated = created.flatMap((c) => c.cases).find((c) => !c.onSpot) as {
      id: string;
      number: string;
    };
    const mark = await send('POST', `/api/v1/campaigns/${campaignId}/examples`, 'leader', {
      caseRef: escalated.number,
      note: '社区吹哨、街道报到的典型',
    });
    expect(mark.status, mark.text()).toBe(200);
    const report = await readReport(campaignId);
    expect(report.examples).toMatchObject([
      { caseId: escalated.id, number: escalated.number, note: '社区吹哨、街道报到的典型' },
    ]);
    // By id, a second example; then taken off again.
    const other = created.flatMap((c) => c.cases).find((c) => c.id !== escalated.id) as { id: string };
    expect(
      (await send('POST', `/api/v1/campaigns/${campaignId}/examples`, 'leader', { caseRef: other.id }))
        .status,
    ).toBe(200);
    expect((await readReport(campaignId)).examples).toHaveLength(2);
    expect(
      (await send('DELETE', `/api/v1/campaigns/${campaignId}/examples/${other.id}`, 'leader')).status,
    ).toBe(204);
    expect(
      (await send('DELETE', `/api/v1/campaigns/${campaignId}/examples/${other.id}`, 'leader')).status,
    ).toBe(404);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', campaignId)
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'campaign.created',
      'campaign.example_marked',
      'campaign.example_marked',
      'campaign.example_unmarked',
    ]);

    // A campaign of last year: today's cases lie outside its period.
    const past = await send('POST', '/api/v1/campaigns', 'leader', {
      name: '往年活动',
      regionId: regionOf.worker2,
      from: addDays(today, -400),
      to: addDays(today, -370),
    });
    expect(past.status, past.text()).toBe(201);
    const outside = await send(
      'POST',
      `/api/v1/campaigns/${(past.json() as { id: string }).id}/examples`,
      'leader',
      {
        caseRef: escalated.number,
      },
    );
    expect([outside.status, (outside.json() as { code: string }).code]).toEqual([
      422,
      'CAMPAIGN_CASE_OUTSIDE',
    ]);
    // An unknown case number is not found; a malformed one is refused by the schema.
    expect(
      (
        await send('POST', `/api/v1/campaigns/${campaignId}/examples`, 'leader', {
          caseRef: `${district}-1999-000001`,
        })
      ).status,
    ).toBe(404);
    expect(
      (await send('POST', `/api/v1/campaigns/${campaignId}/examples`, 'leader', { caseRef: 'x; drop table' }))
        .status,
    ).toBe(422);
  });

  it('exports the report pack: one sheet per table, values only, the definitions last', async () => {
    const report = await readReport(campaignId);
    const download = async (lang: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/campaigns/${campaignId}/report.xlsx?lang=${lang}`,
        headers: { cookie: cookies.leader as string },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      return workbook;
    };
    const zh = await download('zh-CN');
    expect(zh.worksheets.map((s) => s.name)).toEqual([
      '主要指标',
      '分社区',
      '分网格',
      '典型案例',
      '指标说明',
    ]);
    const cells = (sheet: ExcelJS.Worksheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow((row) => {
        row.eachCell((cell) =>
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula),
        );
        rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };
    const headline = new Map(cells(zh.worksheets[0] as ExcelJS.Worksheet).map((r) => [r[0], r[1]]));
    expect(headline.get('入户走访')).toBe(report.visits.householdVisits);
    expect(headline.get('走访企业')).toBe(report.visits.enterpriseVisits);
    expect(headline.get('下沉人员')).toBe(2);
    expect(headline.get('发现问题')).toBe(report.visits.problemsFound);
    expect(headline.get('上报区级')).toBe(1);
    expect(headline.get('办结率（%）')).toBe(
      Math.round((report.cases.closureRate.value as number) * 1000) / 10,
    );
    const gridRows = cells(zh.worksheets[2] as ExcelJS.Worksheet);
    expect(gridRows.slice(1).reduce((a, r) => a + Number(r[1]), 0)).toBe(report.visits.visits);
    const examples = cells(zh.worksheets[3] as ExcelJS.Worksheet);
    expect(examples.slice(1).map((r) => r[0])).toEqual(report.examples.map((e) => e.number));
    const definitions = cells(zh.worksheets[4] as ExcelJS.Worksheet);
    expect(definitions).toContainEqual(['满意率', expect.stringContaining('已评价件数')]);
    expect(definitions).toContainEqual(['下沉人员', expect.stringContaining('下沉干部')]);
    const en = await download('en');
    expect(en.worksheets.at(-1)?.name).toBe('Definitions');
    expect(cells(en.worksheets.at(-1) as ExcelJS.Worksheet)).toContainEqual([
      'Satisfaction rate',
      expect.stringContaining('rated'),
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', campaignId)
      .where('action', '=', 'export.campaign_report')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('answers 4xx for a bad period, a place out of scope and a role without the permission', async () => {
    const body = { name: '秋季走访', regionId: regionOf.worker1, from: today, to: today };
    const backwards = await send('POST', '/api/v1/campaigns', 'leader', { ...body, to: addDays(today, -1) });
    expect([backwards.status, (backwards.json() as { code: string }).code]).toEqual([
      422,
      'CAMPAIGN_PERIOD_INVALID',
    ]);
    const tooLong = await send('POST', '/api/v1/campaigns', 'leader', {
      ...body,
      from: addDays(today, -400),
    });
    expect((tooLong.json() as { code: string }).code).toBe('CAMPAIGN_PERIOD_INVALID');
    // Another street's place (or a made-up one) is not found; a dispatcher or supervisor may not plan.
    const elsewhere = await t.database.db
      .selectFrom('region')
      .select('id')
      .where('level', '=', 'street')
      .where('path', '<>', pathOf.leader as string)
      .executeTakeFirst();
    const unknownPlace = await send('POST', '/api/v1/campaigns', 'leader', {
      ...body,
      regionId: elsewhere?.id ?? uuidv7(),
    });
    expect(unknownPlace.status).toBe(404);
    expect((await send('GET', `/api/v1/campaigns/${campaignId}`, 'worker2')).status).toBe(404);
    expect((await send('GET', `/api/v1/campaigns?regionId=${regionOf.worker1}`, 'worker2')).status).toBe(404);
    expect((await send('POST', '/api/v1/campaigns', 'dispatcher', body)).status).toBe(403);
    expect(
      (await send('POST', `/api/v1/campaigns/${campaignId}/examples`, 'supervisor', { caseRef: uuidv7() }))
        .status,
    ).toBe(403);
    // The supervisor reads the street's report all the same.
    expect((await send('GET', `/api/v1/campaigns/${campaignId}`, 'supervisor')).status).toBe(200);
  });
});
