import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepClocks } from '../../src/server/jobs/case-sweeper.ts';
import { createScorePeriodsRepository } from '../../src/server/modules/scores/score-periods.repository.ts';
import { snapshotDigest } from '../../src/server/modules/scores/snapshot-digest.ts';
import { seedDemoCadre } from '../../src/server/seed/demo-accounts.ts';
import {
  type ScorePeriodTable,
  scorePeriodSummarySchema,
  scorePeriodTableSchema,
} from '../../src/shared/domain/score-periods.ts';
import { DEFAULT_SCORE_RULES } from '../../src/shared/domain/score-rules.ts';
import {
  type ScorePointsPage,
  type ScoreTable,
  scorePointsPageSchema,
  scoreTableSchema,
} from '../../src/shared/domain/scores.ts';
import { compositeOf } from '../../src/shared/figures/points.ts';
import { type CaseKit, caseKit } from '../notifications/case-kit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addDistrictLeader, demoGrants, firstGridBelow } from '../support/demo.ts';

/**
 * Live scores (issue 14 §1), on one database: cases driven through the case use cases at chosen
 * instants of a month long past (so the demo's own cases stay out of it), clocks swept overdue and
 * supervised, then the street's table read through the API and checked against a count made here
 * per community, handling unit and cadre; the points of a subject, page by page, add up to its score.
 */
const NOW = new Date('2023-03-06T02:00:00Z'); // Monday 10:00, Beijing
const AT = '2023-03-15';
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

let t: TestApp;
let k: CaseKit;
const cookies: Record<string, string> = {};
let street: string;
let communityA: string;
let communityB: string;
let cadreId: string;
const cases: Record<string, string> = {};

const get = (url: string, who: string) => k.demo.send('GET', url, undefined, cookies[who]);
const table = async (subjects: string, who = 'leader'): Promise<ScoreTable> => {
  const res = await get(`/api/v1/scores?regionId=${street}&period=month&at=${AT}&subjects=${subjects}`, who);
  expect(res.status, res.text()).toBe(200);
  return scoreTableSchema.parse(res.json());
};
const rowOf = (tbl: ScoreTable, key: string) => tbl.groups.flatMap((g) => g.rows).find((r) => r.key === key);

/** Every point of a subject, read `limit` at a time. */
async function allPoints(subject: string, who = 'leader', regionId = street, limit = 2) {
  const pages: ScorePointsPage[] = [];
  let after: string | null = null;
  do {
    const res = await get(
      `/api/v1/scores/points?regionId=${regionId}&period=month&at=${AT}&subject=${encodeURIComponent(subject)}&limit=${limit}${after ? `&after=${after}` : ''}`,
      who,
    );
    expect(res.status, res.text()).toBe(200);
    const page = scorePointsPageSchema.parse(res.json());
    pages.push(page);
    after = page.next;
  } while (after !== null && pages.length < 50);
  return { pages, points: pages.flatMap((p) => p.items) };
}

