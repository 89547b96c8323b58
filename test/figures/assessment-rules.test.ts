import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { assessmentRulesViewSchema } from '../../src/shared/domain/assessment-rules.ts';
import { figureBreakdownSchema, figuresReportSchema } from '../../src/shared/domain/figures.ts';
import { act, principalOf, submit } from '../cases-insights/case-helpers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addDistrictLeader, demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

/**
 * A district's assessment rules (issue 12 §1): the defaults until a district-wide leader changes
 * them (audited; a street's leader may not); the figures API then counts the month from the
 * chosen day and weighs a "basically satisfied" rating as set; a custom range of days is read
 * with as many days before it as its previous period.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const p: Record<string, Principal> = {};
let street: string;
let grid: { id: string; path: string };
let community: string;

const codeOf = (res: { json(): unknown }) => (res.json() as { code?: string }).code;
const rules = (cookie: string) => demo.send('GET', '/api/v1/figures/rules', undefined, cookie);
const setRules = (cookie: string, body: unknown) => demo.send('PUT', '/api/v1/figures/rules', body, cookie);
const figures = async (query: string) => {
  const res = await demo.send(
    'GET',
    `/api/v1/figures?regionId=${street}&${query}`,
    undefined,
    cookies.leader,
  );
  expect(res.status, res.text()).toBe(200);
  return figuresReportSchema.parse(res.json());
};

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  const grants = await demoGrants(t);
  const worker1 = grants.find((g) => g.username === 'worker1');
  street = grants.find((g) => g.username === 'leader')?.region_id as string;
  community = worker1?.region_id as string;
  grid = await firstGridBelow(t, worker1?.path as string);
  const district = worker1?.district_code as string;
  await addDistrictLeader(t, district);
  for (const who of ['dispatcher', 'worker1', 'leader', 'district.leader']) {
    cookies[who] = await demo.signIn(who);
    p[who] = await principalOf(t, cookies[who] as string);
  }
});
afterAll(async () => t.close());

describe('assessment rules', () => {
  it('default, and only a district-wide leader changes them, audited; bad values are 422', async () => {
    const initial = assessmentRulesViewSchema.parse((await rules(cookies.worker1 as string)).json());
    expect(initial).toEqual({
      monthStartDay: 1,
      basicallySatisfiedWeight: 1,
      ratings: 'all',
      updatedAt: null,
      editable: false,
    });
    expect(
      assessmentRulesViewSchema.parse((await rules(cookies['district.leader'] as string)).json()).editable,
    ).toBe(true);

    const wanted = { monthStartDay: 19, basicallySatisfiedWeight: 0.9, ratings: 'all' };
    // The street's leader holds figures:publish for the street alone.
    const denied = await setRules(cookies.leader as string, wanted);
    expect(denied.status).toBe(403);
    expect(codeOf(denied)).toBe('FORBIDDEN');
    expect((await auditRowsOf(t, 'assessment_rules.updated')).map((r) => r.result)).toEqual(['denied']);

    for (const bad of [
      { ...wanted, monthStartDay: 29 },
      { ...wanted, monthStartDay: 0 },
      { ...wanted, basicallySatisfiedWeight: 1.5 },
      { ...wanted, basicallySatisfiedWeight: 0.905 },
      { ...wanted, ratings: 'some' },
      { ...wanted, extra: true },
    ]) {
      const res = await setRules(cookies['district.leader'] as string, bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
    }
    const changed = await setRules(cookies['district.leader'] as string, wanted);
    expect(changed.status, changed.text()).toBe(200);
    const read = assessmentRulesViewSchema.parse((await rules(cookies.leader as string)).json());
    expect(read).toMatchObject({ ...wanted, editable: false });
    expect(read.updatedAt).not.toBeNull();
    const rows = await auditRowsOf(t, 'assessment_rules.updated');
    expect(rows.map((r) => r.result)).toEqual(['denied', 'success']);
    expect(rows[1]?.detail).toMatchObject({
      before: { monthStartDay: 1, basicallySatisfiedWeight: 1, ratings: 'all' },
      after: wanted,
    });
  });

  it('count the month from the 19th, and a custom range with as many days before it', async () => {
    // Before the scenario: what the seed left in each period read below.
    const month = (r: Awaited<ReturnType<typeof figures>>) => [
      r.current.visits.visits,
      r.previous.visits.visits,
    ];
    const custom = 'period=custom&from=2026-11-19&to=2026-11-30';
    const before = {
      month: month(await figures('period=month&at=2026-11-20')),
      custom: month(await figures(custom)),
    };
    const days = ['2026-10-18', '2026-10-19', '2026-11-18', '2026-11-19', '2026-11-30', '2026-12-01'];
    for (const day of days) {
      const household = await addHousehold(t, grid);
      const res = await demo.send(
        'POST',
        '/api/v1/visits',
        {
          form: 'routine',
          target: { type: 'household', householdId: household },
          startedAt: `${day}T10:00:00+08:00`,
          endedAt: `${day}T10:40:00+08:00`,
          notes: '入户走访，了解近况。',
        },
        cookies.worker1,
        { 'idempotency-key': uuidv7() },
      );
      expect(res.status, res.text()).toBe(201);
    }
    const inDays = (from: string, to: string) => days.filter((d) => d >= from && d <= to).length;

    const report = await figures('period=month&at=2026-11-20');
    expect(report.current.period).toEqual({ kind: 'month', from: '2026-11-19', to: '2026-12-18' });
    expect(report.previous.period).toEqual({ kind: 'month', from: '2026-10-19', to: '2026-11-18' });
    expect(month(report)).toEqual([
      (before.month[0] as number) + inDays('2026-11-19', '2026-12-18'),
      (before.month[1] as number) + inDays('2026-10-19', '2026-11-18'),
    ]);

    const range = await figures(custom);
    expect(range.current.period).toEqual({ kind: 'custom', from: '2026-11-19', to: '2026-11-30' });
    // Twelve days: the twelve before.
    expect(range.previous.period).toEqual({ kind: 'custom', from: '2026-11-07', to: '2026-11-18' });
    expect(month(range)).toEqual([
      (before.custom[0] as number) + inDays('2026-11-19', '2026-11-30'),
      (before.custom[1] as number) + inDays('2026-11-07', '2026-11-18'),
    ]);
    const byDay = await demo.send(
      'GET',
      `/api/v1/figures/breakdown?regionId=${street}&by=day&${custom}`,
      undefined,
      cookies.leader,
    );
    expect(byDay.status, byDay.text()).toBe(200);
    const rows = figureBreakdownSchema.parse(byDay.json()).rows;
    expect(rows.map((r) => r.day)).toHaveLength(12);
    expect(rows.find((r) => r.day === '2026-11-30')?.visits?.visits).toBeGreaterThanOrEqual(1);

    // A league table is built by the same months (an ended one: a table is published after its
    // month), and keeps the rules it was counted by.
    const published = await demo.send(
      'POST',
      '/api/v1/league-tables',
      { regionId: street, period: 'month', at: '2026-10-20', subjects: 'places' },
      cookies.leader,
    );
    expect(published.status, published.text()).toBe(201);
    expect(published.json()).toMatchObject({
      period: { kind: 'month', from: '2026-10-19', to: '2026-11-18' },
      table: { rules: { monthStartDay: 19, basicallySatisfiedWeight: 0.9, ratings: 'all' } },
    });

    for (const bad of [
      'period=custom&from=2026-11-30&to=2026-11-19',
      'period=custom&from=2025-01-01&to=2026-01-02',
      'period=custom&from=2026-11-19',
      'period=month&from=2026-11-19&to=2026-11-30',
    ]) {
      const res = await demo.send(
        'GET',
        `/api/v1/figures?regionId=${street}&${bad}`,
        undefined,
        cookies.leader,
      );
      expect(res.status, bad).toBe(422);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
    }
  });

  it('weigh a basically satisfied rating as the rules say', async () => {
    const satisfaction = async () => (await figures('period=month')).current.cases.satisfactionRate;
    const before = await satisfaction();
    const ratings = ['satisfied', 'satisfied', 'basically_satisfied', 'basically_satisfied', 'unsatisfied'];
    const w1 = p.worker1 as Principal;
    const dispatcher = p.dispatcher as Principal;
    for (const [i, rating] of ratings.entries()) {
      const title = `口径回访${i}`;
      const submitted = await submit(t, w1, {
        title,
        description: `${title}，居民反映。`,
        regionId: grid.id,
      });
      const accepted = await act(t, dispatcher, submitted, 'accept', {});
      const dispatched = await act(t, dispatcher, accepted, 'dispatch', { unit: { regionId: community } });
      const signed = await act(t, w1, dispatched, 'sign', {});
      const replied = await act(t, w1, signed, 'reply', { reply: '已协调解决。' });
      const approved = await act(t, w1, replied, 'approve_reply', {});
      const current = await demo.send('GET', `/api/v1/cases/${approved.id}`, undefined, cookies.worker1);
      const rated = await demo.send(
        'POST',
        `/api/v1/cases/${approved.id}/rate`,
        { rating },
        cookies.worker1,
        {
          'if-match': current.headers.etag as string,
        },
      );
      expect(rated.status, rated.text()).toBe(200);
    }
    // The month's rated cases are the scenario's alone (the seed's lie in the past).
    expect(before).toMatchObject({ numerator: 0, denominator: 0 });
    const count = (r: string) => ratings.filter((x) => x === r).length;
    const expected = (weight: number) =>
      (count('satisfied') + weight * count('basically_satisfied')) / ratings.length;
    const after = await satisfaction();
    expect(after.denominator).toBe(ratings.length);
    expect(after.value).toBeCloseTo(expected(0.9), 9);
    // Back to full weight: the same ratings count for more.
    const full = await setRules(cookies['district.leader'] as string, {
      monthStartDay: 19,
      basicallySatisfiedWeight: 1,
      ratings: 'all',
    });
    expect(full.status).toBe(200);
    expect((await satisfaction()).value).toBeCloseTo(expected(1), 9);
  });
});
