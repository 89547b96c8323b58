import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { ANONYMISED } from '../../src/server/jobs/retention.repository.ts';
import { runRetention } from '../../src/server/jobs/retention.ts';
import { verifyDistrictChain } from '../../src/server/modules/audit/audit.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { runCli } from '../support/cli.ts';
import { createProcessEnv } from '../support/db.ts';
import { seedSmallDemo } from '../support/demo.ts';
import { addEnterprises } from '../support/enterprises.ts';

/** The retention job (docs/specs/trust.md §17): what it anonymises, what it leaves, how it audits itself. */
const DAY = 86_400_000;
const NOW = new Date('2027-06-01T02:00:00Z');
const SETTINGS = { removedDays: 1095, importReportDays: 30 };
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

let t: TestApp;
let districtCode: string;
let households: { id: string }[];

beforeAll(async () => {
  t = await createTestApp();
  await seedSmallDemo(t, 30);
  const db = t.database.db;
  districtCode = (
    await db
      .selectFrom('region')
      .select('district_code')
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow()
  ).district_code;
  // Households with at least two members each, with their ID numbers on record, in a fixed order.
  households = await db
    .selectFrom('household as h')
    .select('h.id')
    .where('h.district_code', '=', districtCode)
    .where((eb) =>
      eb(
        eb
          .selectFrom('person as p')
          .select((x) => x.fn.countAll().as('n'))
          .where('p.district_code', '=', districtCode)
          .whereRef('p.household_id', '=', 'h.id')
          .where('p.id_number_enc', 'is not', null),
        '>=',
        2,
      ),
    )
    .orderBy('h.code')
    .limit(6)
    .execute();
  expect(households.length).toBe(6);
});
afterAll(async () => t.close());

const db = () => t.database.db;

/** Moves a household and all its members out at `at`. */
async function removeHousehold(householdId: string, at: Date) {
  await db().updateTable('person').set({ removed_at: at }).where('household_id', '=', householdId).execute();
  await db().updateTable('household').set({ removed_at: at }).where('id', '=', householdId).execute();
}

const membersOf = (householdId: string) =>
  db().selectFrom('person').selectAll().where('household_id', '=', householdId).orderBy('id').execute();
const household = (id: string) =>
  db().selectFrom('household').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const retentionRows = () =>
  db()
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'retention.run')
    .where('district_code', '=', districtCode)
    .orderBy('seq')
    .execute();

async function addImportRun(createdAt: Date): Promise<string> {
  const id = uuidv7();
  const creator = await db().selectFrom('app_user').select('id').executeTakeFirstOrThrow();
  await db()
    .insertInto('import_run')
    .values({
      district_code: districtCode,
      id,
      kind: 'households',
      file_name: 'x.xlsx',
      summary: JSON.stringify({ rows: 1 }),
      report: new Uint8Array([1, 2, 3]),
      created_by: creator.id,
      created_at: createdAt,
    })
    .execute();
  return id;
}

