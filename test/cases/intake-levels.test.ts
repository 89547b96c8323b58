import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { setHotlineLevel } from '../../src/server/modules/cases/set-hotline-level.ts';
import type { Channel } from '../../src/shared/domain/case.ts';
import { principalOf, submit } from '../cases-insights/case-helpers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * Where a case is taken in (docs/specs/workflow.md "Levels"): a visit at the community, the
 * hotline at the street or district as the district configures it, a walk-in at the recorder's
 * own office.
 */
let t: TestApp;
let grid: string;
let district: string;
const principals: Record<string, Principal> = {};

beforeAll(async () => {
  t = await createTestApp();
  const demo = await seedSmallDemo(t, 20);
  for (const who of ['dispatcher', 'worker1']) principals[who] = await principalOf(t, await demo.signIn(who));
  const community = (await demoGrants(t)).find((g) => g.username === 'worker1');
  grid = (await firstGridBelow(t, community?.path as string)).id;
  district = (principals.worker1 as Principal).districtCode;
});
afterAll(async () => t.close());

async function levelOf(who: string, channel: Channel): Promise<[number, number]> {
  const c = await submit(t, principals[who] as Principal, {
    title: '路面破损',
    description: '小区门口路面破损积水',
    regionId: grid,
    channel,
  });
  const row = await t.database.db
    .selectFrom('case_record')
    .select(['level', 'intake_level'])
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  return [row.level, row.intake_level];
}

describe('intake levels', () => {
  it('takes a visit in at the community and a walk-in at the recorder’s office', async () => {
    expect(await levelOf('worker1', 'visit')).toEqual([0, 0]);
    expect(await levelOf('dispatcher', 'visit')).toEqual([0, 0]);
    expect(await levelOf('worker1', 'walk_in')).toEqual([0, 0]);
    expect(await levelOf('dispatcher', 'walk_in')).toEqual([1, 1]);
  });

  it('takes the hotline in at the street until the district says the district, and audits the change', async () => {
    expect(await levelOf('dispatcher', 'hotline_12345')).toEqual([1, 1]);
    await setHotlineLevel(t.database.db, district, 'district', {
      districtCode: district,
      username: 'cli',
      sourceIp: null,
    });
    expect(await levelOf('dispatcher', 'hotline_12345')).toEqual([2, 2]);
    // Other channels do not follow the hotline's setting.
    expect(await levelOf('worker1', 'visit')).toEqual([0, 0]);
    await setHotlineLevel(t.database.db, district, 'street', {
      districtCode: district,
      username: 'cli',
      sourceIp: null,
    });
    expect(await levelOf('worker1', 'hotline_12345')).toEqual([1, 1]);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'intake.hotline_level_set')
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => a.detail)).toEqual([
      { before: 'street', after: 'district' },
      { before: 'district', after: 'street' },
    ]);
  });
});
