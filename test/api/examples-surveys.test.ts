import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionPath } from '../../src/server/modules/cases/cases.routes.ts';
import { inviteCode } from '../../src/server/modules/surveys/survey-context.ts';
import type { CaseAction } from '../../src/shared/cases/workflow.ts';
import type { CaseDetail } from '../../src/shared/domain/case.ts';
import { type Example, exampleSchema, publicExampleListSchema } from '../../src/shared/domain/examples.ts';
import { figuresReportSchema } from '../../src/shared/domain/figures.ts';
import { scorePointsPageSchema } from '../../src/shared/domain/scores.ts';
import { type SurveyResults, surveyResultsSchema, surveySchema } from '../../src/shared/domain/surveys.ts';
import { cstDay } from '../../src/shared/time/china-time.ts';
import { jpegWithGps } from '../attachments/images.ts';
import { type HttpCaseWorld, httpCaseWorld } from '../cases/http-case-world.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { demoGrants, firstGridBelow } from '../support/demo.ts';
import { addHousehold } from '../support/households.ts';

/**
 * Examples and surveys (issue 14 §5, §6) over HTTP on one database. A case is driven to closed and
 * written up with a photo; the write-up refuses personal data, is published by the street's
 * leader, shows on the public page without any personal data, earns the community one 'example'
 * point (one, also when a campaign marks the same case), appears in the campaign report and goes
 * when withdrawn. A survey of worker1's community is answered by phone and through the public page
 * with an invitation code, once per household, and its results stand beside the case figures.
 */
const USERS = ['dispatcher', 'worker1', 'worker2', 'handler', 'leader'] as const;
type User = (typeof USERS)[number];

let w: HttpCaseWorld<User>;
const today = cstDay(new Date());
let street: string;
let community: string;
let communityPath: string;
let worker1Name: string;
let caseId: string;
let caseNumber: string;
let example: Example;

const send = (method: 'GET' | 'POST' | 'PUT', url: string, user: User | null, body?: unknown) =>
  w.demo.send(method, url, body, user ? w.cookies[user] : undefined);

async function act(user: User, id: string, action: CaseAction, body: unknown = {}) {
  const { version } = (await send('GET', `/api/v1/cases/${id}`, user)).json() as CaseDetail;
  const res = await w.demo.send('POST', `/api/v1/cases/${id}/${actionPath(action)}`, body, w.cookies[user], {
    'if-match': `"${version}"`,
  });
  expect(res.status, `${action}: ${res.text()}`).toBe(200);
}

async function examplePoints() {
  const res = await send(
    'GET',
    `/api/v1/scores/points?regionId=${street}&period=month&at=${today}&subject=${community}&limit=100`,
    'leader',
  );
  expect(res.status, res.text()).toBe(200);
  return scorePointsPageSchema.parse(res.json()).items.filter((p) => p.item === 'example');
}

beforeAll(async () => {
  w = await httpCaseWorld(USERS);
  const grants = await demoGrants(w.t);
  const of = (u: string) => grants.find((g) => g.username === u);
  street = of('leader')?.region_id as string;
  community = of('worker1')?.region_id as string;
  communityPath = of('worker1')?.path as string;
  worker1Name = (
    await w.t.database.db
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', 'worker1')
      .executeTakeFirstOrThrow()
  ).display_name;

  // A case taken in from 李四 (13900001111), handled by the street's urban office, a photo with a
  // GPS position attached on the way, rated satisfied: closed.
  caseId = await w.newCase('路灯不亮', '优秀案例测试');
  caseNumber = ((await send('GET', `/api/v1/cases/${caseId}`, 'worker1')).json() as CaseDetail).number;
  const upload = await w.demo.send(
    'POST',
    `/api/v1/cases/${caseId}/attachments?name=lamp.jpg`,
    jpegWithGps(),
    w.cookies.worker1,
  );
  expect(upload.status, upload.text()).toBe(201);
  await act('dispatcher', caseId, 'accept');
  await act('dispatcher', caseId, 'dispatch', { unit: { departmentId: w.urbanOffice } });
  await act('handler', caseId, 'sign');
  await act('handler', caseId, 'reply', { reply: '已更换灯泡' });
  await act('worker1', caseId, 'approve_reply');
  await act('worker1', caseId, 'rate', { rating: 'satisfied' });
});
afterAll(async () => w.t.close());

