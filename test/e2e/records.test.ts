import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { householdDetailSchema } from '../../src/shared/domain/household.ts';
import { keyInfoSchema } from '../../src/shared/domain/key-household.ts';
import { tagListSchema } from '../../src/shared/domain/tags.ts';
import { buildIdCardNumber } from '../../src/shared/validation/id-card.ts';
import { chooseOption } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { ROOT } from './support/server.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const SCREENSHOT = path.join(ROOT, 'test-results', 'key-household.png');
const sessions = registerBrowserSessions(origin);

const apiAnswer = (page: Page, method: string, pathname: string) =>
  page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname);

describe('a grid worker keeps a household record', () => {
  it('adds a member (a mistyped ID number is caught), tags the household 低保, records the 五个要 and a plan', async () => {
    const session = await sessions.open({ viewport: { width: 1280, height: 1000 } });
    const { page } = session;
    await signIn(page, 'worker1');
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const me = await worker1.me();
    const list = await worker1.households({ limit: '100' });
    const target = list.items.find((h) => !h.isKey && h.tags.length === 0);
    if (!target) throw new Error('worker1 has no household without tags on the first page');
    expect(list.actions).toEqual(['create']);

    // A resident from elsewhere (area 110101), female, born 1988-08-08; the number is new to the demo.
    const idNumber = buildIdCardNumber('110101', '1988-08-08', 100 + 2 * (Date.now() % 400));
    const mistyped = idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0');
    const name = '林晓燕';

    await page.goto(`/households/${target.id}`);
    await page.getByTestId('household-title').waitFor();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/households/${target.id}/members`)) posts.push(r.url());
    });

    // The wrong check digit is caught in the form, before anything is sent.
    await page.getByTestId('member-add').click();
    const form = page.getByTestId('member-form');
    await form.waitFor();
    await page.getByTestId('member-name').fill(name);
    await page.getByTestId('member-id-number').fill(mistyped);
    await page.getByTestId('member-birth-date').fill('1988-08-08');
    await page.getByTestId('member-birth-date').press('Enter');
    await form.getByText('女', { exact: true }).click();
    await page.getByTestId('member-relationship').click();
    await page.keyboard.type('其他亲属');
    await page.keyboard.press('Enter');
    await page.getByTestId('member-save').click();
    await form.getByText('身份证号校验位不正确，请检查是否输错').waitFor();
    expect(posts).toEqual([]);

    // Corrected: birth date and gender come from the number; the member is listed, masked.
    await page.getByTestId('member-id-number').fill(idNumber);
    await page.getByTestId('member-fill-from-id').click();
    const added = apiAnswer(page, 'POST', `/api/v1/households/${target.id}/members`);
    await page.getByTestId('member-save').click();
    expect((await added).status()).toBe(201);
    await form.waitFor({ state: 'hidden' });
    const row = page.locator('[data-testid="household-members"] tr', { hasText: name });
    await row.waitFor();
    const masked = `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`;
    expect(await row.getByTestId('member-id_number').textContent()).toBe(masked);
    expect(await page.content()).not.toContain(idNumber);
    const detail = householdDetailSchema.parse(
      await (await worker1.get(`/api/v1/households/${target.id}`)).json(),
    );
    expect(detail.members.find((m) => m.name === name)).toMatchObject({
      birthDate: '1988-08-08',
      gender: 'F',
      relationship: '其他亲属',
      idNumberMasked: masked,
    });

    // Tagged 低保 (low-income), the household becomes a key household.
    await page.getByTestId('household-edit').click();
    await page.getByTestId('household-form').waitFor();
    await page.getByTestId('household-tags').click();
    await page.keyboard.type('低保');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const patched = apiAnswer(page, 'PATCH', `/api/v1/households/${target.id}`);
    await page.getByTestId('household-save').click();
    expect((await patched).status()).toBe(200);
    await page.getByTestId('household-key').waitFor();
    await page.getByTestId('key-panel').waitFor();

    // The 五个要.
    await page.getByTestId('key-record').click();
    await page.getByTestId('key-record-form').waitFor();
    const record = {
      basicSituation: '低保户，户主失业在家，女儿上初中',
      livingConditions: '租住两居室，基本生活有保障',
      stateOfMind: '情绪稳定，希望找到工作',
      contact: '户主手机畅通，每周电话联系',
      helpInPlace: '低保金按月发放，已推荐社区公益岗位',
    };
    for (const [field, text] of Object.entries(record)) await page.getByTestId(`key-${field}`).fill(text);
    const recorded = apiAnswer(page, 'POST', `/api/v1/households/${target.id}/key-records`);
    await page.getByTestId('key-record-save').click();
    expect((await recorded).status()).toBe(201);
    await page.getByTestId('key-latest').getByText(record.helpInPlace).waitFor();

    // The 一户一策 plan, owned by worker1, with a follow-up date.
    await page.getByTestId('plan-create').click();
    await page.getByTestId('plan-form').waitFor();
    await page.getByTestId('plan-measures').fill('每月上门走访一次；协助办理就业登记');
    await chooseOption(page.getByTestId('plan-owner'), me.displayName);
    await page.getByTestId('plan-date').first().fill('2026-12-20');
    await page.getByTestId('plan-date').first().press('Enter');
    const planned = apiAnswer(page, 'POST', `/api/v1/households/${target.id}/plans`);
    await page.getByTestId('plan-save').click();
    expect((await planned).status()).toBe(201);
    const plan = page.getByTestId('plan').first();
    await plan.getByText('每月上门走访一次；协助办理就业登记').waitFor();
    expect(await plan.textContent()).toContain(me.displayName);
    await plan.locator('[data-testid="follow-up"][data-due="2026-12-20"]').waitFor();

    const info = keyInfoSchema.parse(
      await (await worker1.get(`/api/v1/households/${target.id}/key-info`)).json(),
    );
    expect(info.isKey).toBe(true);
    expect(info.latest).toMatchObject(record);
    expect(info.plans[0]).toMatchObject({ owner: { displayName: me.displayName }, status: 'active' });
    expect(info.plans[0]?.followUps.map((f) => f.dueDate)).toEqual(['2026-12-20']);

    await page.mouse.move(0, 0);
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
  });

  it('lets the system administrator add a household tag to the district list', async () => {
    const session = await sessions.open({ viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signIn(page, 'sysadmin');
    await page.goto('/admin/tags');
    const table = page.getByTestId('tags-household');
    await table.waitFor();
    expect(await table.textContent()).toContain('低保');
    await page.getByTestId('tag-add').first().click();
    await page.getByTestId('tag-name').last().fill('困境儿童');
    await page.getByTestId('tag-name-en').last().fill('Child in difficulty');
    const saved = apiAnswer(page, 'PUT', '/api/v1/tags/household');
    await page.getByTestId('tags-save').first().click();
    expect((await saved).status()).toBe(200);
    await page.getByText('标签列表已保存').waitFor();
    const sysadmin = await ApiSession.signIn(origin, runAccounts(), 'sysadmin');
    const list = tagListSchema.parse(await (await sysadmin.get('/api/v1/tags?subject=household')).json());
    expect(list.items.at(-1)).toMatchObject({
      code: '困境儿童',
      nameEn: 'Child in difficulty',
      active: true,
    });

    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'tags.png'), fullPage: true });
  });
});
