import type { Kysely } from 'kysely';
import { ROLE_PERMISSIONS, type Role } from '../../shared/auth/roles.ts';
import { isUnitMember } from '../../shared/cases/levels.ts';
import type { DB } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { createUser } from '../modules/users/create-user.ts';
import { deactivateUser, newOneTimePassword } from '../modules/users/manage-users.ts';
import { createCaseSeedRepository } from './case-seed.repository.ts';
import { createSeedRepository } from './seed.repository.ts';

/**
 * The demo street's accounts, one per kind of user, all with this password and no authenticator
 * yet (each enrols TOTP at first sign-in). They exist only in demo data, which the UI labels as
 * such; `minqing admin create` makes real administrators.
 */
export const DEMO_PASSWORD = 'Demo#2026-minqing';

/** Enterprises with these tags get the demo liaison (陪跑员) as theirs. */
export const DEMO_LIAISON_TAGS = ['百强', '专精特新'] as const;

export async function seedDemoAccounts(db: Kysely<DB>, districtCode: string): Promise<number> {
  const seed = createSeedRepository(db);
  const regions = await seed.streetAndCommunities(districtCode);
  const street = regions.find((r) => r.level === 'street');
  const communities = regions.filter((r) => r.level === 'community');
  const [first, second] = communities;
  if (!street || !first || !second) throw new Error('The demo street needs a street and two communities.');
  const department = async (code: string) => {
    const id = await seed.departmentId(districtCode, code);
    if (!id) throw new Error(`The demo needs the department ${code}.`);
    return id;
  };
  const urbanOffice = await department(`${street.code}-urban`);
  const lawEnforcement = await department('law_enforcement');
  const accounts: DemoAccount[] = [
    { username: 'sysadmin', displayName: '系统管理员（演示）', role: 'sysadmin', scope: null },
    { username: 'secadmin', displayName: '安全管理员（演示）', role: 'secadmin', scope: null },
    { username: 'auditor', displayName: '审计员（演示）', role: 'auditor', scope: null },
    { username: 'leader', displayName: '街道领导（演示）', role: 'leader', scope: street.id },
    // Dispatchers of each level (docs/specs/workflow.md "Levels"): the first community's, the
    // street dispatch centre's and the district command centre's (a district-wide grant).
    {
      username: 'cdispatcher',
      displayName: `${first.name}调度员（演示）`,
      role: 'dispatcher',
      scope: first.id,
    },
    { username: 'dispatcher', displayName: '街道受理派遣员（演示）', role: 'dispatcher', scope: street.id },
    { username: 'ddispatcher', displayName: '区指挥中心调度员（演示）', role: 'dispatcher', scope: null },
    { username: 'worker1', displayName: `${first.name}网格员（演示）`, role: 'grid_worker', scope: first.id },
    {
      username: 'worker2',
      displayName: `${second.name}网格员（演示）`,
      role: 'grid_worker',
      scope: second.id,
    },
    { username: 'liaison', displayName: '企业陪跑员（演示）', role: 'liaison', scope: street.id },
    // Case handlers of a street office and of a district bureau, and the street's supervisor (督办).
    {
      username: 'handler',
      displayName: '街道城管办承办人（演示）',
      role: 'dept_handler',
      scope: null,
      department: urbanOffice,
    },
    {
      username: 'handler2',
      displayName: '区综合执法局承办人（演示）',
      role: 'dept_handler',
      scope: null,
      department: lawEnforcement,
    },
    { username: 'supervisor', displayName: '街道督办员（演示）', role: 'supervisor', scope: street.id },
    // The province's overview (issue 17 §3); on the demo's one district it shows that district.
    { username: 'province', displayName: '省级领导（演示）', role: 'province_leader', scope: null },
  ];
  const ids = await createDemoAccounts(db, districtCode, accounts);
  // The demo liaison accompanies the street's top-100 and specialised (专精特新) enterprises.
  await seed.assignLiaison(districtCode, ids.get('liaison') as string, DEMO_LIAISON_TAGS);
  return accounts.length;
}

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: string | null;
  department?: string;
}

