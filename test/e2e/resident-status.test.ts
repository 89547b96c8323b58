import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { type CaseDetail, caseDetailSchema, caseListSchema } from '../../src/shared/domain/case.ts';
import { posterSheetSchema } from '../../src/shared/domain/public-codes.ts';
import { residentStatusZh } from '../../src/shared/i18n/features/resident-status.ts';
import { JPEG } from '../attachments/images.ts';
import { chooseRadio } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { PHONE, registerBrowserSessions } from './support/browser.ts';
import { apiResponse } from './support/case-page.ts';
import { runAccounts } from './support/sign-in.ts';

/**
 * Issue 15 §1–§2 end to end: a resident scans a grid's QR code (opens its poster's link),
 * reports with a photo, follows the status link from the receipt and watches the case move as staff act (driven through the API with the demo
 * accounts' sessions); rates the answer unsatisfied and sees the case handled again; rates the
 * second answer satisfied and sees it closed. Nobody signs in in the browser.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
const zh = residentStatusZh.residentStatus;
type Username = 'cdispatcher' | 'worker1' | 'sysadmin';

const api = (username: Username) => ApiSession.signIn(origin, runAccounts(), username);

async function act(username: Username, id: string, action: string, body: object = {}): Promise<void> {
  const read = await (await api('cdispatcher')).get(`/api/v1/cases/${id}`);
  const { version } = caseDetailSchema.parse(await read.json()) as CaseDetail;
  const res = await (await api(username)).post(`/api/v1/cases/${id}/${action.replaceAll('_', '-')}`, body, {
    'if-match': `"${version}"`,
  });
  if (res.status !== 200) throw new Error(`${action} by ${username}: ${res.status} ${await res.text()}`);
}

/** Reloads the status page's data with its own button and waits for the stage shown. */
async function refreshUntil(page: Page, stage: string, token: string) {
  const loaded = apiResponse(page, `/api/v1/public/status/${token}`);
  await page.getByTestId('status-refresh').click();
  expect((await loaded).status()).toBe(200);
  await page.locator(`[data-testid="status-stage"][data-stage="${stage}"]`).waitFor();
}

async function rateOnPage(page: Page, rating: keyof typeof zh.rating, token: string, comment?: string) {
  const form = page.getByTestId('status-rating-form');
  await chooseRadio(form, zh.rating[rating]);
  if (comment) await form.locator('textarea').fill(comment);
  const answered = apiResponse(page, `/api/v1/public/status/${token}/rating`, 'POST');
  await form.getByRole('button', { name: zh.rateSubmit }).click();
  expect((await answered).status()).toBe(200);
}

describe("the resident's own page", () => {
  it('follows a public report to closed: unsatisfied handles it again, satisfied closes it', async () => {
    const worker1 = await api('worker1');
    const [community] = await worker1.regions();
    if (!community) throw new Error('worker1 has no community');
    const [grid] = await worker1.regions(community.id);
    if (!grid) throw new Error('the community has no grid');

    // The grid's QR code as its poster prints it (drawing the poster issues the code).
    const sheet = await (await api('sysadmin')).get(`/api/v1/regions/${grid.id}/posters`);
    expect(sheet.status).toBe(200);
    const { posters } = posterSheetSchema.parse(await sheet.json());
    const poster = posters.find((p) => p.kind === 'grid');
    if (!poster) throw new Error('the grid has no poster');
    const qrPath = new URL(poster.url).pathname;
    expect(qrPath).toBe(`/q/${poster.code}`);

    // Scanned on a phone, signed in as nobody; reported with a photo.
    const { page } = await sessions.open(PHONE);
    const place = apiResponse(page, `/api/v1/public/codes/${poster.code}`);
    await page.goto(qrPath);
    expect((await place).status()).toBe(200);
    await page.locator('#title').fill('北门路灯不亮');
    await page.locator('#description').fill('小区北门的路灯坏了一周，晚上看不清路。');
    await page.locator('#phone').fill('13912340000');
    await page
      .getByTestId('public-report-photos')
      .setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await page.getByTestId('public-report-photo-list').locator('img').first().waitFor();
    const sent = apiResponse(page, '/api/v1/public/reports', 'POST');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    const answer = await sent;
    expect(answer.status()).toBe(201);
    expect((answer.request().postDataJSON() as { photos?: unknown[] }).photos).toHaveLength(1);
    const receipt = (await answer.json()) as { number: string; statusPath: string };
    await expect.poll(() => page.getByTestId('case-number').textContent()).toContain(receipt.number);

    // The receipt's link opens the status page.
    const token = receipt.statusPath.slice('/s/'.length);
    const first = apiResponse(page, `/api/v1/public/status/${token}`);
    await page.getByTestId('status-link-open').click();
    expect((await first).status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(receipt.statusPath);
    await page.locator('[data-testid="status-stage"][data-stage="received"]').waitFor();
    expect(await page.getByTestId('status-number').textContent()).toContain(receipt.number);

    const found = await (await api('cdispatcher')).get(`/api/v1/cases?view=queue&q=${receipt.number}`);
    const caseId = caseListSchema
      .parse(await found.json())
      .items.find((c) => c.number === receipt.number)?.id;
    if (!caseId) throw new Error(`case ${receipt.number} not in the community dispatcher's queue`);

    // Staff act; the page follows.
    await act('cdispatcher', caseId, 'accept');
    await act('cdispatcher', caseId, 'dispatch', { unit: { regionId: grid.id } });
    await refreshUntil(page, 'in_hand', token);
    expect(await page.getByTestId('status-unit').textContent()).toContain(grid.name);
    await act('worker1', caseId, 'sign');
    await act('worker1', caseId, 'reply', { reply: '已报修，三天内更换灯具。' });
    await act('cdispatcher', caseId, 'approve_reply');
    await refreshUntil(page, 'awaiting_rating', token);
    expect(await page.getByTestId('status-replies').textContent()).toContain('已报修，三天内更换灯具。');
    expect(await page.getByTestId('status-timeline').textContent()).not.toContain('演示');

    await rateOnPage(page, 'unsatisfied', token, '灯还是不亮');
    await page.locator('[data-testid="status-stage"][data-stage="reopened"]').waitFor();
    expect(await page.getByTestId('status-rating-form').count()).toBe(0);

    await act('cdispatcher', caseId, 'rehandle');
    await refreshUntil(page, 'in_hand', token);
    await act('worker1', caseId, 'reply', { reply: '灯具已更换，经夜间测试正常。' });
    await act('cdispatcher', caseId, 'approve_reply');
    await refreshUntil(page, 'awaiting_rating', token);
    await rateOnPage(page, 'satisfied', token);
    await page.locator('[data-testid="status-stage"][data-stage="closed"]').waitFor();
    expect(await page.getByTestId('status-latest-rating').textContent()).toContain(zh.rating.satisfied);

    const closed = caseDetailSchema.parse(
      await (await (await api('cdispatcher')).get(`/api/v1/cases/${caseId}`)).json(),
    );
    expect(closed.state).toBe('closed');
    expect(closed.reopenCount).toBe(1);
    expect(closed.attachments).toHaveLength(1);
  });
});
