import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoverageRepository } from '../../src/server/modules/coverage/coverage.repository.ts';
import { coverageIn, rebuildCoverageFigures } from '../../src/server/modules/coverage/coverage-figures.ts';
import { readProvinceFigures } from '../../src/server/modules/dashboard/read-province-figures.ts';
import { foldFigureDeltas } from '../../src/server/modules/figures/rollups.ts';
import { figuresReportSchema } from '../../src/shared/domain/figures.ts';
import { assessmentPeriodOfDay } from '../../src/shared/figures/assessment-periods.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addDistrictLeader, demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';
import { addHousehold } from '../support/households.ts';

/**
 * Coverage kept as counters (issue 12 §2): the households and enterprises covered in a week,
 * month, quarter or year come from first-visit counters, not a pass over the diary. Visits sent
 * through the API in a scrambled order (a late sync of an earlier visit among them) leave the
 * counts the diary gives, per period kind, and a rebuild equals what was kept.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let street: string;
let streetPath: string;
let district: string;
let grid: { id: string; path: string };
let community: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  const worker = grants.find((g) => g.username === 'worker1');
  const leader = grants.find((g) => g.username === 'leader');
  street = leader?.region_id as string;
  streetPath = leader?.path as string;
  district = worker?.district_code as string;
  community = worker?.path as string;
  grid = await firstGridBelow(t, community);
  for (const u of ['worker1', 'leader']) cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

async function visit(
  target: { type: 'household'; householdId: string } | { type: 'enterprise'; enterpriseId: string },
  day: string,
  hour = '10',
) {
  const res = await demo.send(
    'POST',
    '/api/v1/visits',
    {
      form: 'routine',
      target,
      startedAt: `${day}T${hour}:00:00+08:00`,
      endedAt: `${day}T${hour}:40:00+08:00`,
      notes: '入户走访',
    },
    cookies.worker1,
    { 'idempotency-key': uuidv7() },
  );
  expect(res.status, res.text()).toBe(201);
}

async function figures(period: string, at: string) {
  const res = await demo.send(
    'GET',
    `/api/v1/figures?regionId=${street}&period=${period}&at=${at}`,
    undefined,
    cookies.leader,
  );
  expect(res.status, res.text()).toBe(200);
  return figuresReportSchema.parse(res.json());
}

describe('coverage kept as first-visit counters', () => {
  it('equals the diary for every period kind, whatever order the visits arrive in', async () => {
    const [a, b, c] = [await addHousehold(t, grid), await addHousehold(t, grid), await addHousehold(t, grid)];
    const [e] = (await addEnterprises(t, community, 1)) as [string];
    const h = (householdId: string) => ({ type: 'household' as const, householdId });
    // a: twice in March (the second first), once in April; b: a late sync of 3 March after its
    // 20 March visit, and 30 December the year before; c: on 31 March at 23:30 Beijing time.
    await visit(h(a), '2026-03-20');
    await visit(h(a), '2026-03-10');
    await visit(h(a), '2026-04-02');
    await visit(h(b), '2026-03-20');
    await visit(h(b), '2026-03-03');
    await visit(h(b), '2025-12-30');
    await visit(h(c), '2026-03-31', '23');
    await visit({ type: 'enterprise', enterpriseId: e }, '2026-03-16');
    await visit({ type: 'enterprise', enterpriseId: e }, '2026-03-17');

    const expected: [string, string, number, number][] = [
      ['month', '2026-03-15', 3, 1],
      ['month', '2026-04-15', 1, 0],
      ['quarter', '2026-02-01', 3, 1],
      ['quarter', '2026-05-01', 1, 0],
      ['year', '2026-06-01', 3, 1],
      ['year', '2025-06-01', 1, 0],
      // The week of Monday 16 March: a's and b's visits of the 20th, the enterprise's two.
      ['week', '2026-03-18', 2, 1],
    ];
    const diary = createCoverageRepository(t.database.db);
    const fromDiary = async (target: 'household' | 'enterprise', kind: string, at: string) => {
      const period = assessmentPeriodOfDay(kind as 'month', at);
      const byUnit = await diary.subjectCoverageByUnit(district, streetPath, target, period);
      return [...byUnit.values()].reduce((n, u) => n + u.visited, 0);
    };
    const check = async () => {
      for (const [kind, at, households, enterprises] of expected) {
        const report = await figures(kind, at);
        const got = [report.current.visits.householdsCovered, report.current.visits.enterprisesCovered];
        expect(got, `${kind} of ${at}`).toEqual([households, enterprises]);
        expect(got, `${kind} of ${at} from the diary`).toEqual([
          await fromDiary('household', kind, at),
          await fromDiary('enterprise', kind, at),
        ]);
      }
    };
    // Read with the deltas unfolded, then folded: the same.
    await check();
    expect(await foldFigureDeltas(t.database.db)).toBeGreaterThan(0);
    await check();
    // A custom range is counted from the diary.
    const custom = await demo.send(
      'GET',
      `/api/v1/figures?regionId=${street}&period=custom&from=2026-03-15&to=2026-04-05`,
      undefined,
      cookies.leader,
    );
    expect(custom.status, custom.text()).toBe(200);
    expect(figuresReportSchema.parse(custom.json()).current.visits.householdsCovered).toBe(3);
    // The district's rules are the defaults so far: calendar months.
    await expectRebuildEqualsKept(t.database.db, 'coverage', district, (db, d) =>
      rebuildCoverageFigures(db, d, { monthStartDay: 1 }),
    );

    // A month from the 19th: b's visits of 3 and 20 March fall in two assessment months (named
    // March and April), a's of 10 and 20 March too; the counters are recounted with the rules.
    await addDistrictLeader(t, district);
    const rules = await demo.send(
      'PUT',
      '/api/v1/figures/rules',
      { monthStartDay: 19, basicallySatisfiedWeight: 1, ratings: 'all' },
      await demo.signIn('district.leader'),
    );
    expect(rules.status, rules.text()).toBe(200);
    // 19 Feb – 18 Mar: a (10th), b (3rd); 19 Mar – 18 Apr: a (20th, 2 Apr), b (20th), c (31st).
    expect((await figures('month', '2026-03-10')).current.visits.householdsCovered).toBe(2);
    expect((await figures('month', '2026-03-25')).current.visits.householdsCovered).toBe(3);
    await expectRebuildEqualsKept(t.database.db, 'coverage', district, (db, d) =>
      rebuildCoverageFigures(db, d, { monthStartDay: 19 }),
    );

    // A province counts calendar months. This district's counters are kept by months from the
    // 19th, where a's and b's visits of March are two firsts each: the province's March and first
    // quarter count the district's visited households from its diary (a, b, c), not 5.
    for (const [kind, at] of [
      ['month', '2026-03-15'],
      ['quarter', '2026-02-01'],
    ] as const) {
      const province = await readProvinceFigures(t.database.db, { period: kind, at }, new Date());
      const calendarPeriod = assessmentPeriodOfDay(kind, at);
      const byUnit = await diary.subjectCoverageByUnit(district, district, 'household', calendarPeriod);
      const visitedInDistrict = [...byUnit.values()].reduce((n, u) => n + u.visited, 0);
      expect(visitedInDistrict, `${kind} of ${at} from the diary`).toBeGreaterThanOrEqual(3);
      const mine = province.districts.find((d) => d.code === district);
      expect(mine?.coverage?.householdsVisited, `${kind} of ${at}`).toBe(visitedInDistrict);
      expect(province.province.coverage?.householdsVisited).toBe(visitedInDistrict);
    }

    // A household that moved out since was still visited in March: covered then, no longer in scope.
    const march = assessmentPeriodOfDay('month', '2026-03-25', { monthStartDay: 19 });
    const before = await coverageIn(t.database.db, district, streetPath, march);
    const removed = await demo.send(
      'POST',
      `/api/v1/households/${c}/remove`,
      { reason: '整户迁出' },
      cookies.worker1,
    );
    expect(removed.status, removed.text()).toBe(200);
    const after = await coverageIn(t.database.db, district, streetPath, march);
    expect(after).toEqual({ ...before, households: before.households - 1 });
    expect(after.householdsVisited).toBe(3);
  });
});
