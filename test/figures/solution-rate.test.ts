import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/modules/auth/principal.ts';
import { rebuildCaseFigures } from '../../src/server/modules/cases/case-figures.ts';
import { figuresReportSchema } from '../../src/shared/domain/figures.ts';
import { act, principalOf, submit } from '../cases-insights/case-helpers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, firstGridBelow, seedSmallDemo } from '../support/demo.ts';
import { expectRebuildEqualsKept } from '../support/figures.ts';

/**
 * 解决率 (issue 12 §1): the follow-up call asks whether the problem was solved; the answer is kept
 * with the rating and the case, and the solution rate is "said solved ÷ asked", whatever the
 * satisfaction rating was. An unreachable call asks nothing.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
const cookies: Record<string, string> = {};
const p: Record<string, Principal> = {};
let street: string;
let district: string;
let followUp: (title: string) => Promise<{ id: string; version: number }>;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 10);
  for (const who of ['dispatcher', 'worker1', 'leader']) {
    cookies[who] = await demo.signIn(who);
    p[who] = await principalOf(t, cookies[who] as string);
  }
  const grants = await demoGrants(t);
  const worker1 = grants.find((g) => g.username === 'worker1');
  street = grants.find((g) => g.username === 'leader')?.region_id as string;
  district = worker1?.district_code as string;
  const grid = (await firstGridBelow(t, worker1?.path as string)).id;
  const community = worker1?.region_id as string;
  const w1 = p.worker1 as Principal;
  followUp = async (title: string) => {
    const submitted = await submit(t, w1, { title, description: `${title}，居民反映。`, regionId: grid });
    const accepted = await act(t, p.dispatcher as Principal, submitted, 'accept', {});
    const dispatched = await act(t, p.dispatcher as Principal, accepted, 'dispatch', {
      unit: { regionId: community },
    });
    const signed = await act(t, w1, dispatched, 'sign', {});
    const replied = await act(t, w1, signed, 'reply', { reply: '已协调解决。' });
    return act(t, w1, replied, 'approve_reply', {});
  };
});
afterAll(async () => t.close());

const rateOverHttp = async (id: string, body: unknown) => {
  const current = await demo.send('GET', `/api/v1/cases/${id}`, undefined, cookies.worker1);
  return demo.send('POST', `/api/v1/cases/${id}/rate`, body, cookies.worker1, {
    'if-match': current.headers.etag as string,
  });
};

describe('the follow-up asks whether the problem was solved', () => {
  it('keeps the answer and counts the solution rate from it', async () => {
    const answers = [
      { rating: 'satisfied', solved: true },
      { rating: 'basically_satisfied', solved: false },
      // Unsatisfied with the service, yet the problem itself is solved: both are counted.
      { rating: 'unsatisfied', solved: true },
      // Not asked (as every rating before the question existed).
      { rating: 'satisfied' },
    ] as const;
    const ids: string[] = [];
    for (const [i, answer] of answers.entries()) {
      const c = await followUp(`回访解决${i}`);
      const res = await rateOverHttp(c.id, answer);
      expect(res.status, res.text()).toBe(200);
      ids.push(c.id);
    }
    const db = t.database.db;
    const stored = await db
      .selectFrom('case_rating')
      .innerJoin('case_record', (j) =>
        j
          .onRef('case_record.district_code', '=', 'case_rating.district_code')
          .onRef('case_record.id', '=', 'case_rating.case_id'),
      )
      .select(['case_rating.case_id', 'case_rating.solved', 'case_record.latest_solved'])
      .where('case_rating.case_id', 'in', ids)
      .execute();
    const byCase = new Map(stored.map((r) => [r.case_id, [r.solved, r.latest_solved]]));
    expect(ids.map((id) => byCase.get(id))).toEqual([
      [true, true],
      [false, false],
      [true, true],
      [null, null],
    ]);
    // The timeline says what the resident answered.
    const detail = (await demo.send('GET', `/api/v1/cases/${ids[1]}`, undefined, cookies.worker1)).json() as {
      events: { action: string; detail: Record<string, unknown> }[];
    };
    expect(detail.events.find((e) => e.action === 'rate')?.detail).toMatchObject({
      rating: 'basically_satisfied',
      solved: false,
    });

    const res = await demo.send(
      'GET',
      `/api/v1/figures?regionId=${street}&period=month`,
      undefined,
      cookies.leader,
    );
    expect(res.status, res.text()).toBe(200);
    const cases = figuresReportSchema.parse(res.json()).current.cases;
    const asked = answers.filter((a) => 'solved' in a);
    expect(cases.solutionRate).toMatchObject({
      numerator: asked.filter((a) => a.solved).length,
      denominator: asked.length,
    });
    await expectRebuildEqualsKept(db, 'case', district, rebuildCaseFigures);
  });

  it.each([
    [{ rating: 'unreachable', solved: true }, 'solved'],
    [{ rating: 'satisfied', solved: 'yes' }, 'solved'],
  ])('refuses %j with 422 naming the field', async (body, field) => {
    const c = await followUp(`回访拒绝${field}${JSON.stringify(body).length}`);
    const res = await rateOverHttp(c.id, body);
    expect(res.status).toBe(422);
    const error = res.json() as { code: string; errors: { path: string }[] };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors.map((i) => i.path).join(' ')).toContain(field);
  });
});