describe('examples (优秀案例)', () => {
  it('proposes only a closed case, once, and only to those who read it', async () => {
    const open = await w.newCase('井盖缺失', '未办结');
    const refused = await send('POST', '/api/v1/examples', 'worker1', {
      subject: { kind: 'case', id: open },
    });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'EXAMPLE_NOT_ALLOWED' });

    const elsewhere = await send('POST', '/api/v1/examples', 'worker2', {
      subject: { kind: 'case', id: caseId },
    });
    expect(elsewhere.status).toBe(404);

    // Staff know a case by its number.
    const res = await send('POST', '/api/v1/examples', 'worker1', {
      subject: { kind: 'case', id: caseNumber },
    });
    expect(res.status, res.text()).toBe(201);
    example = exampleSchema.parse(res.json());
    expect(example).toMatchObject({ state: 'proposed', subject: { kind: 'case', number: caseNumber } });
    expect(example.photos).toHaveLength(1);

    const again = await send('POST', '/api/v1/examples', 'worker1', {
      subject: { kind: 'case', id: caseId },
    });
    expect(again.status).toBe(409);
    expect((await send('GET', `/api/v1/examples/${example.id}`, 'worker2')).status).toBe(404);
    expect((await auditRowsOf(w.t, 'example.proposed', example.id)).length).toBe(1);
  });

  it('answers proposals of one case sent at once with one write-up and 409s, never a 500', async () => {
    const id = await w.newCase('路灯闪烁', '并发提名');
    await act('dispatcher', id, 'accept');
    await act('dispatcher', id, 'dispatch', { unit: { departmentId: w.urbanOffice } });
    await act('handler', id, 'sign');
    await act('handler', id, 'reply', { reply: '已更换镇流器' });
    await act('worker1', id, 'approve_reply');
    await act('worker1', id, 'rate', { rating: 'satisfied' });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        send('POST', '/api/v1/examples', 'worker1', { subject: { kind: 'case', id } }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409))
      expect(r.json()).toMatchObject({
        code: 'EXAMPLE_NOT_ALLOWED',
        errors: [{ reason: 'proposed_already' }],
      });
  });

  it('refuses a write-up naming the resident, a phone number or a house number', async () => {
    const photoIds = example.photos.map((p) => p.id);
    for (const [story, reason] of [
      ['李四反映路灯不亮，网格员当天上报。', 'known_person_or_place'],
      ['居民来电 13900001111 反映路灯不亮。', 'phone'],
      ['3号楼2单元门口的路灯不亮。', 'house_number'],
    ] as const) {
      const res = await send('PUT', `/api/v1/examples/${example.id}`, 'worker1', {
        title: '点亮回家路',
        story,
        photoIds,
      });
      expect(res.status, story).toBe(422);
      expect(res.json()).toMatchObject({ code: 'EXAMPLE_PERSONAL_DATA', errors: [{ reason }] });
    }
    const res = await send('PUT', `/api/v1/examples/${example.id}`, 'worker1', {
      title: '点亮回家路',
      story: '居民反映小区路灯不亮，街道城管办当天更换灯泡，居民评价满意。',
      photoIds,
    });
    expect(res.status, res.text()).toBe(200);
    example = exampleSchema.parse(res.json());
    expect(example.photos.every((p) => p.chosen)).toBe(true);
  });

  it('is published by a leader only, and the public page shows it without personal data', async () => {
    const byWorker = await send('POST', `/api/v1/examples/${example.id}/publish`, 'worker1');
    expect(byWorker.status).toBe(403);
    const res = await send('POST', `/api/v1/examples/${example.id}/publish`, 'leader');
    expect(res.status, res.text()).toBe(200);
    example = exampleSchema.parse(res.json());
    expect(example.state).toBe('published');
    expect(example.unitName).toBeTruthy();

    const page = await send('GET', `/api/v1/public/examples?regionId=${street}`, null);
    expect(page.status, page.text()).toBe(200);
    const list = publicExampleListSchema.parse(page.json());
    const shown = list.items.find((i) => i.id === example.id);
    expect(shown).toMatchObject({ title: '点亮回家路', unit: example.unitName });
    const text = page.text();
    for (const secret of ['李四', '13900001111', caseNumber, caseId, worker1Name])
      expect(text.includes(secret), secret).toBe(false);

    const photoId = shown?.photoIds[0] as string;
    const photo = await send('GET', `/api/v1/public/examples/${example.id}/photos/${photoId}`, null);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    // The GPS block written by the phone was stripped on upload.
    expect(photo.text().includes('Exif')).toBe(false);
    const other = await send('GET', `/api/v1/public/examples/${example.id}/photos/${caseId}`, null);
    expect(other.status).toBe(404);
  });

  it('earns the community one example point, also when a campaign marks the case; withdrawn, it leaves', async () => {
    const published = await examplePoints();
    expect(published.map((p) => [p.key, p.source.kind, p.source.id])).toEqual([
      [`example:${caseId}`, 'published_example', example.id],
    ]);

    const campaign = await send('POST', '/api/v1/campaigns', 'leader', {
      name: '优秀案例测试活动',
      regionId: street,
      from: today,
      to: today,
    });
    expect(campaign.status, campaign.text()).toBe(201);
    const campaignId = (campaign.json() as { id: string }).id;
    const mark = await send('POST', `/api/v1/campaigns/${campaignId}/examples`, 'leader', {
      caseRef: caseId,
    });
    expect(mark.status, mark.text()).toBe(200);
    expect((await examplePoints()).map((p) => p.source.kind)).toEqual(['published_example']);
    const report = (await send('GET', `/api/v1/campaigns/${campaignId}`, 'leader')).json() as {
      writeUps: { id: string; title: string }[];
      examples: { caseId: string }[];
    };
    expect(report.writeUps.map((x) => [x.id, x.title])).toEqual([[example.id, '点亮回家路']]);
    expect(report.examples.map((x) => x.caseId)).toEqual([caseId]);

    const noReason = await send('POST', `/api/v1/examples/${example.id}/withdraw`, 'leader', {});
    expect(noReason.status).toBe(422);
    const withdrawn = await send('POST', `/api/v1/examples/${example.id}/withdraw`, 'leader', {
      reason: '内容需核实',
    });
    expect(withdrawn.status, withdrawn.text()).toBe(200);
    const page = publicExampleListSchema.parse(
      (await send('GET', `/api/v1/public/examples?regionId=${street}`, null)).json(),
    );
    expect(page.items.map((i) => i.id)).not.toContain(example.id);
    expect((await examplePoints()).map((p) => p.source.kind)).toEqual(['campaign_example']);
    const after = (await send('GET', `/api/v1/campaigns/${campaignId}`, 'leader')).json() as {
      writeUps: unknown[];
    };
    expect(after.writeUps).toEqual([]);
    for (const action of ['example.written', 'example.published', 'example.withdrawn'])
      expect((await auditRowsOf(w.t, action, example.id)).length, action).toBeGreaterThan(0);

    // Published anew (after a correction), it keeps its first publication's day: its point comes
    // back on that day, ahead of the campaign's later mark, and is not earned a second time.
    const again = await send('POST', `/api/v1/examples/${example.id}/publish`, 'leader');
    expect(again.status, again.text()).toBe(200);
    expect(exampleSchema.parse(again.json()).publishedAt).toBe(example.publishedAt);
    expect((await examplePoints()).map((p) => [p.source.kind, p.at])).toEqual([
      ['published_example', example.publishedAt],
    ]);
  });
});

