import crypto from 'node:crypto';
import { loadConfig } from '../../server/config.ts';
import { createContext } from '../../server/context.ts';
import { openDatabase } from '../../server/db/engine.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createUser } from '../../server/modules/users/create-user.ts';
import { type Role, roleSchema } from '../../shared/auth/roles.ts';
import { info } from '../output.ts';

const ADMIN_ROLES: Role[] = ['sysadmin', 'secadmin', 'auditor'];

/**
 * `minqing admin create`: the only way to make the first administrators (no default accounts).
 * Prints a one-time password that must be changed at first sign-in, after enrolling TOTP.
 */
export async function adminCreateCommand(options: {
  username: string;
  role: string;
  district?: string;
  name?: string;
}) {
  const role = roleSchema.parse(options.role);
  if (!ADMIN_ROLES.includes(role)) {
    throw Object.assign(new Error(`--role must be one of ${ADMIN_ROLES.join(', ')}`), { name: 'SeedError' });
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const ctx = createContext(config, database);
    const district = options.district ?? (await ctx.repositories.regions.firstDistrict())?.code;
    if (!district || !/^\d{6}$/.test(district)) {
      throw Object.assign(new Error('Give --district <6-digit code>: the database has no district yet.'), {
        name: 'SeedError',
      });
    }
    // 18 characters from four classes: passes any configured policy.
    const password = `${crypto.randomBytes(9).toString('base64url')}aA1!`;
    await createUser(database.db, {
      districtCode: district,
      username: options.username,
      displayName: options.name ?? options.username,
      password,
      mustChangePassword: true,
      grants: [{ role, scopeRegionId: null }],
      actor: { districtCode: district, username: 'cli', sourceIp: null },
    });
    console.log(`Created ${role} "${options.username}" in district ${district}.`);
    console.log(`One-time password: ${password}`);
    info(
      'Sign in, enrol an authenticator app, then choose a new password. This password is not shown again.',
    );
  } finally {
    await database.close();
  }
}
