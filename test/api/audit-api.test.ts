import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { addAccount } from '../mentoring/accounts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { seedSmallDemo } from '../support/demo.ts';

/** The auditor's page: filters, the action list and the chain check (issue 3 §7, docs/specs/trust.md §11). */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let auditor: string;
let districtCode: string;

type Row = {
  id: string;
  stripe: number;
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  detail: Record<string, unknown>;
};
type Page = { items: Row[]; next: string | null };

const page = async (query: string, cookie = auditor): Promise<Page> => {
  const res = await demo.send('GET', `/api/v1/audit?${query}`, undefined, cookie);
  expect(res.status, res.text()).toBe(200);
  return res.json() as Page;
};

beforeAll(async () => {
  t = await createTestApp();
  demo = await seedSmallDemo(t, 10);
  auditor = await demo.signIn('auditor');
  await demo.signIn('worker1');
  districtCode = (
    await t.database.db
      .selectFrom('region')
      .select('district_code')
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow()
  ).district_code;
});
afterAll(async () => t.close());

describe('filters of the audit log', () => {
  it('filters by actor, by action prefix (wildcards taken literally), object and result', async () => {
    const byActor = await page('actor=worker1&limit=200');
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((r) => r.actorName === 'worker1')).toBe(true);

    const auth = await page('action=auth.&limit=200');
    expect(new Set(auth.items.map((r) => r.action))).toEqual(
      new Set(['auth.password', 'auth.totp_enrolled']),
    );
    expect((await page('action=auth.password')).items.every((r) => r.action === 'auth.password')).toBe(true);
    expect((await page(`action=${encodeURIComponent('%')}`)).items).toEqual([]);
    expect((await page('action=auth_password')).items).toEqual([]);
    // A dotted segment is a prefix; a bare beginning needs `*`.
    expect((await page('action=auth&limit=200')).items).toEqual(auth.items);
    expect((await page('action=au')).items).toEqual([]);
    // An action does not take in another that merely starts with its name.
    expect((await page('action=auth.totp')).items).toEqual([]);
    const enrolments = await page(`action=${encodeURIComponent('auth.totp*')}`);
    expect(enrolments.items.map((r) => r.action)).toEqual(['auth.totp_enrolled', 'auth.totp_enrolled']);
    expect((await page(`action=${encodeURIComponent('au*')}&limit=200`)).items).toEqual(auth.items);

    const secadmin = await demo.signIn('secadmin');
    const created = (
      await demo.send(
        'POST',
        '/api/v1/users',
        {
          username: 'audit.target',
          displayName: '审计对象',
          grants: [{ role: 'cadre', scopeRegionId: null }],
        },
        secadmin,
      )
    ).json() as { user: { id: string } };
    await demo.send('POST', `/api/v1/users/${created.user.id}/deactivate`, {}, secadmin);
    const aboutUser = await page(`objectType=user&objectId=${created.user.id}`);
    expect(aboutUser.items.map((r) => r.action)).toEqual(['user.deactivated', 'user.created']);

    expect(
      (await demo.send('POST', '/api/v1/auth/login', { username: 'worker2', password: 'wrong-one' })).status,
    ).toBe(401);
    const failures = await page('result=failure');
    expect(failures.items.map((r) => [r.action, r.objectType])).toEqual([['auth.sign_in', 'user']]);
  });

  it('filters by a time range and pages newest first with "before"', async () => {
    const all = await page('limit=200');
    expect(all.items.length).toBeGreaterThan(4);
    const middle = all.items[Math.floor(all.items.length / 2)] as Row;
    const from = await page(`from=${encodeURIComponent(middle.at)}&limit=200`);
    expect(from.items.length).toBeGreaterThan(0);
    expect(from.items.every((r) => r.at >= middle.at)).toBe(true);
    const to = await page(`to=${encodeURIComponent(middle.at)}&limit=200`);
    expect(to.items.every((r) => r.at < middle.at)).toBe(true);
    expect(from.items.length + to.items.length).toBe(all.items.length);
    expect(
      (await page(`from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).items,
    ).toEqual([]);

    // Newest first across the district's stripes, by time then id; the cursor continues after the last row.
    expect(all.items.map((r) => [r.at, r.id])).toEqual(
      [...all.items.map((r) => [r.at, r.id])].sort().reverse(),
    );
    const first = await page('limit=3');
    expect(first.next).toEqual(expect.any(String));
    const second = await page(`limit=3&before=${first.next}`);
    expect(second.items.map((r) => r.id)).toEqual(all.items.slice(3, 6).map((r) => r.id));
    expect((await demo.send('GET', '/api/v1/audit?before=12', undefined, auditor)).status).toBe(422);
    expect((await demo.send('GET', '/api/v1/audit?from=yesterday', undefined, auditor)).status).toBe(422);
    expect((await demo.send('GET', '/api/v1/audit?order=seq', undefined, auditor)).status).toBe(422);
  });

  it("names each row's actor and object as they are now, without touching the rows", async () => {
    const grid = await t.database.db
      .selectFrom('region')
      .select('id')
      .where('district_code', '=', districtCode)
      .where('level', '=', 'grid')
      .executeTakeFirstOrThrow();
    const created = await demo.send(
      'POST',
      '/api/v1/cases',
      {
        channel: 'visit',
        kind: 'complaint',
        listType: 'problem',
        urgency: 'ordinary',
        title: '楼道灯不亮',
        description: '楼道灯坏了一周。',
        regionId: grid.id,
        reporter: { type: 'resident', name: '王五', phone: '13812340000' },
      },
      await demo.signIn('worker1'),
    );
    expect(created.status, created.text()).toBe(201);
    const { id, number } = created.json() as { id: string; number: string };
    const before = await t.database.db
      .selectFrom('audit_log')
      .select(['stripe', 'seq', 'hash'])
      .orderBy('id')
      .execute();

    const [row] = (await page(`objectType=case&objectId=${id}`)).items as (Row & {
      actorDisplayName: string | null;
      objectName: string | null;
    })[];
    const worker = await t.database.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', 'worker1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'case.submitted', actorName: 'worker1', objectName: number });
    expect(row?.actorDisplayName).toBe(worker.display_name);
    // Before the second sign-in step only the typed name is known: it is named all the same.
    const [password] = (await page('action=auth.password&actor=worker1')).items as (Row & {
      actorDisplayName: string | null;
      actorRoles: string | null;
    })[];
    expect(password?.actorDisplayName).toBe(worker.display_name);
    // So are the account's roles, though no principal exists yet.
    expect(password?.actorRoles).toBe('grid_worker');

    // An account reads by its display name.
    const users = (await page('objectType=user&limit=200')).items as (Row & { objectName: string | null })[];
    const createdUser = users.find((r) => r.action === 'user.created');
    const account = await t.database.db
      .selectFrom('app_user')
      .select('display_name')
      .where('id', '=', createdUser?.objectId ?? '')
      .executeTakeFirstOrThrow();
    expect(createdUser?.objectName).toBe(account.display_name);
    expect(
      await t.database.db.selectFrom('audit_log').select(['stripe', 'seq', 'hash']).orderBy('id').execute(),
    ).toEqual(before);
  });

  it('names visits, spot checks, mentor pairs and assignments by what they point at, never by an address', async () => {
    // The leader both visits and plans (one sign-in: a second TOTP step in the same window is refused).
    const leader = await demo.signIn('leader');
    const ids = Object.fromEntries(
      (await t.database.db.selectFrom('app_user').select(['username', 'id', 'display_name']).execute()).map(
        (u) => [u.username, u],
      ),
    );
    const listed = await demo.send('GET', '/api/v1/households?limit=1', undefined, leader);
    const household = (listed.json() as { items: { id: string; code: string }[] }).items[0];
    if (!household) throw new Error('the leader sees no household');
    const startedAt = new Date(Date.UTC(2026, 10, 20, 2, 0));
    const visit = await demo.send(
      'POST',
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household.id },
        startedAt: startedAt.toISOString(),
        endedAt: new Date(startedAt.getTime() + 1_800_000).toISOString(),
        notes: '审计命名测试走访',
      },
      leader,
      { 'idempotency-key': `audit-names-${process.pid}` },
    );
    expect(visit.status, visit.text()).toBe(201);
    const visitId = (visit.json() as { id: string }).id;

    const { region_id: streetId, name: streetName } = await t.database.db
      .selectFrom('role_grant as g')
      .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
      .select(['g.scope_region_id as region_id', 'r.name'])
      .where('g.user_id', '=', ids.leader?.id ?? '')
      .executeTakeFirstOrThrow();
    const drawn = await demo.send(
      'POST',
      '/api/v1/spot-checks',
      { regionId: streetId, from: '2026-11-01', to: '2026-11-30', percent: 10, seed: 7 },
      leader,
    );
    expect(drawn.status, drawn.text()).toBe(201);

    const community = await t.database.db
      .selectFrom('role_grant')
      .select('scope_region_id')
      .where('user_id', '=', ids.worker1?.id ?? '')
      .executeTakeFirstOrThrow();
    const menteeId = await addAccount(t, { regionId: community.scope_region_id, displayName: '审计徒弟' });
    const paired = await demo.send(
      'POST',
      '/api/v1/mentor-pairs',
      { mentorId: ids.worker1?.id, menteeId, startedOn: '2026-11-01' },
      leader,
    );
    expect(paired.status, paired.text()).toBe(201);
    const assigned = await demo.send(
      'POST',
      '/api/v1/visit-assignments',
      { userId: ids.leader?.id, subjectType: 'household', subjectId: household.id },
      leader,
    );
    expect(assigned.status, assigned.text()).toBe(201);

    const named = async (type: string, id: string) =>
      ((await page(`objectType=${type}&objectId=${id}`)).items[0] as Row & { objectName: string | null })
        ?.objectName;
    expect(await named('visit', visitId)).toBe(`${household.code} · 2026-11-20`);
    expect(await named('spot_check', (drawn.json() as { id: string }).id)).toBe(
      `${streetName} 2026-11-01–2026-11-30`,
    );
    expect(await named('mentor_pair', (paired.json() as { id: string }).id)).toBe(
      `${ids.worker1?.display_name} → 审计徒弟`,
    );
    expect(await named('visit_assignment', (assigned.json() as { id: string }).id)).toBe(
      `${ids.leader?.display_name} → ${household.code}`,
    );
  });

  it('lists the distinct action names of the district, sorted, for the auditor only', async () => {
    const res = await demo.send('GET', '/api/v1/audit/actions', undefined, auditor);
    expect(res.status).toBe(200);
    const { items } = res.json() as { items: string[] };
    const actual = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .distinct()
      .where('district_code', '=', districtCode)
      .execute();
    expect(items).toEqual(actual.map((r) => r.action).sort());
    expect(items).toContain('auth.password');
    const sysadmin = await demo.signIn('sysadmin');
    expect((await demo.send('GET', '/api/v1/audit/actions', undefined, sysadmin)).status).toBe(403);
  });
});

describe('verifying the chain from the audit page', () => {
  it('reports an intact chain, then the first break after a row is edited in the database', async () => {
    const ok = await demo.send('GET', '/api/v1/audit/verify', undefined, auditor);
    expect(ok.status).toBe(200);
    const intact = ok.json() as {
      ok: boolean;
      rowsChecked: number;
      firstBreak: unknown;
      breakCount: number;
    };
    const count = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('district_code', '=', districtCode)
      .executeTakeFirstOrThrow();
    expect(intact).toMatchObject({ ok: true, firstBreak: null, breakCount: 0 });
    // Every row of the district's chain, and only those.
    expect(intact.rowsChecked).toBe(Number(count.n));

    const victim = await t.database.db
      .selectFrom('audit_log')
      .select(['stripe', 'seq'])
      .where('district_code', '=', districtCode)
      .where('action', '=', 'auth.password')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`update audit_log set actor_name = 'somebody-else'
      where district_code = ${districtCode} and stripe = ${victim.stripe} and seq = ${victim.seq}`.execute(
      t.database.db,
    );
    const broken = (await demo.send('GET', '/api/v1/audit/verify', undefined, auditor)).json() as {
      ok: boolean;
      firstBreak: { seq: number; problem: string } | null;
    };
    expect(broken.ok).toBe(false);
    expect(broken.firstBreak).toEqual({
      seq: Number(victim.seq),
      kind: 'content_changed',
      problem: 'row content does not match its hash',
    });

    const secadmin = await demo.signIn('secadmin');
    expect((await demo.send('GET', '/api/v1/audit/verify', undefined, secadmin)).status).toBe(403);
  });
});