describe('the retention job', () => {
  it('anonymises only what was removed long enough ago, audits itself, and a second run changes nothing', async () => {
    const [old, recent, live, mixed] = households.map((h) => h.id) as [string, string, string, string];
    await removeHousehold(old, daysAgo(1200));
    await removeHousehold(recent, daysAgo(100));
    // One member of a live household moved out long ago.
    const [leaver] = await membersOf(live);
    await db()
      .updateTable('person')
      .set({ removed_at: daysAgo(1100) })
      .where('id', '=', leaver?.id as string)
      .execute();
    // A household removed long ago whose one member left long ago and the other only recently.
    await removeHousehold(mixed, daysAgo(1200));
    const [, lateLeaver] = await membersOf(mixed);
    await db()
      .updateTable('person')
      .set({ removed_at: daysAgo(10) })
      .where('id', '=', lateLeaver?.id as string)
      .execute();
    const oldReport = await addImportRun(daysAgo(31));
    const newReport = await addImportRun(daysAgo(29));

    const oldMembers = await membersOf(old);
    const before = {
      recent: await membersOf(recent),
      live: await membersOf(live),
      liveHousehold: await household(live),
      mixedHousehold: await household(mixed),
    };
    const mixedMembers = await membersOf(mixed);
    const expectedPersons = oldMembers.length + 1 + (mixedMembers.length - 1);

    const first = await runRetention(db(), NOW, SETTINGS);
    expect(first.totals).toEqual({
      personsAnonymised: expectedPersons,
      householdsAnonymised: 1,
      enterpriseContactsAnonymised: 0,
      importReportsDeleted: 1,
      progressRowsDeleted: 0,
      phoneCodesDeleted: 0,
    });
    expect(first.districts).toEqual([{ districtCode, ...first.totals }]);

    for (const [index, person] of (await membersOf(old)).entries()) {
      const was = oldMembers[index];
      expect(person).toMatchObject({
        name: ANONYMISED,
        id_number_enc: null,
        id_number_hash: null,
        phone_enc: null,
        phone_hash: null,
        birth_date: `${was?.birth_date.slice(0, 4)}-01-01`,
        gender: was?.gender,
        relationship: was?.relationship,
      });
      expect(person.anonymised_at?.toISOString()).toBe(NOW.toISOString());
    }
    expect(await household(old)).toMatchObject({
      address: ANONYMISED,
      estate: null,
      building: null,
      unit: null,
      room: null,
    });
    // Removed recently, or still living there: untouched.
    expect(await membersOf(recent)).toEqual(before.recent);
    const liveNow = await membersOf(live);
    expect(liveNow.find((p) => p.id === leaver?.id)?.name).toBe(ANONYMISED);
    expect(liveNow.filter((p) => p.id !== leaver?.id)).toEqual(
      before.live.filter((p) => p.id !== leaver?.id),
    );
    expect(await household(live)).toEqual(before.liveHousehold);
    // A member not yet anonymised keeps the household's address.
    expect(await household(mixed)).toEqual(before.mixedHousehold);
    expect((await membersOf(mixed)).find((p) => p.id === lateLeaver?.id)?.anonymised_at).toBeNull();

    const runs = await db().selectFrom('import_run').select(['id', 'report', 'summary']).execute();
    expect(runs.find((r) => r.id === oldReport)).toMatchObject({ report: null, summary: { rows: 1 } });
    expect(runs.find((r) => r.id === newReport)?.report).not.toBeNull();

    const [audit] = await retentionRows();
    expect(audit).toMatchObject({
      actor_name: 'system:retention',
      actor_id: null,
      result: 'success',
      detail: {
        personsAnonymised: expectedPersons,
        householdsAnonymised: 1,
        importReportsDeleted: 1,
        removedBefore: daysAgo(1095).toISOString(),
        importReportsBefore: daysAgo(30).toISOString(),
      },
    });

    // Again: nothing left to do, and a row that says so.
    const snapshot = await db().selectFrom('person').selectAll().orderBy('id').execute();
    const second = await runRetention(db(), NOW, SETTINGS);
    expect(second.totals).toEqual({
      personsAnonymised: 0,
      householdsAnonymised: 0,
      enterpriseContactsAnonymised: 0,
      importReportsDeleted: 0,
      progressRowsDeleted: 0,
      phoneCodesDeleted: 0,
    });
    expect(await db().selectFrom('person').selectAll().orderBy('id').execute()).toEqual(snapshot);
    const rows = await retentionRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]?.detail).toMatchObject({
      personsAnonymised: 0,
      householdsAnonymised: 0,
      importReportsDeleted: 0,
    });
    expect((await verifyDistrictChain(db(), districtCode)).breaks).toEqual([]);

    // Once the late leaver is old enough too, the household's address goes as well.
    const later = await runRetention(db(), new Date(NOW.getTime() + 1100 * DAY), SETTINGS);
    expect(later.totals.householdsAnonymised).toBeGreaterThanOrEqual(2);
    expect((await household(mixed)).address).toBe(ANONYMISED);
  });

  it('counts each change once when two runs overlap', async () => {
    const [, , , , a, b] = households.map((h) => h.id) as string[];
    const moment = new Date(NOW.getTime() + 5000 * DAY);
    await removeHousehold(a as string, new Date(moment.getTime() - 2000 * DAY));
    await removeHousehold(b as string, new Date(moment.getTime() - 2000 * DAY));
    const eligible = (await membersOf(a as string)).length + (await membersOf(b as string)).length;
    const before = (await retentionRows()).length;

    const [one, two] = await Promise.all([
      runRetention(db(), moment, SETTINGS),
      runRetention(db(), moment, SETTINGS),
    ]);
    expect(one.totals.personsAnonymised + two.totals.personsAnonymised).toBe(eligible);
    expect(one.totals.householdsAnonymised + two.totals.householdsAnonymised).toBe(2);
    // One of them did it all; the other found it done.
    expect([one.totals.personsAnonymised, two.totals.personsAnonymised].sort((x, y) => x - y)).toEqual([
      0,
      eligible,
    ]);
    const rows = await retentionRows();
    expect(rows.length).toBe(before + 2);
    const counted = rows
      .slice(before)
      .map((r) => (r.detail as { personsAnonymised: number }).personsAnonymised);
    expect(counted.reduce((x, y) => x + y, 0)).toBe(eligible);
    expect((await verifyDistrictChain(db(), districtCode)).breaks).toEqual([]);
  });
  it('clears the contact person of enterprises removed long enough ago, and nothing else of them', async () => {
    const moment = new Date(NOW.getTime() + 9000 * DAY);
    const [old, recent] = await addEnterprises(t, districtCode, 2);
    const enterprise = (id: string | undefined) =>
      db()
        .selectFrom('enterprise')
        .selectAll()
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
    await db()
      .updateTable('enterprise')
      .set({ removed_at: new Date(moment.getTime() - 2000 * DAY) })
      .where('id', '=', old as string)
      .execute();
    await db()
      .updateTable('enterprise')
      .set({ removed_at: new Date(moment.getTime() - 10 * DAY) })
      .where('id', '=', recent as string)
      .execute();
    const before = { old: await enterprise(old), recent: await enterprise(recent) };

    const run = await runRetention(db(), moment, SETTINGS);
    expect(run.totals.enterpriseContactsAnonymised).toBe(1);
    expect(await enterprise(old)).toMatchObject({
      contact_name: null,
      contact_phone_enc: null,
      contact_phone_hash: null,
      name: before.old.name,
      credit_code: before.old.credit_code,
      address: before.old.address,
    });
    expect(await enterprise(recent)).toEqual(before.recent);
    const [last] = (await retentionRows()).slice(-1);
    expect(last?.detail).toMatchObject({ enterpriseContactsAnonymised: 1 });
    expect((await runRetention(db(), moment, SETTINGS)).totals.enterpriseContactsAnonymised).toBe(0);
  });
});

