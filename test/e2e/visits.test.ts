import { describe, expect, inject, it } from 'vitest';
import { spotCheckDetailSchema } from '../../src/shared/domain/spot-check.ts';
import { createdVisitSchema } from '../../src/shared/domain/visit.ts';
import { chooseOption, typeDay } from './support/antd.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

const cstDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);

describe('spot checks of the visit diary', () => {
  it('lets the leader draw a reproducible sample of the street’s visits and verify one', async () => {
    // A grid worker records three visits through the API.
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const households = (await worker1.households({ limit: '3' })).items;
    expect(households.length).toBe(3);
    const recorded: string[] = [];
    for (const [i, h] of households.entries()) {
      const started = new Date(Date.now() - (3 - i) * 3_600_000);
      const res = await worker1.post('/api/v1/visits', {
        form: 'routine',
        target: { type: 'household', householdId: h.id },
        startedAt: started.toISOString(),
        endedAt: new Date(started.getTime() + 20 * 60_000).toISOString(),
        notes: '入户走访，了解老人身体和用药情况。',
        services: ['policy_explained'],
      });
      expect(res.status).toBe(201);
      recorded.push(createdVisitSchema.parse(await res.json()).id);
    }

    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    await page.getByRole('menuitem', { name: '走访' }).click();
    await page.getByTestId('visits-title').waitFor();
    await page.getByText('抽查', { exact: true }).click();
    await page.getByTestId('spot-checks-title').waitFor();
    expect(new URL(page.url()).pathname).toBe('/visits/spot-checks');

    // Every visit of the last month in the street, with a seed of the leader's choosing.
    const from = cstDay(new Date(Date.now() - 30 * 86_400_000));
    const to = cstDay(new Date());
    await page.getByTestId('spot-check-draw').click();
    await typeDay(page.getByTestId('spot-check-from'), from);
    await typeDay(page.getByTestId('spot-check-to'), to);
    await page.getByTestId('spot-check-percent').fill('100');
    await page.getByTestId('spot-check-seed').fill('20261122');
    const drawn = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/spot-checks' && r.request().method() === 'POST',
    );
    await page.locator('#spot-check-draw-ok').click();
    const check = spotCheckDetailSchema.parse(await (await drawn).json());
    await page.getByTestId('spot-check-title').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/visits/spot-checks/${check.id}`);
    expect([check.from, check.to]).toEqual([from, to]);
    const sampled = check.items.map((i) => i.visitId);
    expect(sampled).toEqual(expect.arrayContaining(recorded));
    expect(await page.getByTestId('spot-check-progress').textContent()).toBe(`已核实 0 / ${check.sampled}`);

    // The same seed over the same visits draws the same sample.
    const leader = await ApiSession.signIn(origin, runAccounts(), 'leader');
    const again = spotCheckDetailSchema.parse(
      await (
        await leader.post('/api/v1/spot-checks', {
          regionId: check.regionId,
          from,
          to,
          percent: 100,
          seed: 20261122,
        })
      ).json(),
    );
    expect(again.items.map((i) => i.visitId)).toEqual(sampled);

    // Verify the first sampled visit: confirmed, with a note.
    await page.getByTestId('spot-check-verify').first().click();
    await page.getByTestId('spot-check-result-confirmed').click();
    await page.getByTestId('spot-check-note').fill('电话回访，住户确认走访属实。');
    const verified = page.waitForResponse((r) =>
      /^\/api\/v1\/spot-checks\/[^/]+\/items\/[^/]+$/.test(new URL(r.url()).pathname),
    );
    await page.locator('#spot-check-verify-ok').click();
    expect((await verified).status()).toBe(200);
    await page.getByText(`已核实 1 / ${check.sampled}`, { exact: true }).waitFor();
    expect(await page.getByTestId('spot-check-result').first().textContent()).toContain('属实');
    // A verified row offers to change its result rather than to verify it again.
    expect(await page.getByTestId('spot-check-verify').first().textContent()).toBe('修改核实结果');

    const stored = spotCheckDetailSchema.parse(
      await (await leader.get(`/api/v1/spot-checks/${check.id}`)).json(),
    );
    expect(stored).toMatchObject({ verified: 1, confirmed: 1 });
    expect(stored.items.find((i) => i.result === 'confirmed')?.note).toBe('电话回访，住户确认走访属实。');
  });

  it('lets the leader set a monthly visit quota for the street', async () => {
    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'leader');
    await page.goto('/visits/plans');
    await page.getByTestId('plans-title').waitFor();
    await page.getByTestId('rule-new').click();
    // The street (the leader's top node) is chosen already; a quota names role, target and count.
    await page.locator('.ant-modal').getByText('适用角色').waitFor();
    const save = page.locator('#rule-save');
    expect(await save.isDisabled()).toBe(true);
    const field = (label: string) => page.locator('.ant-modal .ant-form-item', { hasText: label });
    await chooseOption(field('适用角色').locator('.ant-select'), /^网格员$/);
    await chooseOption(field('对象').locator('.ant-select'), /^住户$/);
    await page.locator('.ant-modal .ant-form-item', { hasText: '次数' }).locator('input').fill('50');
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/visit-rules' && r.request().method() === 'POST',
    );
    await save.click();
    expect((await created).status()).toBe(201);
    await page.getByText('网格员每月走访住户 50 户次').first().waitFor();
  });
});
