import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { createFindings } from '../../src/server/modules/findings/create-findings.ts';
import { findingListSchema, findingSchema } from '../../src/shared/domain/findings.ts';
import { scoreListSchema, scoreListSummarySchema } from '../../src/shared/domain/score-lists.ts';
import { scorePeriodTableSchema } from '../../src/shared/domain/score-periods.ts';
import { DEFAULT_SCORE_RULES } from '../../src/shared/domain/score-rules.ts';
import { scorePointsPageSchema } from '../../src/shared/domain/scores.ts';
import { LEAGUE_SUBJECTS } from '../../src/shared/figures/league.ts';
import { addDays, cstDay } from '../../src/shared/time/china-time.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addDistrictLeader, demoGrants, seedSmallDemo } from '../support/demo.ts';

/**
 * Praise and criticism lists and their findings (issue 14 §2–§3), on one database: the street
 * leader closes a quarter long past, proposes its praise list (its red-listed communities), edits
 * and approves it; proposes its criticism list, adds a community, approves it with a due day; the
 * community answers the finding; a finding left past its due day is overdue and costs points.
 */
let t: TestApp;
let send: Awaited<ReturnType<typeof seedSmallDemo>>['send'];
const cookies: Record<string, string> = {};
let street: string;
let communityA: string;
let communityB: string;
let periodId: string;
let praiseId: string;
let criticismId: string;
let findingId: string;
const today = () => cstDay(new Date());
/** A quarter long past, so the demo's own facts stay out of it. */
const QUARTER_DAY = '2021-02-15';

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, who: string, body?: unknown) => {
  const res = await send(method, url, body, cookies[who]);
  return { status: res.status, body: res.json() as Record<string, unknown>, res };
};
const codeOf = (body: Record<string, unknown>) => body.code;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  const demo = await seedSmallDemo(t, 20);
  send = demo.send;
  const grants = await demoGrants(t);
  const grant = (u: string) => grants.find((g) => g.username === u) as (typeof grants)[number];
  street = grant('leader').region_id as string;
  communityA = grant('worker1').region_id as string;
  communityB = grant('worker2').region_id as string;
  await addDistrictLeader(t, grant('leader').district_code);
  for (const u of ['leader', 'worker1', 'worker2', 'handler', 'supervisor', 'district.leader'])
    cookies[u] = await demo.signIn(u);
  // The street's rules from that quarter on: a community scoring −1 or more praised, −1.5 or less
  // criticised (a community without any point is on neither list). Findings a report left unanswered in the quarter give the scores:
  // community A two overdue findings (−2), community B one (−1).
  const rules = await call('POST', '/api/v1/scores/rules', 'leader', {
    regionId: street,
    effectiveFrom: '2021-01-01',
    rules: {
      ...DEFAULT_SCORE_RULES,
      lists: { red: { top: 50, minScore: -1 }, black: { bottom: 50, maxScore: -1.5 } },
    },
  });
  expect(rules.status, JSON.stringify(rules.body)).toBe(201);
  const finding = (g: (typeof grants)[number]) => ({
    subjectKey: g.region_id as string,
    subjectName: g.name as string,
    regionPath: g.path as string,
    text: '走访台账不全',
    dueOn: '2021-01-20',
  });
  await t.database.db.transaction().execute((tx) =>
    createFindings(tx, {
      districtCode: grant('leader').district_code,
      sourceKind: 'supervision_report',
      sourceId: uuidv7(),
      findings: [finding(grant('worker1')), finding(grant('worker1')), finding(grant('worker2'))],
      actorId: grant('leader').user_id,
      now: new Date('2021-01-05T02:00:00Z'),
    }),
  );
  const closed = await call('POST', '/api/v1/score-periods', 'leader', {
    regionId: street,
    period: 'quarter',
    at: QUARTER_DAY,
  });
  expect(closed.status, JSON.stringify(closed.body)).toBe(201);
  periodId = closed.body.id as string;
});
afterAll(async () => t.close());

