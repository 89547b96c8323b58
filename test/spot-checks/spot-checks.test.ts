import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { drawSample } from '../../src/shared/visits/sampling.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { insertVisits } from './visit-rows.ts';

interface Item {
  visitId: string;
  targetLabel: string;
  visitors: string[];
  result: string | null;
  note: string | null;
  actions: string[];
}
interface Detail {
  id: string;
  seed: number;
  percent: number;
  sampled: number;
  verified: number;
  confirmed: number;
  items: Item[];
}

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const scope: Record<string, { id: string; path: string; userId: string }> = {};
let streetVisits: string[] = [];
let communityA: string[] = [];

// Visits of March 2026 (CST) in two communities of the street, and one in April outside the period.
beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 40);
  for (const g of await demoGrants(t))
    if (g.region_id && g.path) scope[g.username] = { id: g.region_id, path: g.path, userId: g.user_id };
  const gridA = await firstGridBelow(t, scope.worker1?.path as string);
  const gridB = await firstGridBelow(t, scope.worker2?.path as string);
  communityA = await insertVisits(t, {
    gridPath: gridA.path,
    visitorIds: [scope.worker1?.userId as string],
    startedAt: new Date('2026-03-01T00:30:00+08:00'),
    count: 23,
  });
  const b = await insertVisits(t, {
    gridPath: gridB.path,
    visitorIds: [scope.worker2?.userId as string],
    startedAt: new Date('2026-03-10T09:00:00+08:00'),
    count: 17,
  });
  await insertVisits(t, {
    gridPath: gridA.path,
    visitorIds: [scope.worker1?.userId as string],
    startedAt: new Date('2026-04-01T00:00:00+08:00'),
    count: 5,
  });
  streetVisits = [...communityA, ...b];
  for (const u of ['leader', 'supervisor', 'worker1', 'dispatcher', 'auditor'])
    cookies[u] = await demo.signIn(u);
});
afterAll(async () => t.close());

const send = (method: 'GET' | 'POST', url: string, user: string, body?: unknown) =>
  demo.send(method, url, body, cookies[user]);

const draw = (user: string, body: Record<string, unknown>) =>
  send('POST', '/api/v1/spot-checks', user, {
    regionId: scope.leader?.id,
    from: '2026-03-01',
    to: '2026-03-31',
    percent: 20,
    ...body,
  });