const eventsOf = (caseId: string, action: string) =>
  k.db
    .selectFrom('case_event')
    .select('id')
    .where('case_id', '=', caseId)
    .where('action', '=', action)
    .execute();

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  k = await caseKit(t);
  const grants = await demoGrants(t);
  const grant = (u: string) => grants.find((g) => g.username === u) as (typeof grants)[number];
  street = grant('leader').region_id as string;
  communityA = grant('worker1').region_id as string;
  communityB = grant('worker2').region_id as string;
  cadreId = await seedDemoCadre(k.db, grant('worker1').district_code);
  await addDistrictLeader(t, grant('leader').district_code);
  for (const u of ['leader', 'worker1', 'worker2', 'handler', 'dispatcher', 'district.leader'])
    cookies[u] = await k.demo.signIn(u);
  const config = { cases: { ...t.app.ctx.config.cases, supervisionDelayHours: 24 } };

  // A: an important case sent to the street's urban office, left to run late (催办, then 督办),
  // rated unsatisfied, re-handled by the district's law enforcement bureau, then solved.
  const a = (await k.submit('worker1', at(0), { urgency: 'important' })).id;
  cases.a = a;
  await k.act('dispatcher', 'accept', a, at(0), {});
  await k.act('dispatcher', 'dispatch', a, at(0), { unit: { departmentId: k.urbanOffice } });
  await sweepClocks(k.db, config, at(50));
  await sweepClocks(k.db, config, at(75));
  await k.act('handler', 'sign', a, at(76), {});
  await k.act('handler', 'reply', a, at(77), { reply: '已安排维修' });
  await k.act('worker1', 'approve_reply', a, at(78), {});
  await k.act('worker1', 'rate', a, at(79), { rating: 'unsatisfied' });
  await k.act('dispatcher', 'rehandle', a, at(80), { unit: { departmentId: k.lawEnforcement } });
  await k.act('handler2', 'reply', a, at(81), { reply: '已重新维修' });
  await k.act('worker1', 'approve_reply', a, at(82), {});
  await k.act('worker1', 'rate', a, at(83), { rating: 'satisfied' });

  // B: an ordinary case the sent-down cadre took in, in community B, solved on time.
  const gridB = await firstGridBelow(t, grant('worker2').path as string);
  const b = (await k.submit('cadre', at(84), { regionId: gridB.id })).id;
  cases.b = b;
  await k.act('dispatcher', 'accept', b, at(84), {});
  await k.act('dispatcher', 'dispatch', b, at(84), { unit: { departmentId: k.urbanOffice } });
  await k.act('handler', 'sign', b, at(85), {});
  await k.act('handler', 'reply', b, at(86), { reply: '已处理' });
  await k.act('cadre', 'approve_reply', b, at(87), {});
  await k.act('cadre', 'rate', b, at(88), { rating: 'satisfied' });

  // Events are dated by the database's clock: move these two cases' events back to the chosen
  // instants' month, keeping their order, so that the demo's recent events stay out of it.
  const events = await k.db
    .selectFrom('case_event')
    .select(['id', 'created_at'])
    .where('case_id', 'in', [a, b])
    .orderBy('created_at')
    .execute();
  const shift = new Date(events[0]?.created_at as Date).getTime() - NOW.getTime();
  for (const e of events)
    await k.db
      .updateTable('case_event')
      .set({ created_at: new Date(new Date(e.created_at).getTime() - shift) })
      .where('id', '=', e.id)
      .execute();
});
afterAll(async () => t.close());

