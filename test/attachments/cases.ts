import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../src/server/crypto/pii.ts';
import type { DB } from '../../src/server/db/schema.ts';
import { actorOf } from '../../src/server/modules/audit/audit.ts';
import type { Principal, PrincipalGrant } from '../../src/server/modules/auth/principal.ts';
import { CASE_USE_CASES } from '../../src/server/modules/cases/case-actions.ts';
import { submitCase } from '../../src/server/modules/cases/submit-case.ts';
import { ROLE_PERMISSIONS, type Role } from '../../src/shared/auth/roles.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import { type ActionBodies, createCaseSchema } from '../../src/shared/domain/case.ts';

/**
 * A demo account as a principal, built from its grants (no session needed), so tests and matrix
 * recipes can act through the use cases as that person.
 */
export async function principalOf(db: Kysely<DB>, username: string): Promise<Principal> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'district_code', 'username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('role_grant as g')
    .leftJoin('region as r', (j) =>
      j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
    )
    .leftJoin('department as d', (j) =>
      j.onRef('d.district_code', '=', 'g.district_code').onRef('d.id', '=', 'g.scope_department_id'),
    )
    .leftJoin('region as dr', (j) =>
      j.onRef('dr.district_code', '=', 'd.district_code').onRef('dr.id', '=', 'd.region_id'),
    )
    .select([
      'g.role',
      'g.scope_region_id',
      'g.scope_department_id',
      'r.path',
      'r.name',
      'd.name as dept',
      'dr.path as dept_path',
    ])
    .where('g.district_code', '=', user.district_code)
    .where('g.user_id', '=', user.id)
    .execute();
  const grants = rows.map(
    (g): PrincipalGrant => ({
      role: g.role as Role,
      scopeRegionId: g.scope_region_id,
      scopeDepartmentId: g.scope_department_id,
      scopeDepartmentName: g.dept,
      scopePath: (g.scope_department_id ? g.dept_path : g.path) ?? user.district_code,
      scopeName: g.name ?? g.dept ?? user.district_code,
    }),
  );
  return {
    userId: user.id,
    districtCode: user.district_code,
    username: user.username,
    displayName: user.display_name,
    demo: true,
    sessionId: 'test',
    mfaPassed: true,
    mustChangePassword: false,
    grants,
    permissions: new Set(grants.flatMap((g) => ROLE_PERMISSIONS[g.role])),
  };
}

const context = (db: Kysely<DB>, cipher: PiiCipher, principal: Principal) => ({
  db,
  principal,
  actor: actorOf(principal, null),
  now: new Date(),
  cipher,
});

/** A new case through the intake use case, recorded by `username` in `regionId`. */
export async function newCase(
  db: Kysely<DB>,
  cipher: PiiCipher,
  username: string,
  regionId: string,
  title = '楼道灯不亮',
): Promise<{ id: string; number: string; version: number }> {
  const body = createCaseSchema.parse({
    channel: 'visit',
    kind: 'help',
    title,
    description: '三单元楼道灯坏了一周，老人夜里上下楼不便。',
    regionId,
    reporter: { type: 'resident', name: '王阿姨', phone: '13912345678' },
  });
  return submitCase(context(db, cipher, await principalOf(db, username)), body);
}

/** Fires one workflow action as `username`; returns the new version. */
export async function act<A extends CaseAction>(
  db: Kysely<DB>,
  cipher: PiiCipher,
  username: string,
  c: { id: string; version: number },
  action: A,
  body: ActionBodies[A],
): Promise<{ id: string; version: number }> {
  const run = CASE_USE_CASES[action] as (
    ...args: [ReturnType<typeof context>, string, number, ActionBodies[A]]
  ) => Promise<{ version: number }>;
  const result = await run(context(db, cipher, await principalOf(db, username)), c.id, c.version, body);
  return { id: c.id, version: result.version };
}
