import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCountersIn } from '../../src/server/modules/cases/case-figures.ts';
import { figureMaintenanceOn, setFigureMaintenance } from '../../src/server/modules/figures/maintenance.ts';
import { visitCountersIn } from '../../src/server/modules/visits/visit-figures.ts';
import type { CreatedVisit } from '../../src/shared/domain/visit.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

/**
 * MINQING_FIGURES_MAINTAIN (benchmarks only): with it off a recorded visit and the case it raises
 * leave the figures as they were (no delta, no per-case contribution); turned on again, the next
 * ones are counted.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let cookie: string;
let grid: { id: string; path: string };
let district: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000', MINQING_FIGURES_MAINTAIN: 'off' });
  demo = await seedSmallDemo(t, 20);
  const worker = (await demoGrants(t)).find((g) => g.username === 'worker1');
  grid = await firstGridBelow(t, worker?.path as string);
  district = grid.path.split('.')[0] as string;
  cookie = await demo.signIn('worker1');
});
afterAll(async () => {
  setFigureMaintenance(true);
  await t.close();
});

/** Records a visit with one open problem (a case) and returns the case's id. */
async function visitWithProblem(i: number): Promise<string> {
  const household = await addHousehold(t, grid);
  const res = await demo.send(
    'POST',
    '/api/v1/visits',
    {
      form: 'routine',
      target: { type: 'household', householdId: household },
      startedAt: '2026-03-10T10:00:00+08:00',
      endedAt: '2026-03-10T10:40:00+08:00',
      notes: '入户走访，了解近况。',
      issues: [{ title: `楼道堆物${i}`, description: '走访中发现的问题', kind: 'help' }],
    },
    cookie,
    { 'idempotency-key': uuidv7() },
  );
  expect(res.status, res.text()).toBe(201);
  const [c] = (res.json() as CreatedVisit).cases;
  return c?.id as string;
}

describe('MINQING_FIGURES_MAINTAIN', () => {
  it('off: visits and case changes append no figures; on: they do', async () => {
    const db = t.database.db;
    const today = cstDay(new Date());
    const counted = async () => ({
      visits: (await visitCountersIn(db, district, [district], '2026-03-01', '2026-04-01')).visits,
      cases: (await caseCountersIn(db, district, [district], today, addDays(today, 1))).received,
    });
    const contributions = async (caseId: string) =>
      (
        await db
          .selectFrom('case_figure')
          .select('case_id')
          .where('district_code', '=', district)
          .where('case_id', '=', caseId)
          .execute()
      ).length;

    // The configuration turned it off when the context was created.
    expect(figureMaintenanceOn()).toBe(false);
    const before = await counted();
    const unkept = await visitWithProblem(1);
    expect(await counted()).toEqual(before);
    expect(await contributions(unkept)).toBe(0);

    setFigureMaintenance(true);
    const kept = await visitWithProblem(2);
    expect(await counted()).toEqual({ visits: before.visits + 1, cases: before.cases + 1 });
    expect(await contributions(kept)).toBe(1);
  });
});
