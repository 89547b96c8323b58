import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EvaluationRoundView,
  evaluationRoundSummarySchema,
  evaluationRoundViewSchema,
} from '../../src/shared/domain/evaluation.ts';
import { scorePointsPageSchema } from '../../src/shared/domain/scores.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addCadre, demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * Mutual evaluation (两评, issue 14 §4) on one database: a leader opens a round where communities
 * rate the cadres sent down to them (by a cadre grant in the community, or a place on one of its
 * grids' visiting teams); a community's worker rates the cadres sent to theirs, never another's;
 * a unit rates once; nobody reads another unit's ratings while open; closing freezes the results,
 * which score the cadre. A department rates the street's communities in a round of its own.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
let street: { id: string; path: string };
const community: Record<'a' | 'b', { id: string; path: string }> = {} as never;
const cadre: Record<'a' | 'b' | 'police', string> = {} as never;
let roundId: string;
let district: string;
const today = cstDay(new Date());

const as = async (user: string, method: 'GET' | 'POST', url: string, body?: unknown) => {
  const res = await demo.send(method, url, body, cookies[user]);
  return { status: res.status, body: res.json() as Record<string, unknown> };
};
const view = async (user: string, id = roundId): Promise<EvaluationRoundView> => {
  const res = await as(user, 'GET', `/api/v1/evaluation-rounds/${id}`);
  expect(res.status).toBe(200);
  return evaluationRoundViewSchema.parse(res.body);
};
const scores = (n: number) => ({ time_given: n, visits_made: n, problems_handled: n });

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  district = grants[0]?.district_code as string;
  const at = (username: string) => {
    const g = grants.find((x) => x.username === username);
    if (!g?.region_id || !g.path) throw new Error(`no scoped grant for ${username}`);
    return { id: g.region_id, path: g.path };
  };
  street = at('leader');
  community.a = at('worker1');
  community.b = at('worker2');
  // A cadre standing in each community, and one of the street's on a grid team of B as its police.
  cadre.a = await addCadre(t, district, 'cadre.a', community.a.id);
  cadre.b = await addCadre(t, district, 'cadre.b', community.b.id);
  cadre.police = await addCadre(t, district, 'police.b', street.id);
  const grid = await firstGridBelow(t, community.b.path);
  const team = uuidv7();
  await t.database.db
    .insertInto('visit_team')
    .values({
      district_code: district,
      id: team,
      grid_id: grid.id,
      grid_path: grid.path,
      name: '一分队',
    })
    .execute();
  await t.database.db
    .insertInto('visit_team_member')
    .values({ district_code: district, team_id: team, user_id: cadre.police, role: 'police' })
    .execute();
  for (const u of ['leader', 'worker1', 'worker2', 'handler', 'supervisor'])
    cookies[u] = await demo.signIn(u);
});

afterAll(async () => {
  await t?.close();
});

