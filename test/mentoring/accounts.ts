import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from '../support/app.ts';

let counter = 0;

/**
 * An account with one grant, written straight into the tables (mentoring needs many fresh
 * mentees, and nobody signs in as them). `regionId` null: a district-wide grant.
 */
export async function addAccount(
  t: TestApp,
  options: { regionId: string | null; role?: string; displayName?: string; active?: boolean },
): Promise<string> {
  const db = t.database.db;
  const { district_code } = await db.selectFrom('region').select('district_code').executeTakeFirstOrThrow();
  const id = uuidv7();
  const n = counter++;
  await db
    .insertInto('app_user')
    .values({
      district_code,
      id,
      username: `pair-${process.pid}-${n}-${id.slice(-6)}`,
      display_name: options.displayName ?? `结对干部${n}`,
      password_hash: 'not-a-password',
      password_changed_at: new Date(),
      active: options.active ?? true,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  await db
    .insertInto('role_grant')
    .values({
      district_code,
      id: uuidv7(),
      user_id: id,
      role: options.role ?? 'cadre',
      scope_region_id: options.regionId,
      scope_department_id: null,
      created_at: new Date(),
    })
    .execute();
  return id;
}
