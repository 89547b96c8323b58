import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addDistrictLeader, demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let leader: string;
let worker1Cookie: string;
const ids: Record<string, string> = {};
const paths: Record<string, { id: string; path: string }> = {};
let district: string;

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 40);
  for (const g of await demoGrants(t)) {
    district = g.district_code;
    ids[g.username] = g.user_id;
    if (g.region_id && g.path) paths[g.username] = { id: g.region_id, path: g.path };
  }
  leader = await demo.signIn('leader');
  worker1Cookie = await demo.signIn('worker1');
});
afterAll(async () => t.close());

const audits = (action: string) =>
  t.database.db
    .selectFrom('audit_log')
    .select(['object_id', 'detail'])
    .where('action', '=', action)
    .execute();

describe('visit rules', () => {
  it('adds a rule to the leader’s street, checks the kind’s parameters, and audits', async () => {
    const street = paths.leader as { id: string };
    const ok = await demo.send(
      'POST',
      '/api/v1/visit-rules',
      {
        regionId: street.id,
        kind: 'quota',
        params: { role: 'grid_worker', target: 'household', count: 50, period: 'month' },
      },
      leader,
    );
    expect(ok.status).toBe(201);
    const rule = ok.json() as { id: string; kind: string; actions: string[] };
    expect(rule).toMatchObject({ kind: 'quota', actions: ['update'] });
    expect((await audits('visit.rule_created')).map((a) => a.object_id)).toContain(rule.id);

    const wrong = await demo.send(
      'POST',
      '/api/v1/visit-rules',
      { regionId: street.id, kind: 'quota', params: { target: 'household', count: 50, period: 'month' } },
      leader,
    );
    expect(wrong.status).toBe(422);
    // A community is not a rule level; the district node lies outside a street leader's scope.
    const community = await demo.send(
      'POST',
      '/api/v1/visit-rules',
      { regionId: paths.worker1?.id, kind: 'visit_days', params: { weekdays: [2] } },
      leader,
    );
    expect(community.status).toBe(422);
    const district = await t.database.db
      .selectFrom('region')
      .select('id')
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow();
    const outside = await demo.send(
      'POST',
      '/api/v1/visit-rules',
      { regionId: district.id, kind: 'visit_days', params: { weekdays: [2] } },
      leader,
    );
    expect(outside.status).toBe(404);
    expect((await demo.send('GET', '/api/v1/visit-rules', undefined, worker1Cookie)).status).toBe(403);

    const badPatch = await demo.send(
      'PATCH',
      `/api/v1/visit-rules/${rule.id}`,
      { params: { weekdays: [2] } },
      leader,
    );
    expect(badPatch.status).toBe(422);
    const patched = await demo.send('PATCH', `/api/v1/visit-rules/${rule.id}`, { active: false }, leader);
    expect(patched.json()).toMatchObject({ active: false, params: { count: 50 } });
    const listed = (
      await demo.send('GET', `/api/v1/visit-rules?regionId=${paths.worker1?.id}`, undefined, leader)
    ).json() as {
      items: { id: string; active: boolean }[];
    };
    expect(listed.items.find((r) => r.id === rule.id)?.active).toBe(false);
  });
});

describe('包联 assignments', () => {
  it('assigns only to an active user whose visit scope reaches the subject, once', async () => {
    const gridA = await firstGridBelow(t, (paths.worker1 as { path: string }).path);
    const gridB = await firstGridBelow(t, (paths.worker2 as { path: string }).path);
    const mine = await addHousehold(t, gridA);
    const theirs = await addHousehold(t, gridB);
    const body = (subjectId: string) => ({ userId: ids.worker1, subjectType: 'household', subjectId });
    const created = await demo.send('POST', '/api/v1/visit-assignments', body(mine), leader);
    expect(created.status).toBe(201);
    expect((await demo.send('POST', '/api/v1/visit-assignments', body(mine), leader)).status).toBe(409);
    const far = await demo.send('POST', '/api/v1/visit-assignments', body(theirs), leader);
    expect(far.status).toBe(422);
    expect(far.json()).toMatchObject({ errors: [{ reason: 'scope' }] });

    const listed = (
      await demo.send('GET', `/api/v1/visit-assignments?userId=${ids.worker1}`, undefined, leader)
    ).json() as { items: { id: string; subjectId: string }[] };
    expect(listed.items.map((a) => a.subjectId)).toEqual([mine]);
    const id = (created.json() as { id: string }).id;
    expect((await demo.send('DELETE', `/api/v1/visit-assignments/${id}`, undefined, leader)).status).toBe(
      204,
    );
    expect((await demo.send('DELETE', `/api/v1/visit-assignments/${id}`, undefined, leader)).status).toBe(
      404,
    );
    expect((await audits('visit.unassigned')).map((a) => a.object_id)).toContain(id);
  });
});

