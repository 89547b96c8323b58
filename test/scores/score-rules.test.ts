import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_RULES,
  type ScoreRules,
  scoreRulesViewSchema,
  scoreRuleVersionSchema,
} from '../../src/shared/domain/score-rules.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addDistrictLeader, demoGrants, seedSmallDemo } from '../support/demo.ts';

/**
 * Scoring rules as data (issue 14 §1): versions of a district's or street's rules, each from an
 * assessment month's first day; a place is scored by its street's version in effect, else its
 * district's, else the defaults. Written by leaders publishing figures there, audited.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let district: string;
let street: string;
let community: string;

const codeOf = (res: { json(): unknown }) => (res.json() as { code?: string }).code;
const view = async (who: string, regionId: string, at?: string) => {
  const res = await demo.send(
    'GET',
    `/api/v1/scores/rules?regionId=${regionId}${at ? `&at=${at}` : ''}`,
    undefined,
    cookies[who],
  );
  expect(res.status, res.text()).toBe(200);
  return scoreRulesViewSchema.parse(res.json());
};
const write = (who: string, body: unknown) => demo.send('POST', '/api/v1/scores/rules', body, cookies[who]);
const withSolved = (ordinary: number): ScoreRules => ({
  ...DEFAULT_SCORE_RULES,
  solved: { ...DEFAULT_SCORE_RULES.solved, ordinary },
});

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  street = grants.find((g) => g.username === 'leader')?.region_id as string;
  community = grants.find((g) => g.username === 'worker1')?.region_id as string;
  const districtCode = grants.find((g) => g.username === 'worker1')?.district_code as string;
  await addDistrictLeader(t, districtCode);
  district = (
    await t.database.db
      .selectFrom('region')
      .select('id')
      .where('district_code', '=', districtCode)
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow()
  ).id;
  for (const who of ['worker1', 'dispatcher', 'leader', 'district.leader', 'handler'])
    cookies[who] = await demo.signIn(who);
});
afterAll(async () => t.close());

describe('scoring rules', () => {
  it('are the defaults until a version is written, for everyone who sees the place', async () => {
    const initial = await view('worker1', community, '2026-02-10');
    expect(initial).toMatchObject({ inForce: null, versions: [], editable: false, at: '2026-02-10' });
    expect(initial.rules).toEqual(DEFAULT_SCORE_RULES);
    expect(initial.place.id).toBe(community);
    // A department's handler sees its node's geography, and so the rules that score it.
    expect((await view('handler', community)).rules).toEqual(DEFAULT_SCORE_RULES);
    expect((await view('leader', street)).editable).toBe(true);
    expect((await view('leader', community)).editable).toBe(false);
  });

  it("score a place by its street's version in effect, else its district's, audited, numbered per place", async () => {
    const districtVersion = await write('district.leader', {
      regionId: district,
      effectiveFrom: '2025-06-01',
      rules: withSolved(2),
      note: '全区统一口径',
    });
    expect(districtVersion.status, districtVersion.text()).toBe(201);
    const streetVersion = await write('leader', {
      regionId: street,
      effectiveFrom: '2026-01-01',
      rules: withSolved(4),
    });
    expect(streetVersion.status, streetVersion.text()).toBe(201);
    const second = await write('leader', {
      regionId: street,
      effectiveFrom: '2026-01-01',
      rules: withSolved(5),
    });
    const created = scoreRuleVersionSchema.parse(second.json());
    expect(created.version).toBe(2);
    expect(scoreRuleVersionSchema.parse(districtVersion.json()).version).toBe(1);

    expect((await view('worker1', community, '2025-05-31')).inForce).toBeNull();
    const before = await view('worker1', community, '2025-12-31');
    expect(before.inForce?.regionId).toBe(district);
    expect(before.rules.solved.ordinary).toBe(2);
    expect(before.inForce?.note).toBe('全区统一口径');
    // Two versions from the same day: the later number governs.
    const after = await view('worker1', community, '2026-01-01');
    expect(after.inForce).toMatchObject({ regionId: street, version: 2 });
    expect(after.rules.solved.ordinary).toBe(5);
    expect(after.versions.map((v) => [v.regionName, v.version])).toEqual([
      [after.inForce?.regionName, 2],
      [after.inForce?.regionName, 1],
      [before.inForce?.regionName, 1],
    ]);
    // The district itself is scored by its own version only.
    expect((await view('district.leader', district, '2026-03-01')).rules.solved.ordinary).toBe(2);

    const audited = await auditRowsOf(t, 'score_rules.created');
    expect(audited.map((r) => r.result)).toEqual(['success', 'success', 'success']);
  });

  it('refuse a bad start, a place that is not a district or street, bad points and callers without the grant', async () => {
    const start = await write('leader', {
      regionId: street,
      effectiveFrom: '2026-04-15',
      rules: DEFAULT_SCORE_RULES,
    });
    expect(start.status).toBe(422);
    expect(codeOf(start)).toBe('SCORE_RULES_START_INVALID');

    const notOwner = await write('leader', {
      regionId: community,
      effectiveFrom: '2026-04-01',
      rules: DEFAULT_SCORE_RULES,
    });
    expect(notOwner.status).toBe(422);
    expect((notOwner.json() as { errors: { reason: string }[] }).errors[0]?.reason).toBe('not_rule_owner');

    // A street's leader does not reach the district's node.
    expect(
      (await write('leader', { regionId: district, effectiveFrom: '2026-04-01', rules: DEFAULT_SCORE_RULES }))
        .status,
    ).toBe(404);
    expect(
      (
        await write('dispatcher', {
          regionId: street,
          effectiveFrom: '2026-04-01',
          rules: DEFAULT_SCORE_RULES,
        })
      ).status,
    ).toBe(403);

    for (const rules of [
      { ...DEFAULT_SCORE_RULES, composite: { ...DEFAULT_SCORE_RULES.composite, solution: 0.6 } },
      { ...DEFAULT_SCORE_RULES, coverage: { perPointShort: 1, targetPercent: null } },
      { ...DEFAULT_SCORE_RULES, solved: { ...DEFAULT_SCORE_RULES.solved, urgent: 3.005 } },
      {
        ...DEFAULT_SCORE_RULES,
        peerGroups: [...DEFAULT_SCORE_RULES.peerGroups, DEFAULT_SCORE_RULES.peerGroups[0]],
      },
      { ...DEFAULT_SCORE_RULES, extra: 1 },
    ]) {
      const res = await write('leader', { regionId: street, effectiveFrom: '2026-04-01', rules });
      expect(res.status, JSON.stringify(rules).slice(0, 80)).toBe(422);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
    }
    expect((await view('leader', street, '2026-05-01')).inForce?.version).toBe(2);
  });

  it("follow the district's assessment months", async () => {
    const months = await demo.send(
      'PUT',
      '/api/v1/figures/rules',
      { monthStartDay: 19, basicallySatisfiedWeight: 1, ratings: 'all' },
      cookies['district.leader'],
    );
    expect(months.status, months.text()).toBe(200);
    expect(
      (await write('leader', { regionId: street, effectiveFrom: '2026-06-01', rules: DEFAULT_SCORE_RULES }))
        .status,
    ).toBe(422);
    expect(
      (await write('leader', { regionId: street, effectiveFrom: '2026-05-19', rules: DEFAULT_SCORE_RULES }))
        .status,
    ).toBe(201);
  });
});
