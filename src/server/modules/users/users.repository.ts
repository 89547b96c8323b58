import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** All SQL that creates accounts and role grants (sign-in itself lives in the auth repository). */
export function createUserRepository(db: Kysely<DB>) {
  return {
    insertUser(row: {
      district_code: string;
      id: string;
      username: string;
      display_name: string;
      password_hash: string;
      must_change_password: boolean;
      demo: boolean;
      staff_id?: string | null;
    }) {
      return db.insertInto('app_user').values(row).execute();
    },

    insertGrant(row: {
      district_code: string;
      id: string;
      user_id: string;
      role: string;
      scope_region_id: string | null;
    }) {
      return db.insertInto('role_grant').values(row).execute();
    },

    usernameTaken(districtCode: string, username: string) {
      return db
        .selectFrom('app_user')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('username', '=', username)
        .executeTakeFirst()
        .then((r) => r !== undefined);
    },

    listWithGrants(districtCode: string, userId?: string) {
      let q = db
        .selectFrom('app_user as u')
        .leftJoin('role_grant as g', (j) =>
          j.onRef('g.district_code', '=', 'u.district_code').onRef('g.user_id', '=', 'u.id'),
        )
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select([
          'u.id',
          'u.username',
          'u.display_name',
          'u.active',
          'u.totp_enabled',
          'u.demo',
          'g.role',
          'g.scope_region_id',
          'r.name as scope_name',
        ])
        .where('u.district_code', '=', districtCode);
      if (userId) q = q.where('u.id', '=', userId);
      return q.orderBy('u.username').orderBy('g.created_at').execute();
    },

    regionInDistrict(districtCode: string, regionId: string) {
      return db
        .selectFrom('region')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', '=', regionId)
        .executeTakeFirst()
        .then((r) => r !== undefined);
    },

    deleteGrants(districtCode: string, userId: string) {
      return db
        .deleteFrom('role_grant')
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .execute();
    },

    deactivate(districtCode: string, userId: string) {
      return db
        .updateTable('app_user')
        .set({ active: false, updated_at: new Date() })
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .execute();
    },

    /** Demo accounts with their grants and scope names, for the sign-in page's hint. */
    demoAccounts() {
      return db
        .selectFrom('app_user as u')
        .innerJoin('role_grant as g', (j) =>
          j.onRef('g.district_code', '=', 'u.district_code').onRef('g.user_id', '=', 'u.id'),
        )
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select(['u.username', 'g.role', 'r.name as scope_name', 'u.district_code'])
        .where('u.demo', '=', true)
        .where('u.active', '=', true)
        .orderBy('u.created_at')
        .execute();
    },
  };
}