async function createDemoAccounts(
  db: Kysely<DB>,
  districtCode: string,
  accounts: readonly DemoAccount[],
  password: string | { hash: string } = DEMO_PASSWORD,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const a of accounts) {
    const id = await createUser(db, {
      districtCode,
      username: a.username,
      displayName: a.displayName,
      password,
      mustChangePassword: false,
      demo: true,
      grants: [{ role: a.role, scopeRegionId: a.scope, scopeDepartmentId: a.department ?? null }],
      actor: { districtCode, username: 'seed', sourceIp: null },
    });
    ids.set(a.username, id);
  }
  return ids;
}

/**
 * The whole demo's sent-down cadre (下沉干部): a street cadre working in the second community, on
 * its grids' visiting teams and mentoring its grid worker (demo-practice.ts). Added by the whole
 * demo (demo.ts) before its visits are generated, so the cadre visits there too; the small demo
 * street of the tests has none.
 */
export async function seedDemoCadre(db: Kysely<DB>, districtCode: string): Promise<string> {
  const communities = (await createSeedRepository(db).streetAndCommunities(districtCode)).filter(
    (r) => r.level === 'community',
  );
  const second = communities[1];
  if (!second) throw new Error('The demo street needs two communities.');
  const ids = await createDemoAccounts(db, districtCode, [
    { username: 'cadre', displayName: `${second.name}下沉干部（演示）`, role: 'cadre', scope: second.id },
  ]);
  return ids.get('cadre') as string;
}

/**
 * The units the demo's cases go to that no demo account belongs to — the district's bureaus, the
 * street's other offices, the communities without a demo worker — each get one account standing
 * for their staff (`unit-<code>`, "<unit>承办人（演示）"), created and at once deactivated through the
 * users module (audited `user.created`, `user.deactivated`), with a random password nobody is
 * told. The generated timelines (cases.ts) let such an account sign, return and reply for its unit,
 * so every step names an actor that resolves, and nobody can sign in as one; they are not demo
 * logins (README). Run before the cases are generated.
 */
export async function seedDemoUnitAccounts(db: Kysely<DB>, districtCode: string): Promise<number> {
  const repo = createCaseSeedRepository(db);
  const [departments, nodes, users, grants] = await Promise.all([
    repo.departments(districtCode),
    repo.streetsAndCommunities(districtCode),
    repo.users(districtCode),
    repo.grants(districtCode),
  ]);
  const live = new Set(users.filter((u) => u.active).map((u) => u.id));
  const handling = grants.filter(
    (g) =>
      live.has(g.user_id) && (ROLE_PERMISSIONS[g.role as Role] as readonly string[]).includes('cases:handle'),
  );
  const staffed = new Set(handling.map((g) => g.scope_department_id).filter((d) => d !== null));
  const units: DemoAccount[] = [
    ...departments
      .filter((d) => !staffed.has(d.id))
      .map(
        (d): DemoAccount => ({
          username: `unit-${d.code}`,
          displayName: `${d.name}承办人（演示）`,
          role: 'dept_handler',
          scope: null,
          department: d.id,
        }),
      ),
    ...nodes
      .filter(
        (n) =>
          n.level === 'community' &&
          !handling.some((g) => g.scope_department_id === null && g.path && isUnitMember(g.path, n.path)),
      )
      .map(
        (n): DemoAccount => ({
          username: `unit-${n.code}`,
          displayName: `${n.name}承办人（演示）`,
          role: 'grid_worker',
          scope: n.id,
        }),
      ),
  ];
  const actor = { districtCode, username: 'seed', sourceIp: null };
  // One hash of a random password for all of them: nobody is told it, and they cannot sign in anyway.
  const hash = await hashPassword(newOneTimePassword());
  const ids = await createDemoAccounts(db, districtCode, units, { hash });
  for (const userId of ids.values()) await deactivateUser(db, { districtCode, userId, actor });
  return units.length;
}
