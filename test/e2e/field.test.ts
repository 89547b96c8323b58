import { describe, expect, inject, it } from 'vitest';
import { fieldHouseholdListSchema } from '../../src/shared/domain/field-directory.ts';
import { syncResultSchema, visitDetailSchema, visitListSchema } from '../../src/shared/domain/visit.ts';
import { ApiSession } from './support/api.ts';
import { OFFLINE_CAPABLE_PHONE, registerBrowserSessions } from './support/browser.ts';
import { runAccounts, signIn, signOut } from './support/sign-in.ts';

const origin = inject('origin');
const sessions = registerBrowserSessions(origin);
const isPost = (pathname: RegExp) => (r: { url(): string; request(): { method(): string } }) =>
  r.request().method() === 'POST' && pathname.test(new URL(r.url()).pathname);

describe('the field app offline', () => {
  it('finds a household by building and room and by name, records a visit offline with two issues and a photo, syncs it when the network returns, a replay creates nothing twice, opens the case it raised and comes back; sign-out wipes the phone', async () => {
    const session = await sessions.open(OFFLINE_CAPABLE_PHONE);
    const { page, context } = session;
    // Before the service worker answers, a server without the visit-day service says 404 and the app falls back.
    session.allowApiError(404, '/api/v1/visit-days/next');
    await context.grantPermissions(['geolocation'], { origin });
    await context.setGeolocation({ latitude: 30.2154, longitude: 120.2713, accuracy: 15 });
    await signIn(page, 'worker1');
    const worker1 = await ApiSession.signIn(origin, runAccounts(), 'worker1');
    const me = await worker1.me();

    await page.goto('/field');
    await page.locator('[data-testid="field-visit-day"]:not([data-kept=""])').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('field-visit-day').getAttribute('data-count'))).toBeGreaterThan(0);
    // The app shell is precached before the network goes.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // A household beyond the visit-day list, whose member's name finds few households.
    const reach = fieldHouseholdListSchema.parse(
      await (await worker1.get('/api/v1/field/households?limit=100')).json(),
    );
    const visitDayIds = await page
      .getByTestId('field-target')
      .evaluateAll((links) => links.map((a) => a.getAttribute('data-id')));
    let household: (typeof reach.items)[number] | undefined;
    for (const h of reach.items.filter((h) => !visitDayIds.includes(h.id) && h.names.length > 0 && h.room)) {
      const byName = fieldHouseholdListSchema.parse(
        await (
          await worker1.get(`/api/v1/field/households?q=${encodeURIComponent(h.names[0] ?? '')}&limit=20`)
        ).json(),
      );
      if (byName.items.some((i) => i.id === h.id)) {
        household = h;
        break;
      }
    }
    if (!household) throw new Error('no household to find in reach');
    const householdId = household.id;
    const before = visitListSchema.parse(
      await (await worker1.get(`/api/v1/visits?householdId=${householdId}&limit=100`)).json(),
    ).total;

    // By estate → building → unit → room: the room number is shown whole.
    await page.getByTestId('field-tab-find').click();
    await page.getByTestId('field-find-browse').click();
    for (const value of [household.estate, household.building, household.unit]) {
      await page.locator(`[data-testid="field-place"][data-value="${value ?? ''}"]`).click();
    }
    await page.locator('[data-testid="field-browse"][data-level="room"]').waitFor();
    const room = page.locator(`[data-testid="field-household"][data-id="${householdId}"]`);
    expect(await room.textContent()).toContain(household.room ?? '');
    // Nothing in the row is clipped: every line (a flex item, so it has a box) fits it.
    const lines = await room.evaluate((row) =>
      [...row.querySelectorAll<HTMLElement>('.ant-typography')].map(
        (line) => line.scrollWidth - line.clientWidth,
      ),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((overflow) => overflow <= 1)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await room.click();
    await page.getByTestId('field-card').waitFor();
    // The card's way back returns to the same room list.
    await page.getByTestId('field-card-back').click();
    await page.locator('[data-testid="field-browse"][data-level="room"]').waitFor();

    // By name, from the search box.
    await page.getByTestId('field-find-search').click();
    await page
      .getByTestId('field-find')
      .locator('input.ant-input')
      .fill(household.names[0] ?? '');
    await page.getByTestId('field-find').locator('input.ant-input').press('Enter');
    await page.locator(`[data-testid="field-household"][data-id="${householdId}"]`).click();
    await page.getByTestId('field-card').waitFor();
    await page.getByTestId('field-start-visit').click();
    await page.getByTestId('field-visit-form').waitFor();
    await page.getByTestId('field-check-in').click();
    await page.getByTestId('field-check-in-done').waitFor();
    const jpeg = Buffer.from(
      (
        await page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 64;
          canvas.height = 48;
          const g = canvas.getContext('2d');
          if (g) {
            g.fillStyle = '#c8102e';
            g.fillRect(0, 0, 64, 48);
          }
          return canvas.toDataURL('image/jpeg', 0.9);
        })
      ).split(',')[1] ?? '',
      'base64',
    );

    // The network goes away in the middle of the visit.
    await context.setOffline(true);
    const syncCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/v1/visits')) syncCalls.push(request.url());
    });
    const marker = `e2e-field-${Date.now() % 1_000_000}`;
    await page.getByTestId('field-notes').fill(`走访了解情况 ${marker}`);
    // Aid delivered: an amount beside a ticked service (issue 12 §1).
    await page.getByRole('checkbox', { name: '帮扶送达' }).check();
    await page.getByTestId('field-aid-help_delivered').fill('200.5');
    await page.getByTestId('field-add-issue').click();
    await page.getByTestId('field-issue-0-title').fill(`路灯不亮 ${marker}`);
    await page.getByTestId('field-issue-0-description').fill('单元门口路灯坏了一周');
    await page.getByTestId('field-add-issue').click();
    await page.getByTestId('field-issue-1-title').fill(`楼道堆物 ${marker}`);
    await page.getByTestId('field-issue-1-description').fill('三楼楼道堆放纸箱');
    await page.getByTestId('field-issue-1-on-spot').click();
    await page.getByTestId('field-issue-1-resolution').fill('与住户一起当场清理');
    await page
      .getByTestId('field-photo-input')
      .setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByTestId('field-photo').first().waitFor();
    await page.getByTestId('field-save').click();

    const item = page.getByTestId('field-outbox-item').first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('queued');
    await page.locator('[data-testid="field-sync-banner"][data-phase="offline"]').waitFor();
    expect(syncCalls).toEqual([]);
    // The queued photo as the phone keeps it (the exact bytes and key its upload will send).
    const queuedPhoto = await page.evaluate(
      () =>
        new Promise<{ key: string; base64: string }>((resolve, reject) => {
          const open = indexedDB.open('minqing-field');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('photos').objectStore('photos').getAll();
            read.onerror = () => reject(read.error);
            read.onsuccess = async () => {
              const [photo] = read.result as { key: string; blob: Blob }[];
              if (!photo) return reject(new Error('no queued photo'));
              const bytes = new Uint8Array(await photo.blob.arrayBuffer());
              let text = '';
              for (const b of bytes) text += String.fromCharCode(b);
              open.result.close();
              resolve({ key: photo.key, base64: btoa(text) });
            };
          };
        }),
    );

    // The network returns: the app sends the visit, then its photo against the server's id.
    const synced = page.waitForResponse(isPost(/^\/api\/v1\/visits\/sync$/));
    const uploaded = page.waitForResponse(isPost(/^\/api\/v1\/visits\/[^/]+\/photos$/));
    await context.setOffline(false);
    const syncResponse = await synced;
    const result = syncResultSchema.parse(await syncResponse.json());
    expect(result.results.map((r) => r.status)).toEqual([201]);
    const sent = JSON.parse(syncResponse.request().postData() ?? '{}') as {
      visits: { visit: { services: string[]; aidAmounts?: Record<string, number> } }[];
    };
    expect(sent.visits[0]?.visit).toMatchObject({
      services: ['help_delivered'],
      aidAmounts: { help_delivered: 200.5 },
    });
    const visitId = result.results[0]?.visit?.id ?? '';
    expect(result.results[0]?.visit?.cases).toHaveLength(2);
    const photoResponse = await uploaded;
    expect(photoResponse.status()).toBe(201);
    expect(new URL(photoResponse.url()).pathname).toBe(`/api/v1/visits/${visitId}/photos`);
    await page
      .locator(`[data-testid="field-outbox-item"][data-status="synced"][data-visit-id="${visitId}"]`)
      .waitFor();

    // The same uploads again, byte for byte with the same keys (as after a lost answer).
    const photoRequest = photoResponse.request();
    const storedPhoto = (await photoResponse.json()) as { id: string };
    const photoBase64 = queuedPhoto.base64;
    const replay = await page.evaluate(
      async ({ syncBody, photoUrl, photoKey, photoType, photoBase64 }) => {
        const sync = await fetch('/api/v1/visits/sync', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: syncBody,
        });
        const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
        const photo = await fetch(photoUrl, {
          method: 'POST',
          headers: { 'content-type': photoType, 'idempotency-key': photoKey, accept: 'application/json' },
          body: bytes,
        });
        return {
          sync: { status: sync.status, body: await sync.json() },
          photo: { status: photo.status, body: await photo.json() },
        };
      },
      {
        syncBody: syncResponse.request().postData() ?? '',
        photoUrl: new URL(photoRequest.url()).pathname + new URL(photoRequest.url()).search,
        photoKey: photoRequest.headers()['idempotency-key'] ?? '',
        photoType: photoRequest.headers()['content-type'] ?? 'image/jpeg',
        photoBase64,
      },
    );
    expect(photoRequest.headers()['idempotency-key']).toBe(queuedPhoto.key);
    expect(replay.sync.status).toBe(200);
    const replayed = syncResultSchema.parse(replay.sync.body);
    expect(replayed.results.map((r) => [r.status, r.visit?.id])).toEqual([[200, visitId]]);
    expect(replay.photo.status).toBeLessThan(300);
    expect((replay.photo.body as { id: string }).id).toBe(storedPhoto.id);

    // The server holds exactly one visit, two cases (one closed on the spot) and one photo.
    const after = visitListSchema.parse(
      await (await worker1.get(`/api/v1/visits?householdId=${householdId}&limit=100`)).json(),
    );
    expect(after.total).toBe(before + 1);
    const detail = visitDetailSchema.parse(await (await worker1.get(`/api/v1/visits/${visitId}`)).json());
    expect(detail.recordedBy.id).toBe(me.id);
    expect(detail.checkIn).not.toBeNull();
    expect(detail.cases).toHaveLength(2);
    expect(detail.cases.filter((c) => c.onSpot).map((c) => c.state)).toEqual(['closed']);
    expect(detail.cases.filter((c) => !c.onSpot).map((c) => c.state)).not.toContain('closed');
    expect(detail.photos).toHaveLength(1);

    // The case the visit raised opens from the outbox, and its page leads back to the field app.
    const raised = detail.cases.find((c) => !c.onSpot);
    await page.locator(`[data-testid="field-outbox-case"][data-on-spot="false"]`).click();
    await page.getByTestId('case-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${raised?.id}`);
    await page.getByTestId('case-back').click();
    await page.getByTestId('field-my-cases').waitFor();

    // Signing out wipes the phone: no app database, no data cache.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain(
      'minqing-field',
    );
    await signOut(page, 'worker1');
    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      caches: await caches.keys(),
    }));
    expect(left.databases.filter((name) => name.startsWith('minqing'))).toEqual([]);
    expect(left.caches.filter((name) => !name.startsWith('workbox-precache'))).toEqual([]);
  }, 180_000);
});
