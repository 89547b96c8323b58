import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildVisitFigures } from '../../src/server/modules/visits/visit-figures.ts';
import { figuresReportSchema } from '../../src/shared/domain/figures.ts';
import { type CreatedVisit, type SyncResult, visitDetailSchema } from '../../src/shared/domain/visit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';
import { addHousehold } from '../support/households.ts';

/**
 * Aid delivered (issue 12 §1): amounts recorded on a visit's services, through POST /visits and
 * the field app's sync (old clients send none), add up to the figures API's `aidDelivered` for the
 * place and period, to the fen; bad amounts are refused; a rebuild equals what was kept.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let worker: string;
let leader: string;
let street: string;
let grid: { id: string; path: string };
let district: string;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  const workerGrant = grants.find((g) => g.username === 'worker1');
  grid = await firstGridBelow(t, workerGrant?.path as string);
  district = grid.path.split('.')[0] as string;
  street = grants.find((g) => g.username === 'leader')?.region_id as string;
  worker = await demo.signIn('worker1');
  leader = await demo.signIn('leader');
});
afterAll(async () => t.close());

type Amounts = Partial<Record<string, number>>;

const visitOn = (householdId: string, day: string, services: string[], aidAmounts?: Amounts) => ({
  form: 'routine',
  target: { type: 'household', householdId },
  startedAt: `2026-06-${day}T10:00:00+08:00`,
  endedAt: `2026-06-${day}T10:40:00+08:00`,
  notes: '走访困难户，送去慰问金和米面油。',
  services,
  ...(aidAmounts ? { aidAmounts } : {}),
});

const post = (body: unknown) =>
  demo.send('POST', '/api/v1/visits', body, worker, { 'idempotency-key': uuidv7() });

const aidIn = async (at: string) => {
  const res = await demo.send(
    'GET',
    `/api/v1/figures?regionId=${street}&period=month&at=${at}`,
    undefined,
    leader,
  );
  expect(res.status, res.text()).toBe(200);
  return figuresReportSchema.parse(res.json()).current.visits;
};

describe('aid delivered on visits', () => {
  it('adds the amounts sent by POST and by sync, old clients without any, to the fen', async () => {
    const amounts: Amounts[] = [
      { help_delivered: 500, referral: 199.9 },
      { help_delivered: 0.1, policy_explained: 0.2 },
    ];
    const created: CreatedVisit[] = [];
    for (const [i, a] of amounts.entries()) {
      const household = await addHousehold(t, grid);
      const res = await post(visitOn(household, `1${i}`, Object.keys(a), a));
      expect(res.status, res.text()).toBe(201);
      created.push(res.json() as CreatedVisit);
    }
    // The field app's sync: one visit with an amount, one queued by an old client without any.
    const synced: Amounts = { help_delivered: 1234.56 };
    const [h1, h2] = [await addHousehold(t, grid), await addHousehold(t, grid)];
    const sync = await demo.send(
      'POST',
      '/api/v1/visits/sync',
      {
        visits: [
          { clientId: `aid-${uuidv7()}`, visit: visitOn(h1, '20', ['help_delivered'], synced) },
          { clientId: `aid-${uuidv7()}`, visit: visitOn(h2, '21', ['policy_explained']) },
        ],
      },
      worker,
    );
    expect(sync.status, sync.text()).toBe(200);
    expect((sync.json() as SyncResult).results.map((r) => r.status)).toEqual([201, 201]);

    // Counted here in whole fen: 699.90 + 0.30 + 1234.56 + 0.
    const fen = [...amounts, synced]
      .flatMap((a) => Object.values(a))
      .reduce<number>((sum, v) => sum + Math.round((v ?? 0) * 100), 0);
    const june = await aidIn('2026-06-15');
    expect(june.visits).toBe(4);
    expect(june.aidDelivered).toBe(fen / 100);
    expect(june.aidDelivered).toBe(1934.76);
    // Another month holds none of it.
    expect((await aidIn('2026-05-15')).aidDelivered).toBe(0);

    // The diary entry shows what each service carried and the sum.
    const detail = await demo.send('GET', `/api/v1/visits/${created[0]?.id}`, undefined, worker);
    expect(detail.status, detail.text()).toBe(200);
    const visit = visitDetailSchema.parse(detail.json());
    expect(visit.aidAmounts).toEqual(amounts[0]);
    expect(visit.aidYuan).toBe(699.9);

    await expectRebuildEqualsKept(t.database.db, 'visit', district, rebuildVisitFigures);
    expect((await aidIn('2026-06-15')).aidDelivered).toBe(1934.76);
  });

  it('refuses negative, over-precise, too large or unattached amounts with VALIDATION_FAILED', async () => {
    const household = await addHousehold(t, grid);
    const before = (await aidIn('2026-06-15')).visits;
    for (const [services, aid] of [
      [['help_delivered'], { help_delivered: -1 }],
      [['help_delivered'], { help_delivered: 12.345 }],
      [['help_delivered'], { help_delivered: 1_000_000.01 }],
      // An amount for a service the visit did not deliver, or no service at all.
      [['policy_explained'], { help_delivered: 10 }],
      [['help_delivered'], { goodwill: 10 }],
    ] as [string[], Amounts][]) {
      const res = await post(visitOn(household, '16', services, aid));
      expect(res.status, JSON.stringify(aid)).toBe(422);
      expect((res.json() as { code: string }).code).toBe('VALIDATION_FAILED');
    }
    const sync = await demo.send(
      'POST',
      '/api/v1/visits/sync',
      {
        visits: [
          {
            clientId: `aid-${uuidv7()}`,
            visit: visitOn(household, '16', ['help_delivered'], { help_delivered: -0.01 }),
          },
        ],
      },
      worker,
    );
    expect(sync.status).toBe(422);
    expect((sync.json() as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await aidIn('2026-06-15')).visits).toBe(before);
  });
});
