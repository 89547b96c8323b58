import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepClocks } from '../../src/server/jobs/case-sweeper.ts';
import { type SupervisionReport, supervisionReportSchema } from '../../src/shared/domain/supervision.ts';
import { cstDay } from '../../src/shared/time/china-time.ts';
import { type CaseKit, caseKit } from '../notifications/case-kit.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { demoGrants } from '../support/demo.ts';

/**
 * Supervision reports (两督, issue 14 §2) on one database: a case of community A sent to the
 * street's urban office is driven overdue and supervised (督办) by the clock sweeper in a month long
 * past; the street's supervisor drafts the month's report and finds it named for both the office
 * and the community, with the numbers behind it; edits and publishes it; the units named read
 * their own findings and answer them.
 */
const NOW = new Date('2023-03-06T02:00:00Z'); // Monday 10:00, Beijing
const AT = '2023-03-15';
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

let t: TestApp;
let k: CaseKit;
const cookies: Record<string, string> = {};
let street: string;
let district: string;
let communityA: string;
let communityB: string;
let caseNumber: string;

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, who: string, body?: unknown) =>
  k.demo.send(method, url, body, cookies[who]);
const report = (res: { json(): unknown }): SupervisionReport => supervisionReportSchema.parse(res.json());

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  k = await caseKit(t);
  const grants = await demoGrants(t);
  const grant = (u: string) => grants.find((g) => g.username === u) as (typeof grants)[number];
  street = grant('leader').region_id as string;
  district = grant('leader').district_code;
  communityA = grant('worker1').region_id as string;
  communityB = grant('worker2').region_id as string;
  for (const u of ['leader', 'supervisor', 'worker1', 'worker2', 'handler', 'handler2', 'dispatcher'])
    cookies[u] = await k.demo.signIn(u);
  const config = { cases: { ...t.app.ctx.config.cases, supervisionDelayHours: 24 } };

  // Community A's case, sent to the street's urban office and left to run late: the sweeper marks
  // it overdue (催办), then supervised (督办).
  const a = (await k.submit('worker1', at(0), { urgency: 'important' })).id;
  await k.act('dispatcher', 'accept', a, at(0), {});
  await k.act('dispatcher', 'dispatch', a, at(0), { unit: { departmentId: k.urbanOffice } });
  await sweepClocks(k.db, config, at(50));
  await sweepClocks(k.db, config, at(75));
  caseNumber = (
    await k.db.selectFrom('case_record').select('number').where('id', '=', a).executeTakeFirstOrThrow()
  ).number;
  // Events are dated by the database's clock: move the case's events back to the chosen month.
  const events = await k.db
    .selectFrom('case_event')
    .select(['id', 'created_at'])
    .where('case_id', '=', a)
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

