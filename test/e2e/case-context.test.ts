import { describe, expect, inject, it } from 'vitest';
import { type CaseDetail, caseContextSchema, caseDetailSchema } from '../../src/shared/domain/case.ts';
import { departmentListSchema } from '../../src/shared/domain/department.ts';
import { createdVisitSchema } from '../../src/shared/domain/visit.ts';
import { casesZh } from '../../src/shared/i18n/features/cases.ts';
import { pickTreeNode } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { apiResponse, openCasePage } from './support/case-page.ts';
import { runAccounts } from './support/sign-in.ts';

/**
 * A case raised on a visit carries its context to the first responder's phone: the visit and the
 * household it came from, its category (set there when missing), and the household's phone,
 * revealed through an audited request and only then callable; the follow-up call's outcome is
 * recorded in one form.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
const zh = casesZh.cases;

const api = (username: string) => ApiSession.signIn(origin, runAccounts(), username);

async function act(username: string, id: string, action: string, body: object): Promise<void> {
  const dispatcher = await api('dispatcher');
  const current = caseDetailSchema.parse(await (await dispatcher.get(`/api/v1/cases/${id}`)).json());
  const res = await (await api(username)).post(`/api/v1/cases/${id}/${action.replaceAll('_', '-')}`, body, {
    'if-match': `"${current.version}"`,
  });
  if (res.status !== 200) throw new Error(`${action} by ${username}: ${res.status} ${await res.text()}`);
}

describe('the context of a case on the first responder’s phone', () => {
  it('a first responder records a follow-up call on a visit-raised case with its category set', async () => {
    const worker1 = await api('worker1');
    // A household of worker1's with a phone on record, visited; the problem heard has no category.
    const { items } = await worker1.households({ limit: '20' });
    let household: { id: string; code: string } | undefined;
    for (const h of items) {
      if ((await worker1.household(h.id)).members.some((m) => m.phoneMasked)) {
        household = h;
        break;
      }
    }
    if (!household) throw new Error('worker1 has no household with a phone');
    const marker = `e2e-context-${Date.now() % 1_000_000}`;
    const res = await worker1.post(
      '/api/v1/visits',
      {
        form: 'routine',
        target: { type: 'household', householdId: household.id },
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        endedAt: new Date(Date.now() - 1_800_000).toISOString(),
        notes: `入户走访 ${marker}`,
        issues: [
          { title: `单元门禁损坏 ${marker}`, description: '单元门禁坏了，外人随意进出', kind: 'help' },
        ],
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    if (res.status !== 201) throw new Error(`visit: ${res.status} ${await res.text()}`);
    const visit = createdVisitSchema.parse(await res.json());
    const caseId = visit.cases[0]?.id as string;
    // Handled by the street's urban office and replied; the worker approved the reply.
    const dispatcher = await api('dispatcher');
    const street = (await dispatcher.me()).roles[0]?.scopeRegionId;
    const departments = departmentListSchema.parse(
      await (await dispatcher.get('/api/v1/departments')).json(),
    );
    const office = departments.items.find((d) => d.code.endsWith('-urban') && d.regionId === street);
    if (!office) throw new Error('the street has no urban office');
    await act('dispatcher', caseId, 'accept', {});
    await act('dispatcher', caseId, 'dispatch', { unit: { departmentId: office.id } });
    await act('handler', caseId, 'sign', {});
    await act('handler', caseId, 'reply', { reply: '已修复门禁' });
    await act('worker1', caseId, 'approve_reply', {});

    const session = await openCasePage(sessions, 'worker1', caseId, PHONE);
    const { page } = session;
    const context = page.getByTestId('case-context');
    await context.waitFor();
    // The visit and the household, each a link to its page.
    expect(await context.getByTestId('case-context-visit').getAttribute('href')).toBe(`/visits/${visit.id}`);
    expect(await context.getByTestId('case-context-household').getAttribute('href')).toBe(
      `/households/${household.id}`,
    );
    const shown = caseContextSchema.parse(
      await (await worker1.get(`/api/v1/cases/${caseId}/context`)).json(),
    );
    expect(shown.reporter.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    await expect
      .poll(() => context.getByTestId('case-context-contact').textContent())
      .toContain(shown.reporter.phoneMasked as string);
    // No way to call before the audited reveal.
    expect(await context.getByTestId('case-context-call').count()).toBe(0);

    // The category is missing: the worker sets it from the case page.
    const missing = page.getByTestId('case-classify-missing');
    await missing.waitFor();
    await page.getByTestId('case-context-classify').click();
    const categories = (await (await worker1.get('/api/v1/categories')).json()) as {
      items: { id: string; code: string; name: string }[];
    };
    const facilities = categories.items.find((c) => c.code === 'urban_facilities');
    if (!facilities) throw new Error('no urban_facilities category');
    const form = page.getByTestId('case-classify');
    await pickTreeNode(form.getByTestId('case-classify-category'), [], facilities.name);
    const classified = apiResponse(page, `/api/v1/cases/${caseId}/classify`, 'POST');
    await form.getByTestId('case-classify-save').click();
    expect((await classified).status()).toBe(200);
    await missing.waitFor({ state: 'detached' });
    const afterClassify = caseDetailSchema.parse(await (await worker1.get(`/api/v1/cases/${caseId}`)).json());
    expect(afterClassify).toMatchObject({ categoryId: facilities.id, state: 'follow_up' });
    // The timeline says what changed, in words.
    await expect
      .poll(() => page.locator('[data-testid="case-event"][data-action="classify"]').textContent())
      .toContain(`${zh.category}：${zh.detail.noCategory} → ${facilities.name}`);

    // Reveal the number (audited on the server), then it can be called.
    const revealed = apiResponse(page, `/api/v1/cases/${caseId}/reporter-phone`, 'POST');
    await context.getByTestId('case-context-reveal').click();
    const phone = ((await (await revealed).json()) as { phone: string }).phone;
    expect(await context.getByTestId('case-context-call').getAttribute('href')).toBe(`tel:${phone}`);

    // The call's outcome in one form: satisfied, solved; the case closes.
    const outcome = context.getByTestId('case-context-outcome');
    expect(await outcome.textContent()).toContain(zh.context.outcome.rate);
    await outcome.click();
    const rateForm = page.getByTestId('case-action-rate');
    await rateForm.waitFor();
    await rateForm.getByText(zh.ratings.satisfied, { exact: true }).click();
    await rateForm.getByText(zh.act.solvedYes, { exact: true }).click();
    const rated = apiResponse(page, `/api/v1/cases/${caseId}/rate`, 'POST');
    await page.locator('#case-action-ok').click();
    const answer = await rated;
    expect(answer.status()).toBe(200);
    const closed: CaseDetail = caseDetailSchema.parse(await answer.json());
    expect(closed).toMatchObject({ state: 'closed', latestRating: 'satisfied', categoryId: facilities.id });
    await page.locator(`[data-testid="case-page"][data-state="closed"]`).waitFor();
    // Closed, it may still be classified by its first responder, and the page says that is all.
    await page.getByTestId('case-action-button-classify').waitFor();
    expect(await page.getByTestId('case-unavailable-ended').textContent()).toBe(zh.unavailable.endedClassify);
    session.expectClean();
    await session.close();
  });
});
