import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { enterpriseListSchema } from '../../src/shared/domain/enterprise.ts';
import { visitListSchema } from '../../src/shared/domain/visit.ts';
import { ApiSession } from './support/api.ts';
import { OFFLINE_CAPABLE_PHONE, registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn } from './support/sign-in.ts';

/**
 * The field app as a new user meets it on a phone: the first load, then the network gone; a
 * liaison's round; a visit recorded online with a photo. Each of these once went wrong.
 */
const origin = inject('origin');
const sessions = registerBrowserSessions(origin);

/** The visit-day list once the online load kept its cards for offline use. */
async function keptList(page: Page) {
  const list = page.locator('[data-testid="field-visit-day"]:not([data-kept=""])');
  await list.waitFor({ timeout: 60_000 });
  return list;
}

/** A small red JPEG made by the page's canvas, as a phone camera would hand one over. */
async function cameraJpeg(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext('2d');
    if (g) {
      g.fillStyle = '#c8102e';
      g.fillRect(0, 0, 64, 48);
    }
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

describe('the field app for a new user', () => {
  it('opens offline after its first load: the reload shows the kept visit-day list, not "cannot reach the server"', async () => {
    const session = await sessions.open(OFFLINE_CAPABLE_PHONE);
    const { page, context } = session;
    await signIn(page, 'worker2');
    await page.goto('/field');
    const online = await keptList(page);
    const shown = await page
      .getByTestId('field-target')
      .evaluateAll((links) => links.map((a) => a.getAttribute('data-id')));
    expect(shown.length).toBeGreaterThan(0);
    expect(Number(await online.getAttribute('data-kept'))).toBeGreaterThan(0);

    // The worker walks out of coverage and opens the app again.
    await context.setOffline(true);
    await page.reload();
    const offline = page.getByTestId('field-visit-day');
    await offline.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('field-offline-copy').count()).toBe(1);
    expect(
      await page
        .getByTestId('field-target')
        .evaluateAll((links) => links.map((a) => a.getAttribute('data-id'))),
    ).toEqual(shown);
    expect(await page.getByTestId('user-menu').count()).toBe(1);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    // A kept card opens offline too.
    await page.getByTestId('field-target').first().click();
    await page.getByTestId('field-card').waitFor();

    // What failed while offline failed for want of a network, which is what offline means.
    const kept = session.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e.text));
    session.consoleErrors.splice(0, session.consoleErrors.length, ...kept);
    await context.setOffline(false);
  }, 300_000);

  it('shows a liaison their enterprises, without asking for households they may not read', async () => {
    const session = await sessions.open(OFFLINE_CAPABLE_PHONE);
    const { page } = session;
    const forbidden: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 403) forbidden.push(new URL(response.url()).pathname);
    });
    await signIn(page, 'liaison');
    const liaison = await ApiSession.signIn(origin, runAccounts(), 'liaison');
    const mine = enterpriseListSchema.parse(
      await (await liaison.get('/api/v1/enterprises?liaison=me&limit=100')).json(),
    );
    expect(mine.items.length).toBeGreaterThan(0);

    await page.goto('/field');
    await keptList(page);
    const targets = await page
      .getByTestId('field-target')
      .evaluateAll((links) =>
        links.map((a) => ({ id: a.getAttribute('data-id'), type: a.getAttribute('data-type') })),
      );
    expect(targets.length).toBeGreaterThan(0);
    expect(new Set(targets.map((t) => t.type))).toEqual(new Set(['enterprise']));
    const ids = new Set(mine.items.map((e) => e.id));
    expect(targets.filter((t) => !ids.has(t.id ?? ''))).toEqual([]);
    expect(forbidden).toEqual([]);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);
    // Their enterprise's card opens.
    await page.getByTestId('field-target').first().click();
    await page.locator('[data-testid="field-card"][data-type="enterprise"]').waitFor();
  }, 300_000);

  it('records a visit online with a photo: the photo uploads once (no 409), the banner says all sent, and the list shows the visit', async () => {
    const session = await sessions.open(OFFLINE_CAPABLE_PHONE);
    const { page, context } = session;
    await context.grantPermissions(['geolocation'], { origin });
    await context.setGeolocation({ latitude: 30.2154, longitude: 120.2713, accuracy: 15 });
    const uploads: number[] = [];
    page.on('response', (response) => {
      if (
        response.request().method() === 'POST' &&
        /^\/api\/v1\/visits\/[^/]+\/photos$/.test(new URL(response.url()).pathname)
      )
        uploads.push(response.status());
    });
    await signIn(page, 'worker2');
    await page.goto('/field');
    await keptList(page);
    const target = page.getByTestId('field-target').first();
    const targetId = (await target.getAttribute('data-id')) ?? '';
    await target.click();
    await page.getByTestId('field-card').waitFor();
    const startedBefore = Date.now();
    await page.getByTestId('field-start-visit').click();
    await page.getByTestId('field-visit-form').waitFor();

    // The browser's own file control ("Choose Files") is not on the form; the button opens it.
    const input = page.getByTestId('field-photo-input');
    expect(await input.isVisible()).toBe(false);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('field-add-photo').click();
    await (await chooser).setFiles({
      name: 'gate.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraJpeg(page),
    });
    await page.getByTestId('field-photo').first().waitFor();

    await page.getByTestId('field-check-in').click();
    await page.getByTestId('field-check-in-done').waitFor();
    await page.getByTestId('field-notes').fill(`在线走访 ${Date.now() % 1_000_000}`);
    await page.getByTestId('field-save').click();

    await page
      .locator('[data-testid="field-outbox-item"][data-status="synced"]')
      .first()
      .waitFor({ timeout: 60_000 });
    const banner = page.locator('[data-testid="field-sync-banner"][data-phase="idle"][data-queued="0"]');
    await banner.waitFor({ timeout: 60_000 });
    expect(uploads).toEqual([201]);

    // Back on the round, the household is no longer "never visited": listed with its visit, or
    // moved behind the households not visited yet (a team's round puts those first).
    await page.getByTestId('field-tab-today').click();
    await page.waitForFunction(
      (id) => {
        const row = document.querySelector(`[data-testid="field-target"][data-id="${id}"]`);
        if (row) return (row.getAttribute('data-last-visit') ?? '') !== '';
        return (
          document.querySelector('[data-testid="field-visit-day"] [data-testid="field-target"]') !== null
        );
      },
      targetId,
      { timeout: 30_000 },
    );
    const worker2 = await ApiSession.signIn(origin, runAccounts(), 'worker2');
    const visits = visitListSchema.parse(
      await (await worker2.get(`/api/v1/visits?householdId=${targetId}&limit=100`)).json(),
    );
    expect(visits.items.some((v) => Date.parse(v.startedAt) >= startedBefore - 1_000)).toBe(true);
    // No upload after the first: nothing was left waiting.
    expect(uploads).toEqual([201]);
  }, 300_000);
});
