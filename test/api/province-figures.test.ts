import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import { figuresReportSchema, provinceFiguresSchema } from '../../src/shared/domain/figures.ts';
import { type HttpCaseWorld, httpCaseWorld } from '../cases/http-case-world.ts';
import { addDistrictLeader } from '../support/demo.ts';

// GET /api/v1/figures/province (issue 17 §3): a provincial leader reads every district's totals
// and the province's; nobody else may, and the provincial leader reads no district's own pages.

describe('the province figures API', () => {
  let w: HttpCaseWorld<'worker1'>;
  let districtCode: string;
  let districtRoot: string;
  let province: string;
  let leader: string;
  const get = (path: string, cookie: string) => w.demo.send('GET', path, undefined, cookie);

  beforeAll(async () => {
    w = await httpCaseWorld(['worker1'] as const);
    const root = await w.t.database.db
      .selectFrom('region')
      .select(['id', 'district_code'])
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow();
    districtCode = root.district_code;
    districtRoot = root.id;
    await createUser(w.t.database.db, {
      districtCode,
      username: 'province.leader',
      displayName: '省级领导',
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      grants: [{ role: 'province_leader', scopeRegionId: null }],
      actor: { districtCode, username: 'cli', sourceIp: null },
    });
    province = await w.demo.signIn('province.leader');
    leader = await w.demo.signIn(await addDistrictLeader(w.t, districtCode));
    await w.newCase('路灯不亮', 'province figures');
    await w.newCase('垃圾未清运', 'province figures');
    // A visit this month, so the district's coverage is not zero.
    const household = await w.t.database.db
      .selectFrom('household')
      .select('id')
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    // Minutes ago, so it lies in this month unless the test runs in a month's first two minutes.
    const startedAt = new Date(Date.now() - 120_000);
    const visit = await w.demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household.id },
        startedAt: startedAt.toISOString(),
        endedAt: new Date(startedAt.getTime() + 60_000).toISOString(),
        notes: '全省指标测试走访',
      },
      leader,
      { 'idempotency-key': `province-visit-${process.pid}` },
    );
    expect(visit.status, visit.text()).toBe(201);
  });
  afterAll(async () => w?.t.close());

  it("gives a provincial leader each district's figures as its own leader reads them, and the province's", async () => {
    const answer = await get('/api/v1/figures/province?period=month', province);
    expect(answer.status, answer.text()).toBe(200);
    const report = provinceFiguresSchema.parse(answer.json());
    expect(report.period.kind).toBe('month');
    const district = report.districts.find((d) => d.code === districtCode);
    expect(district?.name).toBeTruthy();

    const own = await get(`/api/v1/figures?regionId=${districtRoot}&period=month`, leader);
    expect(own.status, own.text()).toBe(200);
    const figures = figuresReportSchema.parse(own.json()).current;
    expect(figures.period).toEqual(report.period);
    expect(figures.cases.received).toBeGreaterThanOrEqual(2);
    expect(district?.cases).toEqual(figures.cases);
    expect(district?.visits.visits).toBe(figures.visits.visits);
    expect(district?.visits.problems).toBe(figures.visits.problemsFound);
    expect(figures.visits.householdsCovered).toBeGreaterThanOrEqual(1);
    expect(district?.coverage).toMatchObject({
      householdsVisited: figures.visits.householdsCovered,
      enterprisesVisited: figures.visits.enterprisesCovered,
      householdCoveragePercent: figures.visits.householdCoveragePercent,
      enterpriseCoveragePercent: figures.visits.enterpriseCoveragePercent,
    });
    expect(report.province.coverage).toEqual(district?.coverage);
    // One district: the province is that district.
    expect(report.province.cases).toEqual(figures.cases);
  });

  it('refuses everyone without the permission, and keeps the provincial leader out of district pages', async () => {
    const refused = await get('/api/v1/figures/province', leader);
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await get(`/api/v1/figures?regionId=${districtRoot}`, province)).status).toBe(403);
    expect((await get('/api/v1/cases', province)).status).toBe(403);
  });

  it('leaves coverage out over a custom range, as the district figures count it from the diary', async () => {
    const answer = await get(
      '/api/v1/figures/province?period=custom&from=2026-01-01&to=2026-01-31',
      province,
    );
    expect(answer.status, answer.text()).toBe(200);
    const report = provinceFiguresSchema.parse(answer.json());
    expect(report.province.coverage).toBeNull();
    expect(report.districts.every((d) => d.coverage === null)).toBe(true);
  });

  it('answers a malformed period with 422 VALIDATION_FAILED and the field named', async () => {
    const bad = await get('/api/v1/figures/province?period=decade', province);
    expect(bad.status).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const stray = await get('/api/v1/figures/province?period=month&from=2026-01-01', province);
    expect(stray.status).toBe(422);
    expect(stray.text()).toContain('from');
  });
});
