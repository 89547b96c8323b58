import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import { seed } from '../../src/server/seed/seed.ts';
import type { TestApp } from './app.ts';
import { injectSender, signIn } from './auth.ts';

let counter = 0;

/** A small demo street (all grids and accounts, few households) in the test app's database. */
export async function seedSmallDemo(t: TestApp, households = 200) {
  await seed(t.database, { scale: 'demo', households, cipher: t.app.ctx.cipher });
  const key = `demo-${process.pid}-${counter++}`;
  const send = injectSender(t.app);
  return {
    send,
    signIn: (username: string) => signIn(send, username, key),
  };
}

/** Every grant of the demo's accounts, with the region it is scoped to (null: the whole district). */
export function demoGrants(t: TestApp) {
  return t.database.db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
    )
    .leftJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
    )
    .select([
      'u.username',
      'u.id as user_id',
      'g.role',
      'g.district_code',
      'r.id as region_id',
      'r.path',
      'r.name',
    ])
    .execute();
}

/** The grids below a region path, in path order. */
export function gridsBelow(t: TestApp, path: string) {
  return t.database.db
    .selectFrom('region')
    .select(['id', 'path', 'code', 'district_code'])
    .where('level', '=', 'grid')
    .where('path', 'like', `${path}.%`)
    .orderBy('path')
    .execute();
}

/** The first grid below a region path. */
export async function firstGridBelow(t: TestApp, path: string) {
  const [grid] = await gridsBelow(t, path);
  if (!grid) throw new Error(`no grid below ${path}`);
  return grid;
}

/** The first grid (by path) in the scope of `username`'s grant: where that account may work. */
export function firstGridOfUser(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
    )
    .innerJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
    )
    .innerJoin('region as grid', (j) =>
      j.onRef('grid.district_code', '=', 'r.district_code').on('grid.level', '=', 'grid'),
    )
    .select('grid.id')
    .where('u.username', '=', username)
    .where(sql<boolean>`grid.path like r.path || '.%' or grid.path = r.path`)
    .orderBy('grid.path')
    .executeTakeFirstOrThrow();
}

/** A leader for the whole district (the demo's leader is the street's), with the demo password. */
export async function addDistrictLeader(t: TestApp, districtCode: string, username = 'district.leader') {
  await createUser(t.database.db, {
    districtCode,
    username,
    displayName: '区领导',
    password: DEMO_PASSWORD,
    mustChangePassword: false,
    grants: [{ role: 'leader', scopeRegionId: null }],
    actor: { districtCode, username: 'cli', sourceIp: null },
  });
  return username;
}

/** A cadre sent down (下沉干部) to a place: an account with one cadre grant there; its id. */
export function addCadre(
  t: TestApp,
  districtCode: string,
  username: string,
  scopeRegionId: string,
  displayName = username,
): Promise<string> {
  return createUser(t.database.db, {
    districtCode,
    username,
    displayName,
    password: DEMO_PASSWORD,
    mustChangePassword: false,
    grants: [{ role: 'cadre', scopeRegionId }],
    actor: { districtCode, username: 'cli', sourceIp: null },
  });
}

/** The id of an account, by its username. */
export async function userIdOf(t: TestApp, username: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}