describe('retention settings', () => {
  it('deletes the progress rows of imports and exports a day after they end, and stale unfinished ones', async () => {
    const moment = new Date(NOW.getTime() + 20_000 * DAY);
    const creator = await db().selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    const MINUTE = 60_000;
    const rows = {
      doneLongAgo: { state: 'done', operation: 'export', ago: DAY + MINUTE },
      failedLongAgo: { state: 'failed', operation: 'import', ago: 2 * DAY },
      doneRecently: { state: 'done', operation: 'export', ago: DAY - MINUTE },
      stale: { state: 'writing', operation: 'export', ago: 11 * MINUTE },
      unclaimed: { state: 'waiting', operation: 'import', ago: 3 * DAY },
      running: { state: 'writing', operation: 'import', ago: MINUTE },
    };
    const ids: Record<string, string> = {};
    for (const [name, row] of Object.entries(rows)) {
      ids[name] = uuidv7();
      const at = new Date(moment.getTime() - row.ago);
      await db()
        .insertInto('operation_progress')
        .values({
          district_code: districtCode,
          id: ids[name] as string,
          operation: row.operation,
          kind: 'households',
          created_by: creator.id,
          state: row.state,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    const before = (await retentionRows()).length;
    const run = await runRetention(db(), moment, SETTINGS);
    expect(run.totals.progressRowsDeleted).toBe(4);
    const left = await db()
      .selectFrom('operation_progress')
      .select('id')
      .where('id', 'in', Object.values(ids))
      .execute();
    expect(left.map((r) => r.id).sort()).toEqual([ids.doneRecently, ids.running].sort());
    // Audited with the rest of the run, in the district's chain.
    const audits = await retentionRows();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)?.detail).toMatchObject({
      progressRowsDeleted: 4,
      progressBefore: new Date(moment.getTime() - DAY).toISOString(),
    });
    expect((await verifyDistrictChain(db(), districtCode)).breaks).toEqual([]);
    expect((await runRetention(db(), moment, SETTINGS)).totals.progressRowsDeleted).toBe(0);
  });

  it("deletes the public form's SMS codes (and their encrypted phones) a day after they expire", async () => {
    const moment = new Date(NOW.getTime() + 30_000 * DAY);
    const MINUTE = 60_000;
    // Made `ago` before the run, good for ten minutes.
    const codes = { expiredLongAgo: DAY + 11 * MINUTE, expiredRecently: DAY + 9 * MINUTE, live: MINUTE };
    const ids: Record<string, string> = {};
    for (const [name, ago] of Object.entries(codes)) {
      ids[name] = uuidv7();
      const at = new Date(moment.getTime() - ago);
      await db()
        .insertInto('public_phone_code')
        .values({
          district_code: districtCode,
          id: ids[name] as string,
          phone_hash: new Uint8Array([1, 2, 3]),
          phone_enc: new Uint8Array([4, 5, 6]),
          code_hash: new Uint8Array([7, 8, 9]),
          created_at: at,
          expires_at: new Date(at.getTime() + 10 * MINUTE),
        })
        .execute();
    }
    const before = (await retentionRows()).length;
    const run = await runRetention(db(), moment, SETTINGS);
    expect(run.totals.phoneCodesDeleted).toBe(1);
    const left = await db()
      .selectFrom('public_phone_code')
      .select('id')
      .where('id', 'in', Object.values(ids))
      .execute();
    expect(left.map((r) => r.id).sort()).toEqual([ids.expiredRecently, ids.live].sort());
    const audits = await retentionRows();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)?.detail).toMatchObject({
      phoneCodesDeleted: 1,
      phoneCodesBefore: new Date(moment.getTime() - DAY).toISOString(),
    });
    expect((await verifyDistrictChain(db(), districtCode)).breaks).toEqual([]);
    expect((await runRetention(db(), moment, SETTINGS)).totals.phoneCodesDeleted).toBe(0);
  });

  it('refuses an audit retention below 183 days and has safe defaults', () => {
    expect(() => loadConfig({ MINQING_AUDIT_RETENTION_DAYS: '182' })).toThrow(ConfigError);
    expect(() => loadConfig({ MINQING_AUDIT_RETENTION_DAYS: '182' })).toThrow(
      /MINQING_AUDIT_RETENTION_DAYS.*183/,
    );
    expect(loadConfig({ MINQING_AUDIT_RETENTION_DAYS: '183' }).retention.auditDays).toBe(183);
    expect(loadConfig({}).retention).toEqual({ removedDays: 1095, importReportDays: 30, auditDays: 183 });
    expect(() => loadConfig({ MINQING_RETENTION_REMOVED_DAYS: '0' })).toThrow(ConfigError);
  });

  it('`minqing retention run` runs the job once and refuses a short audit retention by name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minqing-retention-'));
    const { env, dispose } = await createProcessEnv(dir);
    const key = `${'B'.repeat(43)}=`;
    try {
      const bad = await runCli(['retention', 'run'], {
        ...env,
        MINQING_PII_KEY: key,
        MINQING_AUDIT_RETENTION_DAYS: '90',
      });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/MINQING_AUDIT_RETENTION_DAYS: must be at least 183 days/);
      expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
      expect(
        (await runCli(['seed', '--scale', 'street', '--households', '5'], { ...env, MINQING_PII_KEY: key }))
          .code,
      ).toBe(0);
      const ok = await runCli(['retention', 'run'], { ...env, MINQING_PII_KEY: key });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toMatch(/Retention run finished: 0 people and 0 households anonymised/);
      const verify = await runCli(['audit', 'verify'], { ...env, MINQING_PII_KEY: key });
      expect(verify.code, verify.stderr).toBe(0);
    } finally {
      await dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
