import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScoreTable, scoreTableSchema } from '../../src/shared/domain/scores.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addCadre, addDistrictLeader, demoGrants, seedSmallDemo } from '../support/demo.ts';

/**
 * 两评 across streets (docs/specs/evaluation.md): a round the district opens rates the cadres
 * sent down to every street's communities. Each street's cadre table takes the results of its own
 * cadres, never another street's, as it takes every other subject.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let leaderCookie: string;
let district: string;
const street: Record<'home' | 'other', string> = {} as never;
const cadre: Record<'home' | 'other', string> = {} as never;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  const worker1 = grants.find((g) => g.username === 'worker1');
  district = worker1?.district_code as string;
  street.home = grants.find((g) => g.username === 'leader')?.region_id as string;
  const db = t.database.db;
  const root = await db
    .selectFrom('region')
    .select(['id', 'path'])
    .where('level', '=', 'district')
    .executeTakeFirstOrThrow();
  // A second street with one community, and a cadre sent down there.
  street.other = uuidv7();
  const community = uuidv7();
  const streetCode = `${district}901`;
  await db
    .insertInto('region')
    .values([
      {
        district_code: district,
        id: street.other,
        parent_id: root.id,
        level: 'street',
        code: streetCode,
        name: '测试街道',
        kind: '街道',
        path: `${root.path}.${streetCode}`,
      },
      {
        district_code: district,
        id: community,
        parent_id: street.other,
        level: 'community',
        code: `${streetCode}001`,
        name: '测试社区',
        kind: '社区',
        path: `${root.path}.${streetCode}.${streetCode}001`,
      },
    ])
    .execute();
  cadre.home = await addCadre(t, district, 'cadre.home', worker1?.region_id as string);
  cadre.other = await addCadre(t, district, 'cadre.other', community);
  await addDistrictLeader(t, district);
  leaderCookie = await demo.signIn('district.leader');

  // The district's round, closed today with both cadres' results (as closing it stores them).
  const round = uuidv7();
  const now = new Date();
  await db
    .insertInto('evaluation_round')
    .values({
      district_code: district,
      id: round,
      region_id: root.id,
      region_path: root.path,
      region_name: '全区',
      kind: 'community_rates_cadres',
      title: '全区下沉干部评议',
      period_from: '2026-01-01',
      period_to: '2026-12-31',
      criteria: JSON.stringify([]),
      state: 'closed',
      opened_by: cadre.home,
      opened_by_name: '区领导',
      opened_at: now,
      closed_by_name: '区领导',
      closed_at: now,
    })
    .execute();
  await db
    .insertInto('evaluation_result')
    .values(
      (['home', 'other'] as const).map((who) => ({
        district_code: district,
        round_id: round,
        subject_key: `u:${cadre[who]}`,
        subject_kind: 'cadres',
        subject_name: `cadre.${who}`,
        ratings: 2,
        overall_mean: 4.5,
        means: JSON.stringify({}),
      })),
    )
    .execute();
});
afterAll(async () => t.close());

const cadreTable = async (regionId: string): Promise<ScoreTable> => {
  const res = await demo.send(
    'GET',
    `/api/v1/scores?regionId=${regionId}&period=month&subjects=cadres`,
    undefined,
    leaderCookie,
  );
  expect(res.status, res.text()).toBe(200);
  return scoreTableSchema.parse(res.json());
};
const keys = (table: ScoreTable) => table.groups.flatMap((g) => g.rows.map((r) => r.key));

describe("a district's evaluation round in the streets' cadre tables", () => {
  it("scores each cadre in the table of the street they were sent to, and no other's", async () => {
    const home = keys(await cadreTable(street.home));
    const other = keys(await cadreTable(street.other));
    expect(home).toContain(`u:${cadre.home}`);
    expect(home).not.toContain(`u:${cadre.other}`);
    expect(other).toContain(`u:${cadre.other}`);
    expect(other).not.toContain(`u:${cadre.home}`);
  });
});
