import { describe, expect, inject, it } from 'vitest';
import { promotedOpinionSchema } from '../../src/shared/domain/opinion.ts';
import { ApiSession } from './support/api.ts';
import { registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

describe('opinions (意见建议)', () => {
  it('lists an opinion heard on a visit and turns it into a case once', async () => {
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const [household] = (await worker1.households({ limit: '1' })).items;
    const text = `希望小区增设电动车充电桩 ${Date.now()}`;
    const started = new Date(Date.now() - 3_600_000);
    const res = await worker1.post('/api/v1/visits', {
      form: 'routine',
      target: { type: 'household', householdId: household?.id },
      startedAt: started.toISOString(),
      endedAt: new Date(started.getTime() + 20 * 60_000).toISOString(),
      notes: '入户走访，听取意见。',
      opinions: [{ text }],
    });
    expect(res.status).toBe(201);

    const session = await sessions.open();
    const { page } = session;
    await signIn(page, 'worker1');
    await page.getByRole('menuitem', { name: '走访' }).click();
    await page.getByTestId('visits-title').waitFor();
    await page.getByText('意见建议', { exact: true }).click();
    await page.getByTestId('opinions-title').waitFor();
    expect(new URL(page.url()).pathname).toBe('/visits/opinions');
    const row = page.locator('tr', { hasText: text });
    await row.waitFor();
    const promoted = page.waitForResponse(
      (r) => new URL(r.url()).pathname.endsWith('/promote') && r.request().method() === 'POST',
    );
    await row.getByTestId('opinion-promote').click();
    const done = promotedOpinionSchema.parse(await (await promoted).json());
    // The list reloads with the case's number in place of the button.
    await row.getByText(done.caseNumber).waitFor();
    expect(await row.getByTestId('opinion-promote').count()).toBe(0);
  });
});