describe('evaluation rounds', () => {
  it('opens a round for the street, which only a leader may do, and shows it to the communities', async () => {
    const refused = await as('worker2', 'POST', '/api/v1/evaluation-rounds', {
      regionId: street.id,
      kind: 'community_rates_cadres',
      title: '第四季度互评',
      from: addDays(today, -30),
      to: today,
    });
    expect(refused.status).toBe(403);
    const bad = await as('leader', 'POST', '/api/v1/evaluation-rounds', {
      regionId: community.a.id,
      kind: 'community_rates_cadres',
      title: '第四季度互评',
      from: addDays(today, -30),
      to: today,
    });
    expect(bad.status).toBe(422);
    const opened = await as('leader', 'POST', '/api/v1/evaluation-rounds', {
      regionId: street.id,
      kind: 'community_rates_cadres',
      title: '第四季度互评',
      from: addDays(today, -30),
      to: today,
    });
    expect(opened.status).toBe(201);
    const round = evaluationRoundSummarySchema.parse(opened.body);
    roundId = round.id;
    expect(round.state).toBe('open');
    expect((await auditRowsOf(t, 'evaluation_round.opened', roundId)).length).toBe(1);
    const list = await as('worker1', 'GET', '/api/v1/evaluation-rounds');
    expect((list.body as unknown as { id: string }[]).map((r) => r.id)).toContain(roundId);
  });

  it('lets a community rate the cadres sent to it, and no one else', async () => {
    const b = await view('worker2');
    expect(b.criteria.map((c) => c.key)).toEqual(['time_given', 'visits_made', 'problems_handled']);
    expect(b.raterUnits.map((u) => u.key)).toEqual([`r:${community.b.id}`]);
    const subjects = b.raterUnits[0]?.subjects.map((s) => s.key).sort();
    expect(subjects).toEqual([`u:${cadre.b}`, `u:${cadre.police}`].sort());
    expect(b.raterUnits[0]?.subjects.every((s) => s.facts.visits >= 0 && !s.rated)).toBe(true);
    // The leader rates for no community (theirs is the street) but may close the round.
    const leader = await view('leader');
    expect(leader.raterUnits).toEqual([]);
    expect(leader.actions).toEqual(['close']);

    const rate = (user: string, raterUnit: string, subject: string, n = 4) =>
      as(user, 'POST', `/api/v1/evaluation-rounds/${roundId}/ratings`, {
        raterUnit,
        subject,
        scores: scores(n),
        comment: '下沉到位',
      });
    const rb = `r:${community.b.id}`;
    const ra = `r:${community.a.id}`;
    // A cadre sent to another community; another community's unit; a form not filled in.
    expect((await rate('worker2', rb, `u:${cadre.a}`)).status).toBe(403);
    expect((await rate('worker2', ra, `u:${cadre.a}`)).status).toBe(403);
    expect(
      (
        await as('worker2', 'POST', `/api/v1/evaluation-rounds/${roundId}/ratings`, {
          raterUnit: rb,
          subject: `u:${cadre.b}`,
          scores: { time_given: 4 },
        })
      ).status,
    ).toBe(422);
    expect((await auditRowsOf(t, 'evaluation_round.rated', roundId)).map((r) => r.result)).toEqual([
      'denied',
      'denied',
    ]);

    expect((await rate('worker2', rb, `u:${cadre.b}`, 5)).status).toBe(201);
    expect((await rate('worker2', rb, `u:${cadre.police}`, 4)).status).toBe(201);
    expect((await rate('worker1', ra, `u:${cadre.a}`, 2)).status).toBe(201);
    // One rating per unit and subject: a second one is refused, the first stands.
    const again = await rate('worker2', rb, `u:${cadre.b}`, 1);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EVALUATION_ALREADY_RATED');

    // Each rater reads their own unit's ratings only; the leader none while the round is open.
    const mine = await view('worker2');
    expect(mine.ratings.map((r) => r.raterUnit)).toEqual([rb, rb]);
    expect(mine.ratings.find((r) => r.subject === `u:${cadre.b}`)?.scores).toEqual(scores(5));
    expect(mine.raterUnits[0]?.subjects.every((s) => s.rated)).toBe(true);
    expect((await view('worker1')).ratings.map((r) => r.raterUnit)).toEqual([ra]);
    const leader2 = await view('leader');
    expect(leader2.ratings).toEqual([]);
    expect(leader2.ratingCount).toBe(3);
    expect(leader2.results).toEqual([]);
  });

  it('closes the round once, freezing results that score the cadres', async () => {
    expect((await as('worker2', 'POST', `/api/v1/evaluation-rounds/${roundId}/close`)).status).toBe(403);
    const closed = await as('leader', 'POST', `/api/v1/evaluation-rounds/${roundId}/close`);
    expect(closed.status).toBe(200);
    const round = evaluationRoundViewSchema.parse(closed.body);
    expect(round.state).toBe('closed');
    expect(round.ratings.length).toBe(3);
    const result = (subject: string) => round.results.find((r) => r.subject === subject);
    expect(result(`u:${cadre.b}`)).toMatchObject({ ratings: 1, overallMean: 5, means: scores(5) });
    expect(result(`u:${cadre.a}`)).toMatchObject({ ratings: 1, overallMean: 2 });
    const audited = await auditRowsOf(t, 'evaluation_round.closed', roundId);
    expect(audited.map((r) => r.result)).toEqual(['success']);

    const again = await as('leader', 'POST', `/api/v1/evaluation-rounds/${roundId}/close`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EVALUATION_ROUND_CLOSED');
    const late = await as('worker1', 'POST', `/api/v1/evaluation-rounds/${roundId}/ratings`, {
      raterUnit: `r:${community.a.id}`,
      subject: `u:${cadre.a}`,
      scores: scores(5),
    });
    expect(late.status).toBe(409);
    // A rater still reads only their own, now beside the results.
    const afterwards = await view('worker2');
    expect(afterwards.ratings.every((r) => r.raterUnit === `r:${community.b.id}`)).toBe(true);
    expect(afterwards.results.length).toBe(3);

    // The result is a point of the cadre's live score: (5 − 3) × 1 point, dated on the close.
    const points = await as(
      'leader',
      'GET',
      `/api/v1/scores/points?regionId=${street.id}&period=month&subject=u:${cadre.b}`,
    );
    expect(points.status, JSON.stringify(points.body)).toBe(200);
    const page = scorePointsPageSchema.parse(points.body);
    const point = page.items.find((p) => p.item === 'evaluation');
    expect(point).toMatchObject({ key: `evaluation:${roundId}`, cp: 200, day: today });
    expect(point?.source.kind).toBe('evaluation_round');
  });

  it("lets a street department rate the street's communities", async () => {
    const opened = await as('leader', 'POST', '/api/v1/evaluation-rounds', {
      regionId: street.id,
      kind: 'department_rates_communities',
      title: '部门评社区',
      from: addDays(today, -30),
      to: today,
      criteria: [{ key: 'coordination', name: '组织协调' }],
    });
    expect(opened.status).toBe(201);
    const id = evaluationRoundSummarySchema.parse(opened.body).id;
    const handler = await view('handler', id);
    expect(handler.raterUnits.length).toBe(1);
    const unit = handler.raterUnits[0];
    expect(unit?.subjects.map((s) => s.key)).toContain(community.a.id);
    expect(unit?.subjects[0]?.facts.casesReceived).not.toBeNull();
    // A community's worker is no department.
    expect((await view('worker1', id)).raterUnits).toEqual([]);
    const rated = await as('handler', 'POST', `/api/v1/evaluation-rounds/${id}/ratings`, {
      raterUnit: unit?.key,
      subject: community.a.id,
      scores: { coordination: 3 },
    });
    expect(rated.status).toBe(201);
    expect(
      (
        await as('worker1', 'POST', `/api/v1/evaluation-rounds/${id}/ratings`, {
          raterUnit: unit?.key,
          subject: community.a.id,
          scores: { coordination: 1 },
        })
      ).status,
    ).toBe(403);
    // An unknown round is as unseen as another district's.
    expect((await as('worker1', 'GET', `/api/v1/evaluation-rounds/${uuidv7()}`)).status).toBe(404);
  });
});