describe('supervision reports', () => {
  let draft: SupervisionReport;
  const urban = () => `d:${k.urbanOffice}`;

  it('drafts findings from the period’s points: the overdue, supervised case names its unit and community', async () => {
    const res = await send('POST', '/api/v1/supervision-reports', 'supervisor', {
      regionId: street,
      period: 'month',
      at: AT,
    });
    expect(res.status, res.text()).toBe(201);
    draft = report(res);
    expect(draft.state).toBe('draft');
    expect(draft.period).toEqual({ kind: 'month', from: '2023-03-01', to: '2023-03-31' });
    expect(draft.scorePeriodId).toBeNull();
    expect(draft.actions).toEqual(['edit', 'publish']);
    const supervised = await k.db
      .selectFrom('case_event')
      .select('id')
      .where('action', '=', 'supervise')
      .where('case_id', 'in', k.db.selectFrom('case_record').select('id').where('number', '=', caseNumber))
      .execute();
    expect(supervised.length).toBeGreaterThan(0);
    for (const key of [urban(), communityA]) {
      const f = draft.findings.find((x) => x.subjectKey === key);
      expect(f, key).toBeDefined();
      expect(f?.figures.overdue?.count).toBe(1);
      expect(f?.figures.overdue?.cases).toEqual([caseNumber]);
      expect(f?.figures.supervised?.count).toBe(supervised.length);
      expect(f?.text).toContain(caseNumber);
      expect((f?.dueOn ?? '') > cstDay(new Date())).toBe(true);
    }
    // Community B had nothing to supervise that month; it is a unit a finding may still be added for.
    expect(draft.findings.some((f) => f.subjectKey === communityB)).toBe(false);
    expect(draft.subjects.some((s) => s.key === communityB)).toBe(true);
    const audits = await auditRowsOf(t, 'supervision_report.drafted');
    expect(audits.some((r) => r.object_id === draft.id)).toBe(true);
  });

  it('keeps drafts to their writers and refuses other places and other writers', async () => {
    expect((await send('GET', `/api/v1/supervision-reports/${draft.id}`, 'leader')).status).toBe(200);
    for (const who of ['worker1', 'handler'])
      expect((await send('GET', `/api/v1/supervision-reports/${draft.id}`, who)).status, who).toBe(404);
    const listed = await send('GET', `/api/v1/supervision-reports?regionId=${communityA}`, 'worker1');
    expect(listed.status).toBe(200);
    expect((listed.json() as { id: string }[]).some((r) => r.id === draft.id)).toBe(false);
    // The street's supervisor does not write for the district; a community is not a report's place.
    const districtNode = await k.db
      .selectFrom('region')
      .select('id')
      .where('district_code', '=', district)
      .where('level', '=', 'district')
      .executeTakeFirstOrThrow();
    const body = (regionId: string) => ({ regionId, period: 'month', at: AT });
    expect(
      (await send('POST', '/api/v1/supervision-reports', 'supervisor', body(districtNode.id))).status,
    ).toBe(404);
    expect((await send('POST', '/api/v1/supervision-reports', 'supervisor', body(communityA))).status).toBe(
      422,
    );
    expect((await send('POST', '/api/v1/supervision-reports', 'worker1', body(street))).status).toBe(403);
    expect(
      (await send('PATCH', `/api/v1/supervision-reports/${draft.id}`, 'worker1', { title: 'x' })).status,
    ).toBe(403);
    expect(
      (await send('GET', '/api/v1/supervision-reports/0192a6f0-0000-7000-8000-000000000000', 'supervisor'))
        .status,
    ).toBe(404);
  });

  it('edits the draft: rewords, removes and adds findings with their due days', async () => {
    const unknown = await send('PATCH', `/api/v1/supervision-reports/${draft.id}`, 'supervisor', {
      findings: [{ subjectKey: 'd:nobody', text: '无', dueOn: '2030-01-01' }],
    });
    expect(unknown.status).toBe(422);
    // Due today, a finding would be overdue before its unit could answer it.
    const today = cstDay(new Date());
    const dueNow = await send('PATCH', `/api/v1/supervision-reports/${draft.id}`, 'supervisor', {
      findings: [{ subjectKey: communityB, text: '请加强入户走访。', dueOn: today }],
    });
    expect(dueNow.status).toBe(422);
    expect(dueNow.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'body.findings.0.dueOn', reason: 'due_not_ahead' }],
    });
    const res = await send('PATCH', `/api/v1/supervision-reports/${draft.id}`, 'supervisor', {
      title: '三月督查报告',
      body: '本月督查情况如下。',
      findings: [
        { subjectKey: urban(), text: '逾期事项较多，请限期整改。', dueOn: '2030-01-10' },
        { subjectKey: communityB, text: '请加强入户走访。', dueOn: '2030-01-20' },
      ],
    });
    expect(res.status, res.text()).toBe(200);
    const edited = report(res);
    expect(edited.title).toBe('三月督查报告');
    expect(edited.findings.map((f) => [f.subjectKey, f.dueOn])).toEqual([
      [urban(), '2030-01-10'],
      [communityB, '2030-01-20'],
    ]);
    // The office's finding keeps the numbers it was drafted with.
    expect(edited.findings[0]?.figures.overdue?.count).toBe(1);
    expect((await auditRowsOf(t, 'supervision_report.edited')).some((r) => r.object_id === draft.id)).toBe(
      true,
    );
  });

  it('publishes once, one finding per unit named, read and answered by those units only', async () => {
    // A draft whose due day came while it waited is not published until the day is set anew.
    const stored = await k.db
      .selectFrom('supervision_report')
      .select('findings')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    const findings = (
      typeof stored.findings === 'string' ? JSON.parse(stored.findings) : stored.findings
    ) as { dueOn: string }[];
    const setFindings = (list: unknown) =>
      k.db
        .updateTable('supervision_report')
        .set({ findings: JSON.stringify(list) })
        .where('id', '=', draft.id)
        .execute();
    await setFindings(findings.map((f, i) => (i === 1 ? { ...f, dueOn: cstDay(new Date()) } : f)));
    const stale = await send('POST', `/api/v1/supervision-reports/${draft.id}/publish`, 'supervisor');
    expect(stale.status).toBe(422);
    expect(stale.json()).toMatchObject({ errors: [{ path: 'findings.1.dueOn', reason: 'due_not_ahead' }] });
    await setFindings(findings);

    const res = await send('POST', `/api/v1/supervision-reports/${draft.id}/publish`, 'supervisor');
    expect(res.status, res.text()).toBe(200);
    const published = report(res);
    expect(published.state).toBe('published');
    expect(published.actions).toEqual([]);
    const rows = await k.db
      .selectFrom('finding')
      .select(['id', 'subject_key', 'text'])
      .where('source_kind', '=', 'supervision_report')
      .where('source_id', '=', draft.id)
      .execute();
    expect(rows.map((r) => r.subject_key).sort()).toEqual([urban(), communityB].sort());
    expect(published.findings.every((f) => f.rectification?.state === 'open')).toBe(true);
    expect((await auditRowsOf(t, 'supervision_report.published')).some((r) => r.object_id === draft.id)).toBe(
      true,
    );

    expect((await send('POST', `/api/v1/supervision-reports/${draft.id}/publish`, 'supervisor')).status).toBe(
      409,
    );
    expect(
      (await send('PATCH', `/api/v1/supervision-reports/${draft.id}`, 'leader', { title: '改' })).status,
    ).toBe(409);

    // The office's handler and community B read their own finding; community A, no longer named, nothing.
    const office = await send('GET', `/api/v1/supervision-reports/${draft.id}`, 'handler');
    expect(office.status).toBe(200);
    expect(report(office).findings.map((f) => f.subjectKey)).toEqual([urban()]);
    const list = await send('GET', '/api/v1/supervision-reports', 'handler');
    expect((list.json() as { id: string }[]).map((r) => r.id)).toContain(draft.id);
    const b = await send('GET', `/api/v1/supervision-reports/${draft.id}`, 'worker2');
    expect(report(b).findings.map((f) => f.subjectKey)).toEqual([communityB]);
    for (const who of ['worker1', 'handler2'])
      expect((await send('GET', `/api/v1/supervision-reports/${draft.id}`, who)).status, who).toBe(404);

    // The office answers its finding (整改); the report shows it rectified.
    const mine = rows.find((r) => r.subject_key === urban()) as (typeof rows)[number];
    const answer = await send('POST', `/api/v1/findings/${mine.id}/rectification`, 'handler', {
      note: '已安排专人限期办结',
      rectifiedOn: cstDay(new Date()),
    });
    expect(answer.status, answer.text()).toBe(200);
    const after = report(await send('GET', `/api/v1/supervision-reports/${draft.id}`, 'supervisor'));
    const answered = after.findings.find((f) => f.subjectKey === urban());
    expect(answered?.rectification).toMatchObject({ state: 'rectified', note: '已安排专人限期办结' });
    expect(after.findings.find((f) => f.subjectKey === communityB)?.rectification?.state).toBe('open');
  });

  it('drafts a closed period from its stored points, as published', async () => {
    const closed = await send('POST', '/api/v1/score-periods', 'leader', {
      regionId: street,
      period: 'month',
      at: AT,
    });
    expect(closed.status, closed.text()).toBe(201);
    const res = await send('POST', '/api/v1/supervision-reports', 'leader', {
      regionId: street,
      period: 'month',
      at: AT,
    });
    expect(res.status, res.text()).toBe(201);
    const fromClosed = report(res);
    expect(fromClosed.scorePeriodId).toBe((closed.json() as { id: string }).id);
    expect(fromClosed.findings.map((f) => [f.subjectKey, f.figures])).toEqual(
      draft.findings.map((f) => [f.subjectKey, f.figures]),
    );
  });
});