describe('live scores', () => {
  it('score communities, units and cadres as counted by hand, every point traced to its case', async () => {
    const overdue = (await eventsOf(cases.a as string, 'overdue')).length;
    const supervised = (await eventsOf(cases.a as string, 'supervise')).length;
    expect(overdue).toBeGreaterThan(0);
    expect(supervised).toBeGreaterThan(0);
    const P = DEFAULT_SCORE_RULES;
    const cp = (n: number) => Math.round(n * 100);
    // Case A, to its place and to the unit holding it at each event (the first unit keeps its 督办).
    const lateA =
      cp(P.items.overdue.points) +
      overdue * cp(P.items.reminder.points) +
      supervised * cp(P.items.supervised.points) +
      cp(P.items.unsatisfied.points) +
      cp(P.items.reopened.points);
    const expected = new Map([
      [communityA, lateA + cp(P.solved.important)],
      [`d:${k.urbanOffice}`, lateA + cp(P.solved.ordinary) + cp(P.items.on_time.points)],
      [`d:${k.lawEnforcement}`, cp(P.solved.important)],
      [communityB, cp(P.solved.ordinary) + cp(P.items.on_time.points)],
      [`u:${cadreId}`, cp(P.solved.ordinary)],
    ]);

    const tables = {
      places: await table('places'),
      units: await table('units'),
      cadres: await table('cadres'),
    };
    expect(tables.places.region.id).toBe(street);
    expect(tables.places.closed).toBe(false);
    expect(tables.places.ruleVersion).toBeNull();
    expect(tables.places.period).toEqual({ kind: 'month', from: '2023-03-01', to: '2023-03-31' });
    for (const [subject, want] of expected) {
      const kind = subject.startsWith('d:') ? 'units' : subject.startsWith('u:') ? 'cadres' : 'places';
      const row = rowOf(tables[kind], subject);
      const { points, pages } = await allPoints(subject);
      // Paged points add up to the score; the composite is the one figure point, checked on its own.
      expect(
        points.reduce((s, p) => s + p.cp, 0),
        subject,
      ).toBe(row?.scoreCp);
      expect(pages.every((p) => p.scoreCp === row?.scoreCp && p.total === points.length)).toBe(true);
      expect(new Set(points.map((p) => p.key)).size).toBe(points.length);
      const events = points.filter((p) => p.source.kind === 'case_event');
      expect(
        events.reduce((s, p) => s + p.cp, 0),
        subject,
      ).toBe(want);
      for (const p of events) expect([cases.a, cases.b]).toContain(p.source.caseId);
      for (const p of points.filter((x) => x.item === 'composite')) {
        const d = p.detail as Parameters<typeof compositeOf>[0];
        expect(p.cp).toBe(Math.round((compositeOf(d, P.composite) as number) * 100));
      }
    }
    // The urban office's overdue points are those of case A, before it was re-handled elsewhere.
    const urban = (await allPoints(`d:${k.urbanOffice}`)).points;
    expect(urban.filter((p) => p.item === 'supervised')).toHaveLength(supervised);
    expect((await allPoints(`d:${k.lawEnforcement}`)).points.some((p) => p.item === 'supervised')).toBe(
      false,
    );
    // Peer groups: street offices and district bureaus are ranked apart.
    const groupOf = (key: string) => tables.units.groups.find((g) => g.rows.some((r) => r.key === key))?.key;
    expect(groupOf(`d:${k.urbanOffice}`)).toBe('street-dept');
    expect(groupOf(`d:${k.lawEnforcement}`)).toBe('district-dept');
    // Every community of the street is listed, ranked, those without points at 0.
    const places = tables.places.groups.flatMap((g) => g.rows);
    expect(places.map((r) => r.key)).toEqual(expect.arrayContaining([communityA, communityB]));
    expect(places.every((r) => r.rank >= 1 && r.rank <= r.groupSize)).toBe(true);
  });

  it('scores nothing in a month without events, and shows a community its street table', async () => {
    const res = await get(`/api/v1/scores?regionId=${street}&period=month&at=2023-05-15`, 'leader');
    expect(res.status).toBe(200);
    const quiet = scoreTableSchema.parse(res.json());
    expect(quiet.groups.flatMap((g) => g.rows).every((r) => r.scoreCp === 0)).toBe(true);
    const mine = await get(`/api/v1/scores?regionId=${communityA}&period=month&at=${AT}`, 'worker1');
    expect(mine.status).toBe(200);
    expect(scoreTableSchema.parse(mine.json()).region.id).toBe(street);
  });

  it("lets a community read its own points, not another community's, nor a department", async () => {
    const own = await allPoints(communityA, 'worker1', communityA, 50);
    expect(own.points.length).toBeGreaterThan(0);
    const other = await get(
      `/api/v1/scores/points?regionId=${communityA}&period=month&at=${AT}&subject=${communityB}`,
      'worker1',
    );
    expect(other.status).toBe(404);
    const outside = await get(
      `/api/v1/scores/points?regionId=${communityB}&period=month&at=${AT}&subject=${communityB}`,
      'worker1',
    );
    expect(outside.status).toBe(404);
    const dept = await get(
      `/api/v1/scores/points?regionId=${street}&period=month&at=${AT}&subject=d:${k.urbanOffice}`,
      'handler',
    );
    expect(dept.status).toBe(404);
    const bad = await get(
      `/api/v1/scores/points?regionId=${street}&period=month&at=${AT}&subject=${communityA}&after=nonsense`,
      'leader',
    );
    expect(bad.status).toBe(422);
  });

  it('adds a campaign example to its community, unit and cadre', async () => {
    const before = {
      b: rowOf(await table('places'), communityB)?.scoreCp as number,
      unit: rowOf(await table('units'), `d:${k.urbanOffice}`)?.scoreCp as number,
      cadre: rowOf(await table('cadres'), `u:${cadreId}`)?.scoreCp as number,
    };
    const campaign = await k.demo.send(
      'POST',
      '/api/v1/campaigns',
      { name: '积分测试活动', regionId: communityB, from: '2023-03-01', to: '2023-03-31' },
      cookies.leader,
    );
    expect(campaign.status, campaign.text()).toBe(201);
    const campaignId = (campaign.json() as { id: string }).id;
    const marked = await k.demo.send(
      'POST',
      `/api/v1/campaigns/${campaignId}/examples`,
      { caseRef: cases.b, note: '群众满意' },
      cookies.leader,
    );
    expect(marked.status, marked.text()).toBeLessThan(300);
    // Marked now: dated back into the month, as the case's events were.
    await k.db
      .updateTable('campaign_example')
      .set({ marked_at: new Date('2023-03-10T02:00:00Z') })
      .where('campaign_id', '=', campaignId)
      .execute();
    const plus = Math.round(DEFAULT_SCORE_RULES.items.example.points * 100);
    expect(rowOf(await table('places'), communityB)?.scoreCp).toBe(before.b + plus);
    expect(rowOf(await table('units'), `d:${k.urbanOffice}`)?.scoreCp).toBe(before.unit + plus);
    expect(rowOf(await table('cadres'), `u:${cadreId}`)?.scoreCp).toBe(before.cadre + plus);
    const example = (await allPoints(communityB)).points.find((p) => p.item === 'example');
    expect(example?.source).toMatchObject({ kind: 'campaign_example', id: campaignId, caseId: cases.b });
  });

  it('gives the handling unit its example point when the case is written up in a later month', async () => {
    // Case A closed in March, last handled by the law enforcement bureau; its write-up is published
    // in April, a month in which the case has no event of its own.
    const send = (method: 'POST' | 'PUT', url: string, who: string, body?: unknown) =>
      k.demo.send(method, url, body, cookies[who]);
    const proposed = await send('POST', '/api/v1/examples', 'worker1', {
      subject: { kind: 'case', id: cases.a },
    });
    expect(proposed.status, proposed.text()).toBe(201);
    const exampleId = (proposed.json() as { id: string }).id;
    const written = await send('PUT', `/api/v1/examples/${exampleId}`, 'worker1', {
      title: '复办见真章',
      story: '居民对首次维修不满意，区执法局重新维修后，居民评价满意。',
      photoIds: [],
    });
    expect(written.status, written.text()).toBe(200);
    const published = await send('POST', `/api/v1/examples/${exampleId}/publish`, 'leader');
    expect(published.status, published.text()).toBe(200);
    await k.db
      .updateTable('example')
      .set({ published_at: new Date('2023-04-10T02:00:00Z') })
      .where('id', '=', exampleId)
      .execute();
    const res = await get(
      `/api/v1/scores/points?regionId=${street}&period=month&at=2023-04-15&subject=${encodeURIComponent(`d:${k.lawEnforcement}`)}&limit=100`,
      'leader',
    );
    expect(res.status, res.text()).toBe(200);
    const points = scorePointsPageSchema.parse(res.json()).items;
    expect(points.map((p) => [p.item, p.source.caseId, p.cp])).toEqual([
      ['example', cases.a, Math.round(DEFAULT_SCORE_RULES.items.example.points * 100)],
    ]);
  });

  it("scores a period by the street's version in effect, with household coverage short of its target", async () => {
    const rules = { ...DEFAULT_SCORE_RULES, coverage: { perPointShort: -0.1, targetPercent: 10 } };
    const created = await k.demo.send(
      'POST',
      '/api/v1/scores/rules',
      { regionId: street, effectiveFrom: '2023-03-01', rules },
      cookies.leader,
    );
    expect(created.status, created.text()).toBe(201);
    const tbl = await table('places');
    expect(tbl.ruleVersion).toMatchObject({ effectiveFrom: '2023-03-01', version: 1 });
    // Nobody visited in March 2023: every community with households is 10 points short, −0.1 each.
    const { points } = await allPoints(communityA, 'leader', street, 50);
    const short = points.filter((p) => p.item === 'coverage_short');
    expect(short.map((p) => [p.cp, p.detail.percent, p.detail.target])).toEqual([[-100, 0, 10]]);
    expect(points.reduce((s, p) => s + p.cp, 0)).toBe(rowOf(tbl, communityA)?.scoreCp);
    // Earlier months keep the defaults.
    const before = await get(`/api/v1/scores?regionId=${street}&period=month&at=2023-02-10`, 'leader');
    expect(scoreTableSchema.parse(before.json()).ruleVersion).toBeNull();
    // The defaults set no target of their own: a quarter takes the street's visit rule's household
    // coverage target for quarters.
    const visitRule = await k.demo.send(
      'POST',
      '/api/v1/visit-rules',
      { regionId: street, kind: 'coverage', params: { target: 'household', period: 'quarter', percent: 90 } },
      cookies.leader,
    );
    expect(visitRule.status, visitRule.text()).toBe(201);
    const quarter = await get(
      `/api/v1/scores/points?regionId=${street}&period=quarter&at=2023-02-10&subject=${communityA}&limit=200`,
      'leader',
    );
    const quarterShort = scorePointsPageSchema
      .parse(quarter.json())
      .items.filter((p) => p.item === 'coverage_short');
    expect(quarterShort.map((p) => [p.detail.target, p.detail.percent])).toEqual([[90, 0]]);
    expect(quarterShort[0]?.cp).toBe(-9_000);
  });
});