describe('praise and criticism lists', () => {
  it('proposes the red-listed rows as a draft, edits it and publishes it to the units of the place', async () => {
    const rows = [];
    for (const subjects of LEAGUE_SUBJECTS) {
      const frozen = scorePeriodTableSchema.parse(
        (await call('GET', `/api/v1/score-periods/${periodId}?subjects=${subjects}`, 'leader')).body,
      );
      rows.push(...frozen.groups.flatMap((g) => g.rows));
    }
    const red = rows.filter((r) => r.list === 'red');
    expect(red.map((r) => r.key)).toEqual([communityB]);
    expect(rows.filter((r) => r.list === 'black').map((r) => r.key)).toEqual([communityA]);
    // The unanswered findings are the points of the frozen period.
    const points = await call(
      'GET',
      `/api/v1/score-periods/${periodId}/points?subject=${communityA}`,
      'leader',
    );
    expect(scorePointsPageSchema.parse(points.body).items.map((p) => [p.item, p.cp, p.day])).toEqual([
      ['finding_overdue', -100, '2021-01-21'],
      ['finding_overdue', -100, '2021-01-21'],
    ]);

    const proposed = await call('POST', '/api/v1/score-lists', 'leader', { periodId, kind: 'praise' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const draft = scoreListSchema.parse(proposed.body);
    praiseId = draft.id;
    expect(draft.state).toBe('draft');
    expect(draft.items.map((i) => i.subjectKey)).toEqual(red.map((r) => r.key));
    expect(draft.items[0]?.text).toContain(red[0]?.name);
    expect(draft.actions).toEqual(['edit', 'approve']);
    expect((await auditRowsOf(t, 'score_list.proposed', praiseId)).length).toBe(1);

    expect(
      codeOf((await call('POST', '/api/v1/score-lists', 'leader', { periodId, kind: 'praise' })).body),
    ).toBe('SCORE_LIST_EXISTS');
    expect((await call('POST', '/api/v1/score-lists', 'worker1', { periodId, kind: 'praise' })).status).toBe(
      403,
    );
    // A draft is the leaders' own: a worker of the place neither lists nor opens it.
    expect((await call('GET', '/api/v1/score-lists', 'worker1')).body).toEqual([]);
    expect((await call('GET', `/api/v1/score-lists/${praiseId}`, 'worker1')).status).toBe(404);

    const other = draft.candidates.find((c) => c.subjectKey !== communityA);
    expect(other).toBeDefined();
    const unknown = await call('PUT', `/api/v1/score-lists/${praiseId}/entries`, 'leader', {
      entries: [{ subjectKey: 'd:00000000-0000-7000-8000-000000000000', text: '不在本期' }],
    });
    expect(unknown.status).toBe(422);
    const edited = await call('PUT', `/api/v1/score-lists/${praiseId}/entries`, 'leader', {
      title: '第一季度表扬单',
      entries: [
        { subjectKey: other?.subjectKey, text: '台账规范，予以表扬。' },
        { subjectKey: communityB, text: '走访覆盖全面，予以表扬。' },
      ],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const afterEdit = scoreListSchema.parse(edited.body);
    expect(afterEdit.title).toBe('第一季度表扬单');
    expect(afterEdit.items.map((i) => [i.subjectKey, i.text])).toEqual([
      [other?.subjectKey, '台账规范，予以表扬。'],
      [communityB, '走访覆盖全面，予以表扬。'],
    ]);
    expect(afterEdit.candidates.map((c) => c.subjectKey)).not.toContain(communityB);
    const removed = await call('PUT', `/api/v1/score-lists/${praiseId}/entries`, 'leader', {
      entries: [{ subjectKey: communityB, text: '走访覆盖全面，予以表扬。' }],
    });
    expect(scoreListSchema.parse(removed.body).items.map((i) => i.subjectKey)).toEqual([communityB]);

    const approved = await call('POST', `/api/v1/score-lists/${praiseId}/approve`, 'leader', {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const published = scoreListSchema.parse(approved.body);
    expect(published.state).toBe('published');
    expect(published.items[0]?.findingId).toBeNull();
    expect(published.actions).toEqual(['export']);
    expect(codeOf((await call('POST', `/api/v1/score-lists/${praiseId}/approve`, 'leader', {})).body)).toBe(
      'SCORE_LIST_PUBLISHED',
    );
    expect(
      codeOf((await call('PUT', `/api/v1/score-lists/${praiseId}/entries`, 'leader', { entries: [] })).body),
    ).toBe('SCORE_LIST_PUBLISHED');

    // Every unit of the street hears of it, and reads it in the list's history.
    const notices = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', onSameDistrict('u.id', 'n.user_id'))
      .select('u.username')
      .where('n.topic', '=', 'score_list.published')
      .execute();
    expect(notices.map((n) => n.username)).toEqual(expect.arrayContaining(['worker1', 'worker2', 'handler']));
    const history = (await call('GET', '/api/v1/score-lists', 'worker1')).body as unknown as unknown[];
    expect(history.map((l) => scoreListSummarySchema.parse(l).id)).toEqual([praiseId]);

    const xlsx = await send('GET', `/api/v1/score-lists/${praiseId}/export`, undefined, cookies.worker1);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await auditRowsOf(t, 'export.score_list', praiseId)).length).toBe(1);
  });

  it('publishes a criticism entry as a finding the community answers, and only it', async () => {
    const proposed = await call('POST', '/api/v1/score-lists', 'leader', { periodId, kind: 'criticism' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    criticismId = proposed.body.id as string;
    expect(scoreListSchema.parse(proposed.body).items.map((i) => i.subjectKey)).toEqual([communityA]);
    const edited = await call('PUT', `/api/v1/score-lists/${criticismId}/entries`, 'leader', {
      entries: [{ subjectKey: communityA, text: '入户走访覆盖率偏低，限期整改。' }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const noDay = await call('POST', `/api/v1/score-lists/${criticismId}/approve`, 'leader', {});
    expect(noDay.status).toBe(422);
    const pastDay = await call('POST', `/api/v1/score-lists/${criticismId}/approve`, 'leader', {
      dueOn: today(),
    });
    expect(pastDay.status).toBe(422);
    const dueOn = addDays(today(), 14);
    const approved = await call('POST', `/api/v1/score-lists/${criticismId}/approve`, 'leader', { dueOn });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const list = scoreListSchema.parse(approved.body);
    expect(list.dueOn).toBe(dueOn);
    findingId = list.items[0]?.findingId as string;
    expect(findingId).toBeTruthy();
    expect((await auditRowsOf(t, 'finding.created', findingId)).length).toBe(1);

    const mine = findingListSchema.parse((await call('GET', '/api/v1/findings', 'worker1')).body);
    const finding = mine.items.find((f) => f.id === findingId);
    expect(finding).toMatchObject({
      state: 'open',
      dueOn,
      answerable: true,
      source: { kind: 'criticism_list', id: criticismId },
      subject: { key: communityA },
      text: '入户走访覆盖率偏低，限期整改。',
    });
    // The street oversees it without answering for it; the other community and a department do not see it.
    const above = findingListSchema.parse((await call('GET', '/api/v1/findings', 'leader')).body);
    expect(above.items.find((f) => f.id === findingId)?.answerable).toBe(false);
    for (const who of ['worker2', 'handler']) {
      const other = findingListSchema.parse((await call('GET', '/api/v1/findings', who)).body);
      expect(other.items.map((f) => f.id)).not.toContain(findingId);
    }
    const answer = { note: '已补齐未走访住户', rectifiedOn: today() };
    expect((await call('POST', `/api/v1/findings/${findingId}/rectification`, 'leader', answer)).status).toBe(
      403,
    );
    expect((await auditRowsOf(t, 'finding.rectified', findingId)).map((r) => r.result)).toEqual(['denied']);
    expect(
      (await call('POST', `/api/v1/findings/${findingId}/rectification`, 'worker2', answer)).status,
    ).toBe(404);
    expect(
      (
        await call(
          'POST',
          '/api/v1/findings/00000000-0000-7000-8000-000000000000/rectification',
          'worker1',
          answer,
        )
      ).status,
    ).toBe(404);
    const future = await call('POST', `/api/v1/findings/${findingId}/rectification`, 'worker1', {
      ...answer,
      rectifiedOn: addDays(today(), 1),
    });
    expect(future.status).toBe(422);
  });

  it('counts a finding left past its due day as overdue, in the scores too, even when answered late', async () => {
    const yesterday = addDays(today(), -1);
    await t.database.db
      .updateTable('finding')
      .set({ due_on: yesterday })
      .where('id', '=', findingId)
      .execute();
    const overdue = findingListSchema.parse(
      (await call('GET', '/api/v1/findings?state=overdue&source=criticism_list', 'worker1')).body,
    );
    expect(overdue.items.map((f) => f.id)).toEqual([findingId]);
    const open = findingListSchema.parse((await call('GET', '/api/v1/findings?state=open', 'worker1')).body);
    expect(open.items.map((f) => f.id)).not.toContain(findingId);

    const pointsOf = async () => {
      const res = await call(
        'GET',
        `/api/v1/scores/points?regionId=${street}&period=quarter&at=${today()}&subject=${communityA}&limit=200`,
        'leader',
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return scorePointsPageSchema.parse(res.body).items.filter((p) => p.item === 'finding_overdue');
    };
    expect(await pointsOf()).toEqual([
      expect.objectContaining({
        key: `finding_overdue:${findingId}`,
        cp: -100,
        day: today(),
        source: expect.objectContaining({ kind: 'finding', id: findingId }),
      }),
    ]);

    const answer = { note: '已补齐未走访住户', rectifiedOn: today() };
    const answered = await call('POST', `/api/v1/findings/${findingId}/rectification`, 'worker1', answer);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(findingSchema.parse(answered.body)).toMatchObject({
      state: 'rectified',
      answerable: false,
      rectification: { note: answer.note, rectifiedOn: answer.rectifiedOn },
    });
    expect((await auditRowsOf(t, 'finding.rectified', findingId)).map((r) => r.result)).toEqual([
      'denied',
      'success',
    ]);
    expect(
      codeOf((await call('POST', `/api/v1/findings/${findingId}/rectification`, 'worker1', answer)).body),
    ).toBe('FINDING_ALREADY_ANSWERED');
    const rectified = findingListSchema.parse(
      (await call('GET', `/api/v1/findings?state=rectified&sourceId=${criticismId}`, 'leader')).body,
    );
    expect(rectified.items.map((f) => f.id)).toEqual([findingId]);
    // Answered after its day: the deduction stands.
    expect((await pointsOf()).map((p) => p.key)).toEqual([`finding_overdue:${findingId}`]);
  });
});