describe('spot checks', () => {
  it('draws the same sample for the same seed, the one the shared sampler gives, over HTTP', async () => {
    const first = await draw('leader', { seed: 4242 });
    expect(first.status).toBe(201);
    const a = first.json() as Detail;
    const again = (await draw('leader', { seed: 4242 })).json() as Detail;
    expect(a.id).not.toBe(again.id);
    const sampleOf = (d: Detail) => d.items.map((i) => i.visitId).sort();
    expect(sampleOf(again)).toEqual(sampleOf(a));
    expect(sampleOf(a)).toEqual(drawSample(streetVisits, 20, 4242));
    expect(a.sampled).toBe(Math.ceil((streetVisits.length * 20) / 100));
    expect(a.items.every((i) => i.result === null && i.actions.includes('verify'))).toBe(true);
    expect(a.items.every((i) => i.visitors.length === 1 && i.targetLabel !== '')).toBe(true);
    const other = (await draw('leader', { seed: 4243 })).json() as Detail;
    expect(sampleOf(other)).not.toEqual(sampleOf(a));
  });

  it('makes and stores a seed when none is given, so the draw can be repeated', async () => {
    const a = (await draw('leader', { percent: 50 })).json() as Detail;
    expect(Number.isInteger(a.seed)).toBe(true);
    const b = (await draw('leader', { percent: 50, seed: a.seed })).json() as Detail;
    expect(b.items.map((i) => i.visitId)).toEqual(a.items.map((i) => i.visitId));
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'spot_check.drawn')
      .where('object_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ seed: a.seed, population: streetVisits.length, percent: 50 });
  });

  it('samples only the region and period asked for', async () => {
    const d = (await draw('leader', { regionId: scope.worker1?.id, percent: 100 })).json() as Detail;
    expect(d.items.map((i) => i.visitId).sort()).toEqual([...communityA].sort());
    const none = (await draw('leader', { from: '2026-05-01', to: '2026-05-31' })).json() as Detail;
    expect(none.items).toEqual([]);
  });

  it('refuses bad draws with 422 and nothing written, and regions outside the scope with 404', async () => {
    const before = await t.database.db.selectFrom('spot_check').select('id').execute();
    expect((await draw('leader', { percent: 0 })).status).toBe(422);
    expect((await draw('leader', { percent: 101 })).status).toBe(422);
    expect((await draw('leader', { from: '2026-04-01', to: '2026-03-01' })).status).toBe(422);
    expect((await draw('leader', { seed: -1 })).status).toBe(422);
    expect((await draw('leader', { extra: true })).status).toBe(422);
    const after = await t.database.db.selectFrom('spot_check').select('id').execute();
    expect(after.length).toBe(before.length);
    const outside = await t.database.db
      .selectFrom('region')
      .select('id')
      .where('level', '=', 'street')
      .where('path', '!=', scope.leader?.path as string)
      .executeTakeFirst();
    if (outside) expect((await draw('leader', { regionId: outside.id })).status).toBe(404);
    expect((await draw('leader', { regionId: '01900000-0000-7000-8000-000000000000' })).status).toBe(404);
    expect((await draw('worker1', {})).status).toBe(403);
    expect((await draw('dispatcher', {})).status).toBe(403);
  });

  it('records a verification, counts it, audits it, and hides checks outside the scope', async () => {
    const d = (await draw('leader', { seed: 7, percent: 30 })).json() as Detail;
    const [first, second, third] = d.items;
    const verify = (visitId: string, body: unknown, user = 'leader') =>
      send('POST', `/api/v1/spot-checks/${d.id}/items/${visitId}`, user, body);
    const ok = await verify(first?.visitId as string, { result: 'confirmed', note: '电话回访属实' });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ result: 'confirmed', note: '电话回访属实' });
    expect((await verify(second?.visitId as string, { result: 'not_confirmed' })).status).toBe(200);
    expect((await verify(third?.visitId as string, { result: 'unreachable' }, 'supervisor')).status).toBe(
      200,
    );
    expect((await verify(third?.visitId as string, { result: 'maybe' })).status).toBe(422);
    expect(
      (
        await verify(streetVisits.find((v) => !d.items.some((i) => i.visitId === v)) as string, {
          result: 'confirmed',
        })
      ).status,
    ).toBe(404);
    expect((await verify(first?.visitId as string, { result: 'confirmed' }, 'worker1')).status).toBe(403);

    const detail = (await send('GET', `/api/v1/spot-checks/${d.id}`, 'leader')).json() as Detail;
    expect(detail).toMatchObject({ verified: 3, confirmed: 1, sampled: d.items.length });
    const list = (await send('GET', `/api/v1/spot-checks?regionId=${scope.leader?.id}`, 'leader')).json() as {
      items: Detail[];
      actions: string[];
    };
    expect(list.actions).toEqual(['draw']);
    expect(list.items.find((i) => i.id === d.id)).toMatchObject({ verified: 3, confirmed: 1 });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select(['object_id', 'detail'])
      .where('action', '=', 'spot_check.verified')
      .execute();
    expect(audits.some((a) => a.object_id === first?.visitId)).toBe(true);

    // A check of another street is invisible: move this one's region out of the leader's reach.
    await t.database.db
      .updateTable('spot_check')
      .set({ region_path: '999999.1' })
      .where('id', '=', d.id)
      .execute();
    expect((await send('GET', `/api/v1/spot-checks/${d.id}`, 'leader')).status).toBe(404);
    expect((await verify(first?.visitId as string, { result: 'confirmed' })).status).toBe(404);
    const after = (await send('GET', '/api/v1/spot-checks', 'leader')).json() as { items: Detail[] };
    expect(after.items.some((i) => i.id === d.id)).toBe(false);
  });

  it('counts the results in the figures of each unit below the region', async () => {
    const d = (await draw('leader', { regionId: scope.worker1?.id, percent: 100 })).json() as Detail;
    const results = ['confirmed', 'confirmed', 'not_confirmed', 'unreachable'];
    for (const [i, result] of results.entries()) {
      await send('POST', `/api/v1/spot-checks/${d.id}/items/${d.items[i]?.visitId}`, 'leader', { result });
    }
    const res = await send(
      'GET',
      `/api/v1/spot-checks/figures?regionId=${scope.leader?.id}&from=2026-03-01&to=2026-03-31`,
      'leader',
    );
    expect(res.status).toBe(200);
    const body = res.json() as {
      units: {
        regionId: string;
        sampled: number;
        confirmed: number;
        notConfirmed: number;
        unreachable: number;
        confirmedRate: number | null;
      }[];
    };
    const unitA = body.units.find((u) => u.regionId === scope.worker1?.id);
    const rows = await t.database.db
      .selectFrom('spot_check_item as i')
      .innerJoin('spot_check as s', onSameDistrict('s.id', 'i.spot_check_id'))
      .innerJoin('visit as v', onSameDistrict('v.id', 'i.visit_id'))
      .select(['i.result'])
      .where('v.region_path', 'like', `${scope.worker1?.path}.%`)
      .execute();
    const count = (r: string | null) => rows.filter((x) => x.result === r).length;
    expect(unitA).toMatchObject({
      sampled: rows.length,
      confirmed: count('confirmed'),
      notConfirmed: count('not_confirmed'),
      unreachable: count('unreachable'),
    });
    const verified = count('confirmed') + count('not_confirmed') + count('unreachable');
    expect(unitA?.confirmedRate).toBeCloseTo(count('confirmed') / verified);
    // The grid worker reads the figures of their own community, not the street's.
    expect(
      (
        await send(
          'GET',
          `/api/v1/spot-checks/figures?regionId=${scope.worker1?.id}&from=2026-03-01&to=2026-03-31`,
          'worker1',
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await send(
          'GET',
          `/api/v1/spot-checks/figures?regionId=${scope.worker2?.id}&from=2026-03-01&to=2026-03-31`,
          'worker1',
        )
      ).status,
    ).toBe(404);
    expect((await send('GET', '/api/v1/spot-checks', 'worker1')).status).toBe(403);
  });
});
