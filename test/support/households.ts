import { buildIdCardNumber } from '../../src/shared/validation/id-card.ts';
import type { TestApp } from './app.ts';

let serial = 0;

/**
 * A valid ID number never handed out before in this test process, with its birth date and
 * gender. Area 110101 (Beijing): the seeder uses Xiaoshan's codes, so it cannot collide with
 * seeded people either.
 */
export function uniqueIdNumber(gender: 'M' | 'F' = 'F'): {
  idNumber: string;
  birthDate: string;
  gender: 'M' | 'F';
} {
  const n = serial++;
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 15_000) * 86_400_000).toISOString().slice(0, 10);
  const sequence = 100 + 2 * (Math.floor(n / 15_000) % 400) + (gender === 'M' ? 1 : 0);
  return { idNumber: buildIdCardNumber('110101', birth, sequence), birthDate: birth, gender };
}

/** The same number with another check character (a typo the check digit catches). */
export function withWrongCheckDigit(idNumber: string): string {
  const right = idNumber.slice(17);
  return idNumber.slice(0, 17) + (right === '0' ? '1' : '0');
}

/** A mobile number of a range the seeder does not use, unique in this process. */
export function uniquePhone(): string {
  return `192${String(70_000_000 + serial++).padStart(8, '0')}`;
}

/** A fresh household in a grid (straight into the database), with optional tags; returns its id. */
export async function addHousehold(
  t: TestApp,
  grid: { id: string; path: string },
  options: { tags?: string[]; isKey?: boolean; code?: string } = {},
): Promise<string> {
  const db = t.database.db;
  const { v7 } = await import('uuid');
  const id = v7();
  await db
    .insertInto('household')
    .values({
      district_code: grid.path.slice(0, 6),
      id,
      grid_id: grid.id,
      region_path: grid.path,
      code: options.code ?? `T-${id}`,
      address: '测试地址1号',
      tags: options.tags ?? [],
      is_key: options.isKey ?? false,
    })
    .execute();
  return id;
}

/** A fresh member of a household (straight into the database, no ID number); returns its id. */
export async function addMemberRow(t: TestApp, districtCode: string, householdId: string): Promise<string> {
  const { v7 } = await import('uuid');
  const id = v7();
  await t.database.db
    .insertInto('person')
    .values({
      district_code: districtCode,
      id,
      household_id: householdId,
      name: '测试成员',
      gender: 'F',
      birth_date: '1990-01-01',
      relationship: '女',
    })
    .execute();
  return id;
}

/** A fresh plan with one follow-up on a household (straight into the database); returns both ids. */
export async function addPlanRow(
  t: TestApp,
  districtCode: string,
  householdId: string,
  ownerUserId: string,
): Promise<{ planId: string; followUpId: string }> {
  const { v7 } = await import('uuid');
  const planId = v7();
  const followUpId = v7();
  await t.database.db
    .insertInto('household_plan')
    .values({
      district_code: districtCode,
      id: planId,
      household_id: householdId,
      measures: '测试措施',
      owner_user_id: ownerUserId,
      created_by: ownerUserId,
    })
    .execute();
  await t.database.db
    .insertInto('household_plan_follow_up')
    .values({ district_code: districtCode, id: followUpId, plan_id: planId, due_date: '2026-12-01' })
    .execute();
  return { planId, followUpId };
}