/** The digest an audit row carries. */
const auditedDigest = (row: { detail: unknown } | undefined) => {
  const detail = typeof row?.detail === 'string' ? JSON.parse(row.detail) : row?.detail;
  return (detail as { digest?: string } | null)?.digest;
};

describe('closing a period', () => {
  const SUBJECTS = ['places', 'units', 'cadres'] as const;
  const post = (url: string, body: unknown, who: string) => k.demo.send('POST', url, body, cookies[who]);
  const codeOf = (res: { json(): unknown }) => (res.json() as { code?: string }).code;
  let periodId: string;
  let frozen: Record<string, ScorePeriodTable>;
  let frozenPoints: Record<string, unknown[]>;

  /** Every point of a subject in a closed period, two at a time. */
  async function periodPoints(subject: string, who = 'leader') {
    const items: unknown[] = [];
    let after: string | null = null;
    let sum = 0;
    let pages = 0;
    do {
      const res = await get(
        `/api/v1/score-periods/${periodId}/points?subject=${encodeURIComponent(subject)}&limit=2${after ? `&after=${after}` : ''}`,
        who,
      );
      expect(res.status, res.text()).toBe(200);
      const page = scorePointsPageSchema.parse(res.json());
      items.push(...page.items);
      sum = page.scoreCp;
      after = page.next;
      pages += 1;
    } while (after !== null && pages < 50);
    return { items, sum };
  }
  /** A version of the street's rules for the closed month, worth 7 for an ordinary problem solved. */
  const laterVersion = () => ({
    regionId: street,
    effectiveFrom: '2023-03-01',
    rules: { ...DEFAULT_SCORE_RULES, solved: { ...DEFAULT_SCORE_RULES.solved, ordinary: 7 } },
  });
  const periodTable = async (subjects: string, who = 'leader') => {
    const res = await get(`/api/v1/score-periods/${periodId}?subjects=${subjects}`, who);
    expect(res.status, res.text()).toBe(200);
    return scorePeriodTableSchema.parse(res.json());
  };

  it('closes an ended period once, storing the live table and its points with an audited digest', async () => {
    const live = Object.fromEntries(await Promise.all(SUBJECTS.map(async (x) => [x, await table(x)])));
    // The table offers closing to its street's leader, not to a reader or before the period ends.
    expect(live.places?.actions).toEqual(['close']);
    const fromCommunity = await get(`/api/v1/scores?regionId=${communityA}&period=month&at=${AT}`, 'worker1');
    expect(scoreTableSchema.parse(fromCommunity.json()).actions).toEqual([]);
    const thisYear = await get(`/api/v1/scores?regionId=${street}&period=year`, 'leader');
    expect(scoreTableSchema.parse(thisYear.json()).actions).toEqual([]);
    // Not yet ended, a community, or by a reader: refused.
    const today = new Date().toISOString().slice(0, 10);
    const early = await post(
      '/api/v1/score-periods',
      { regionId: street, period: 'year', at: today },
      'leader',
    );
    expect([early.status, codeOf(early)]).toEqual([409, 'SCORE_PERIOD_NOT_ENDED']);
    expect(
      (await post('/api/v1/score-periods', { regionId: street, period: 'month', at: AT }, 'worker1')).status,
    ).toBe(403);
    const other = await post(
      '/api/v1/score-periods',
      { regionId: '00000000-0000-7000-8000-000000000000', period: 'month', at: AT },
      'leader',
    );
    expect(other.status).toBe(404);

    const res = await post('/api/v1/score-periods', { regionId: street, period: 'month', at: AT }, 'leader');
    expect(res.status, res.text()).toBe(201);
    const closed = scorePeriodSummarySchema.parse(res.json());
    periodId = closed.id;
    expect(closed).toMatchObject({
      revision: 1,
      state: 'closed',
      period: { kind: 'month', from: '2023-03-01' },
    });
    const again = await post(
      '/api/v1/score-periods',
      { regionId: street, period: 'month', at: '2023-03-02' },
      'leader',
    );
    expect([again.status, codeOf(again)]).toEqual([409, 'SCORE_PERIOD_ALREADY_CLOSED']);

    frozen = {};
    frozenPoints = {};
    for (const x of SUBJECTS) {
      frozen[x] = await periodTable(x);
      // The stored table is the live one as it stood, and GET /scores now answers it.
      expect(frozen[x]?.groups).toEqual(live[x]?.groups);
      const now = await table(x);
      expect([now.closed, now.periodId]).toEqual([true, periodId]);
      expect(now.groups).toEqual(frozen[x]?.groups);
      // Closed: nothing to close, and reopening is for a district-wide leader.
      expect(now.actions).toEqual([]);
      expect((await table(x, 'district.leader')).actions).toEqual(['reopen']);
      for (const row of frozen[x]?.groups.flatMap((g) => g.rows) ?? []) {
        const pts = await periodPoints(row.key);
        expect(pts.items).toHaveLength(row.points);
        expect(pts.sum).toBe(row.scoreCp);
        frozenPoints[row.key] = pts.items;
      }
    }
    expect(frozen.places?.actions).toEqual([]);
    const [audited] = await auditRowsOf(t, 'score_period.closed', periodId);
    expect(auditedDigest(audited)).toBe(closed.digest);
    const listed = await get(`/api/v1/score-periods?regionId=${communityA}`, 'worker1');
    expect(listed.status).toBe(200);
    expect((listed.json() as { id: string }[]).map((p) => p.id)).toContain(periodId);
  });

  it('keeps a closed period as closed whatever happens later, its digest recomputed as audited', async () => {
    // Later: a case solved in the period (its events dated back into it); a new rule version for it is refused.
    const late = (await k.submit('worker1', at(90))).id;
    await k.act('dispatcher', 'accept', late, at(90), {});
    await k.act('dispatcher', 'dispatch', late, at(90), { unit: { departmentId: k.urbanOffice } });
    await k.act('handler', 'sign', late, at(91), {});
    await k.act('handler', 'reply', late, at(91), { reply: '已处理' });
    await k.act('worker1', 'approve_reply', late, at(92), {});
    await k.act('worker1', 'rate', late, at(92), { rating: 'satisfied' });
    await k.db
      .updateTable('case_event')
      .set({ created_at: at(92) })
      .where('case_id', '=', late)
      .execute();
    const version = await post('/api/v1/scores/rules', laterVersion(), 'leader');
    expect([version.status, codeOf(version)]).toEqual([409, 'SCORE_RULES_PERIOD_CLOSED']);

    for (const x of SUBJECTS) {
      expect((await periodTable(x)).groups).toEqual(frozen[x]?.groups);
      expect((await table(x)).groups).toEqual(frozen[x]?.groups);
    }
    for (const [subject, items] of Object.entries(frozenPoints))
      expect((await periodPoints(subject)).items).toEqual(items);
    const repo = createScorePeriodsRepository(k.db);
    const district = (await demoGrants(t))[0]?.district_code as string;
    const digest = snapshotDigest(
      await repo.rowsOf(district, periodId),
      await repo.pointsOf(district, periodId),
    );
    const [audited] = await auditRowsOf(t, 'score_period.closed', periodId);
    expect(digest).toBe(auditedDigest(audited));
    // A worker reads the frozen table and its community's points; another district's ids are unknown.
    expect((await periodTable('places', 'worker1')).groups).toEqual(frozen.places?.groups);
    expect((await periodPoints(communityA, 'worker1')).items).toEqual(frozenPoints[communityA]);
    // The live points route answers the stored points of a closed period too.
    expect((await allPoints(communityA, 'worker1', communityA, 50)).points).toEqual(frozenPoints[communityA]);
    const neighbours = await get(`/api/v1/score-periods/${periodId}/points?subject=${communityA}`, 'worker2');
    expect(neighbours.status).toBe(404);
    expect((await get('/api/v1/score-periods/00000000-0000-7000-8000-000000000000', 'leader')).status).toBe(
      404,
    );
  });

  it('keeps it frozen under any later work, however dated (property)', async () => {
    const config = { cases: { ...t.app.ctx.config.cases, supervisionDelayHours: 24 } };
    const district = (await demoGrants(t))[0]?.district_code as string;
    const repo = createScorePeriodsRepository(k.db);
    const [audited] = await auditRowsOf(t, 'score_period.closed', periodId);
    const gridB = await firstGridBelow(
      t,
      (await demoGrants(t)).find((g) => g.username === 'worker2')?.path as string,
    );
    // Later work: a case of the street acted on at an instant inside the closed month or after it
    // (the month is March 2023; hour 600 is its last day), solved, rated unsatisfied, or left to
    // run late through the sweeper's 催办 and 督办.
    const work = fc.record({
      urgency: fc.constantFrom('ordinary', 'important', 'urgent'),
      reporter: fc.constantFrom('worker1', 'worker2'),
      outcome: fc.constantFrom('satisfied', 'unsatisfied', 'late'),
      hour: fc.integer({ min: 100, max: 900 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(work, { minLength: 1, maxLength: 3 }), async (works) => {
        for (const w of works) {
          const where = w.reporter === 'worker2' ? { regionId: gridB.id } : {};
          const id = (await k.submit(w.reporter, at(w.hour), { urgency: w.urgency, ...where })).id;
          await k.act('dispatcher', 'accept', id, at(w.hour), {});
          await k.act('dispatcher', 'dispatch', id, at(w.hour), { unit: { departmentId: k.urbanOffice } });
          if (w.outcome === 'late') {
            await sweepClocks(k.db, config, at(w.hour + 80));
            continue;
          }
          await k.act('handler', 'sign', id, at(w.hour + 1), {});
          await k.act('handler', 'reply', id, at(w.hour + 2), { reply: '已处理' });
          await k.act(w.reporter, 'approve_reply', id, at(w.hour + 3), {});
          await k.act(w.reporter, 'rate', id, at(w.hour + 3), { rating: w.outcome });
        }
        for (const x of SUBJECTS) {
          expect((await periodTable(x)).groups).toEqual(frozen[x]?.groups);
          expect((await table(x)).groups).toEqual(frozen[x]?.groups);
        }
        for (const [subject, items] of Object.entries(frozenPoints))
          expect((await periodPoints(subject)).items).toEqual(items);
        const digest = snapshotDigest(
          await repo.rowsOf(district, periodId),
          await repo.pointsOf(district, periodId),
        );
        expect(digest).toBe(auditedDigest(audited));
      }),
      { numRuns: 4 },
    );
  });

  it('keeps it closed when the month comes to start on another day, and closes none of its days again', async () => {
    const rules = (monthStartDay: number) =>
      k.demo.send(
        'PUT',
        '/api/v1/figures/rules',
        { monthStartDay, basicallySatisfiedWeight: 1, ratings: 'all' },
        cookies['district.leader'],
      );
    expect((await rules(19)).status).toBe(200);
    try {
      // 10 March now falls in the month from 19 February, and 25 March in the one from 19 March:
      // both read the closed March table, never a recount.
      for (const at of ['2023-03-10', '2023-03-25']) {
        const res = await get(
          `/api/v1/scores?regionId=${street}&period=month&at=${at}&subjects=places`,
          'leader',
        );
        expect(res.status, res.text()).toBe(200);
        const tbl = scoreTableSchema.parse(res.json());
        expect([tbl.closed, tbl.period.from, tbl.period.to], at).toEqual([true, '2023-03-01', '2023-03-31']);
      }
      const overlapping = await post(
        '/api/v1/score-periods',
        { regionId: street, period: 'month', at: '2023-03-25' },
        'leader',
      );
      expect([overlapping.status, codeOf(overlapping)]).toEqual([409, 'SCORE_PERIOD_ALREADY_CLOSED']);
    } finally {
      expect((await rules(1)).status).toBe(200);
    }
  });

  it('reopens for a district-wide leader only, then shows the live table and closes a new revision', async () => {
    const reason = { reason: '核实后需更正' };
    const street403 = await post(`/api/v1/score-periods/${periodId}/reopen`, reason, 'leader');
    expect(street403.status).toBe(403);
    expect((await auditRowsOf(t, 'score_period.reopened', periodId)).map((r) => r.result)).toEqual([
      'denied',
    ]);
    expect((await periodTable('places', 'district.leader')).actions).toEqual(['reopen']);
    const ok = await post(`/api/v1/score-periods/${periodId}/reopen`, reason, 'district.leader');
    expect(ok.status, ok.text()).toBe(200);
    expect(scorePeriodSummarySchema.parse(ok.json())).toMatchObject({
      state: 'reopened',
      reopenReason: reason.reason,
    });
    const twice = await post(`/api/v1/score-periods/${periodId}/reopen`, reason, 'district.leader');
    expect([twice.status, codeOf(twice)]).toEqual([409, 'SCORE_PERIOD_NOT_CLOSED']);
    // Reopened, the period takes the version refused while it was closed.
    const version = await post('/api/v1/scores/rules', laterVersion(), 'leader');
    expect(version.status, version.text()).toBe(201);
    // Live again: the later case and the new version count now.
    const live = await table('places');
    expect(live.closed).toBe(false);
    expect(rowOf(live, communityA)?.scoreCp).not.toBe(
      rowOf(frozen.places as ScoreTable, communityA)?.scoreCp,
    );
    // The reopened snapshot stays readable as it was; closing again writes revision 2.
    expect((await periodTable('places')).groups).toEqual(frozen.places?.groups);
    const res = await post('/api/v1/score-periods', { regionId: street, period: 'month', at: AT }, 'leader');
    expect(res.status, res.text()).toBe(201);
    expect(scorePeriodSummarySchema.parse(res.json()).revision).toBe(2);
    expect((await table('places')).groups).toEqual(live.groups);
  });
});