describe('teams and settings', () => {
  it('keeps one team per grid and reports a team without a cadre', async () => {
    const grid = await firstGridBelow(t, (paths.worker2 as { path: string }).path);
    const first = await demo.send(
      'PUT',
      `/api/v1/visit-teams/${grid.id}`,
      { name: '一分队', members: [{ userId: ids.worker2, role: 'worker' }] },
      leader,
    );
    expect(first.status).toBe(201);
    expect(first.json()).toMatchObject({ needsCadre: true, members: [{ role: 'worker' }] });
    const second = await demo.send(
      'PUT',
      `/api/v1/visit-teams/${grid.id}`,
      {
        name: '一分队',
        members: [
          { userId: ids.worker2, role: 'worker' },
          { userId: ids.leader, role: 'cadre' },
        ],
      },
      leader,
    );
    expect(second.status).toBe(200);
    expect(second.json()).toMatchObject({ id: (first.json() as { id: string }).id, needsCadre: false });
    const twice = await demo.send(
      'PUT',
      `/api/v1/visit-teams/${grid.id}`,
      {
        name: 'x',
        members: [
          { userId: ids.worker2, role: 'worker' },
          { userId: ids.worker2, role: 'cadre' },
        ],
      },
      leader,
    );
    expect(twice.status).toBe(422);
    const teams = (
      await demo.send('GET', `/api/v1/visit-teams?regionId=${paths.worker2?.id}`, undefined, leader)
    ).json() as {
      items: { gridId: string }[];
      gridsWithoutTeam: { id: string }[];
    };
    expect(teams.items.map((x) => x.gridId)).toEqual([grid.id]);
    expect(teams.gridsWithoutTeam.map((g) => g.id)).not.toContain(grid.id);
  });

  it('falls back to the configured night window until the district saves its own', async () => {
    const before = (await demo.send('GET', '/api/v1/visit-settings', undefined, leader)).json();
    expect(before).toMatchObject({
      source: 'default',
      nightFrom: t.app.ctx.config.visits.nightFrom,
      actions: [],
    });
    const settings = { nightFrom: '19:30', nightTo: '06:00', farMetres: 500 };
    // The window classes every street's visits: a street's planner may not move it.
    const byStreet = await demo.send('PUT', '/api/v1/visit-settings', settings, leader);
    expect(byStreet.status).toBe(403);
    const denied = await audits('visit.settings_saved');
    expect(denied).toHaveLength(1);
    await addDistrictLeader(t, district);
    const districtLeader = await demo.signIn('district.leader');
    expect(
      (await demo.send('GET', '/api/v1/visit-settings', undefined, districtLeader)).json(),
    ).toMatchObject({ actions: ['update'] });
    const put = await demo.send('PUT', '/api/v1/visit-settings', settings, districtLeader);
    expect(put.status).toBe(200);
    expect((await demo.send('GET', '/api/v1/visit-settings', undefined, leader)).json()).toMatchObject({
      source: 'district',
      nightFrom: '19:30',
      farMetres: 500,
    });
    expect(
      (
        await demo.send(
          'PUT',
          '/api/v1/visit-settings',
          { nightFrom: '25:00', nightTo: '06:00', farMetres: 500 },
          districtLeader,
        )
      ).status,
    ).toBe(422);
  });
});