describe('surveys (民意测评)', () => {
  let surveyId: string;
  let households: { id: string }[];

  it('is created by a leader with 3–8 questions, of a community or street', async () => {
    const questions = [
      { kind: 'rating', text: '您对社区环境是否满意？' },
      { kind: 'rating', text: '您对网格员的服务是否满意？' },
      { kind: 'choice', text: '最希望改进的方面', options: ['停车', '绿化', '治安'] },
    ];
    const body = { regionId: community, title: '2026 年冬季民意测评', from: today, to: today, questions };
    const short = await send('POST', '/api/v1/surveys', 'leader', {
      ...body,
      questions: questions.slice(0, 2),
    });
    expect(short.status).toBe(422);
    expect((await send('POST', '/api/v1/surveys', 'worker1', body)).status).toBe(403);
    const res = await send('POST', '/api/v1/surveys', 'leader', body);
    expect(res.status, res.text()).toBe(201);
    surveyId = surveySchema.parse(res.json()).id;
    const grid = await firstGridBelow(w.t, communityPath);
    for (let i = 0; i < 3; i++) await addHousehold(w.t, grid);
    households = await w.t.database.db
      .selectFrom('household')
      .select('id')
      .where('region_path', 'like', `${communityPath}.%`)
      .where('removed_at', 'is', null)
      .orderBy('code')
      .execute();
    expect(households.length).toBeGreaterThanOrEqual(2);
  });

  it('takes one answer per household, by phone or through the public page with the invitation code', async () => {
    const [first, second] = households as [{ id: string }, { id: string }];
    const url = `/api/v1/surveys/${surveyId}/answers`;
    const phone = { householdId: first.id, channel: 'phone', answers: [5, 4, 0] };
    const misfit = await send('POST', url, 'worker1', { ...phone, answers: [6, 4, 0] });
    expect(misfit.status).toBe(422);
    const wrongChoice = await send('POST', url, 'worker1', { ...phone, answers: [5, 4, 3] });
    expect(wrongChoice.json()).toMatchObject({ code: 'SURVEY_ANSWER_INVALID' });
    expect((await send('POST', url, 'worker1', phone)).status).toBe(201);
    const twice = await send('POST', url, 'worker1', { ...phone, channel: 'visit' });
    expect(twice.status).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });
    expect((await send('POST', url, 'worker2', { ...phone, householdId: second.id })).status).toBe(404);

    const invitations = await send('GET', `/api/v1/surveys/${surveyId}/invitations`, 'leader');
    expect(invitations.status).toBe(200);
    const code = (invitations.json() as { items: { householdId: string; inviteCode: string }[] }).items.find(
      (i) => i.householdId === second.id,
    )?.inviteCode as string;
    expect(code).toBe(inviteCode(w.t.app.ctx.cipher, surveyId, second.id));

    const publicPage = await send('GET', `/api/v1/public/surveys/${surveyId}`, null);
    expect(publicPage.status).toBe(200);
    expect(publicPage.json()).toMatchObject({ title: '2026 年冬季民意测评' });
    const publicUrl = `/api/v1/public/surveys/${surveyId}/answers`;
    const guessed = await send('POST', publicUrl, null, { code: 'ZZZZZZZZ', answers: [3, 3, 1] });
    expect(guessed.status).toBe(422);
    expect(
      (await send('POST', publicUrl, null, { code: code.toLowerCase(), answers: [3, 2, 1] })).status,
    ).toBe(201);
    const again = await send('POST', publicUrl, null, { code, answers: [1, 1, 1] });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SURVEY_ALREADY_ANSWERED' });
    const rows = await auditRowsOf(w.t, 'survey.answered', surveyId);
    expect(rows.map((r) => r.actor_name)).toEqual(['worker1', 'public']);
  });

  it('gives results per community beside the case satisfaction rate of the same days', async () => {
    const res = await send('GET', `/api/v1/surveys/${surveyId}/results`, 'leader');
    expect(res.status, res.text()).toBe(200);
    const results: SurveyResults = surveyResultsSchema.parse(res.json());
    expect(results.communities).toHaveLength(1);
    const row = results.communities[0] as SurveyResults['communities'][number];
    expect(row.region.id).toBe(community);
    expect(row).toMatchObject({ households: households.length, responses: 2 });
    expect(row.questions.map((q) => [q.mean, q.distribution])).toEqual([
      [4, [0, 0, 1, 0, 1]],
      [3, [0, 1, 0, 1, 0]],
      [null, [1, 1, 0]],
    ]);
    const figures = await send(
      'GET',
      `/api/v1/figures?regionId=${community}&period=custom&from=${today}&to=${today}`,
      'leader',
    );
    expect(figures.status, figures.text()).toBe(200);
    const satisfaction = figuresReportSchema.parse(figures.json()).current.cases.satisfactionRate;
    expect(row.caseSatisfaction).toEqual(satisfaction);
    expect(row.caseSatisfaction.denominator).toBeGreaterThanOrEqual(1);
  });
});
