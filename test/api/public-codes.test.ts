import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePublicCode } from '../../src/server/modules/public-codes/resolve-public-code.ts';
import { createUser } from '../../src/server/modules/users/create-user.ts';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-accounts.ts';
import type { Estate, PosterSheet, RetireCodeResult } from '../../src/shared/domain/public-codes.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { demoGrants, gridsBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * Estates and buildings under grids, the public codes of grids and estates, their QR codes and
 * posters, retiring and replacing a code, and the public lookup a scan makes (issue 15 §1).
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let admin: string;
let streetAdmin: string;
let worker: string;
let gridA: { id: string; path: string };
let gridB: { id: string; path: string };
let communityA: { id: string; path: string };

const lookup = (code: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/codes/${encodeURIComponent(code)}` });

beforeAll(async () => {
  t = await createTestApp({ MINQING_PUBLIC_ORIGIN: 'https://report.example.org' });
  demo = await seedSmallDemo(t, 20);
  const grants = await demoGrants(t);
  const w1 = grants.find((g) => g.username === 'worker1');
  const w2 = grants.find((g) => g.username === 'worker2');
  if (!w1?.path || !w2?.path || !w1.region_id) throw new Error('demo workers without communities');
  communityA = { id: w1.region_id, path: w1.path };
  gridA = (await gridsBelow(t, w1.path))[0] as typeof gridA;
  gridB = (await gridsBelow(t, w2.path))[0] as typeof gridB;
  // A system administrator for community A only: region editing within a scope.
  await createUser(t.database.db, {
    districtCode: w1.district_code,
    username: 'community.admin',
    displayName: '社区管理员',
    password: DEMO_PASSWORD,
    mustChangePassword: false,
    grants: [{ role: 'sysadmin', scopeRegionId: communityA.id }],
    actor: { districtCode: w1.district_code, username: 'cli', sourceIp: null },
  });
  admin = await demo.signIn('sysadmin');
  streetAdmin = await demo.signIn('community.admin');
  worker = await demo.signIn('worker1');
});
afterAll(async () => t.close());

describe('estates and buildings', () => {
  it('are kept under a grid by region editors, within their scope', async () => {
    const created = await demo.send(
      'POST',
      `/api/v1/regions/${gridA.id}/estates`,
      { name: ' 阳光小区 ', address: '文一路 1 号' },
      streetAdmin,
    );
    expect(created.status).toBe(201);
    const estate = created.json() as Estate;
    expect(estate).toMatchObject({ name: '阳光小区', gridId: gridA.id, buildings: [], code: null });

    const dup = await demo.send('POST', `/api/v1/regions/${gridA.id}/estates`, { name: '阳光小区' }, admin);
    expect(dup.status).toBe(409);
    // Out of scope: 404; without region editing: 403; a community is no grid: 422.
    expect(
      (await demo.send('POST', `/api/v1/regions/${gridB.id}/estates`, { name: 'B' }, streetAdmin)).status,
    ).toBe(404);
    expect(
      (await demo.send('POST', `/api/v1/regions/${gridA.id}/estates`, { name: 'W' }, worker)).status,
    ).toBe(403);
    expect(
      (await demo.send('POST', `/api/v1/regions/${communityA.id}/estates`, { name: 'C' }, admin)).status,
    ).toBe(422);

    const b1 = await demo.send(
      'POST',
      `/api/v1/estates/${estate.id}/buildings`,
      { name: '1幢' },
      streetAdmin,
    );
    expect(b1.status).toBe(201);
    const b2 = await demo.send(
      'POST',
      `/api/v1/estates/${estate.id}/buildings`,
      { name: '2幢' },
      streetAdmin,
    );
    const building2 = b2.json() as { id: string };
    expect(
      (await demo.send('POST', `/api/v1/estates/${estate.id}/buildings`, { name: '1幢' }, admin)).status,
    ).toBe(409);
    expect(
      (await demo.send('PATCH', `/api/v1/buildings/${building2.id}`, { name: '3幢' }, admin)).status,
    ).toBe(200);
    expect(
      (await demo.send('DELETE', `/api/v1/buildings/${(b1.json() as { id: string }).id}`, {}, admin)).status,
    ).toBe(204);
    const renamed = await demo.send(
      'PATCH',
      `/api/v1/estates/${estate.id}`,
      { name: '阳光花园', address: null },
      admin,
    );
    expect(renamed.json()).toMatchObject({ name: '阳光花园', address: null, buildings: [{ name: '3幢' }] });

    // Read with regions:read: the grid's list, and the community's (every grid's).
    const ofGrid = await demo.send('GET', `/api/v1/regions/${gridA.id}/estates`, undefined, worker);
    expect(ofGrid.status).toBe(200);
    expect((ofGrid.json() as { items: Estate[] }).items.map((e) => e.name)).toEqual(['阳光花园']);
    const ofCommunity = await demo.send('GET', `/api/v1/regions/${communityA.id}/estates`, undefined, admin);
    expect((ofCommunity.json() as { items: Estate[] }).items).toHaveLength(1);
    expect((await demo.send('GET', `/api/v1/regions/${gridB.id}/estates`, undefined, worker)).status).toBe(
      404,
    );

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', estate.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'building.created',
        'building.created',
        'building.removed',
        'building.updated',
        'estate.created',
        'estate.updated',
      ].sort(),
    );
  });
});

describe('public codes', () => {
  let sheet: PosterSheet;

  it('are issued when the posters are first drawn, stable afterwards, with the hotline', async () => {
    const hotline = await demo.send('PUT', '/api/v1/public-codes/hotline', { hotline: '0571-12345' }, admin);
    expect(hotline.status).toBe(200);
    // The community admin is no district-wide editor.
    expect(
      (await demo.send('PUT', '/api/v1/public-codes/hotline', { hotline: '1' }, streetAdmin)).status,
    ).toBe(403);
    const first = await demo.send('GET', `/api/v1/regions/${gridA.id}/posters`, undefined, streetAdmin);
    expect(first.status).toBe(200);
    sheet = first.json() as PosterSheet;
    expect(sheet.posters.map((p) => p.kind)).toEqual(['grid', 'estate']);
    const [gridPoster, estatePoster] = sheet.posters as [
      PosterSheet['posters'][0],
      PosterSheet['posters'][0],
    ];
    expect(gridPoster.code).toMatch(/^\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(gridPoster.url).toBe(`https://report.example.org/q/${gridPoster.code}`);
    expect(gridPoster.qrDataUrl.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(gridPoster.hotline).toBe('0571-12345');
    expect(gridPoster.names.street).not.toBe('');
    expect(estatePoster.names.estate).toBe('阳光花园');
    expect(estatePoster.code).not.toBe(gridPoster.code);

    const again = (
      await demo.send('GET', `/api/v1/regions/${communityA.id}/posters`, undefined, admin)
    ).json() as PosterSheet;
    expect(again.posters.length).toBe((await gridsBelow(t, communityA.path)).length + 1);
    expect(again.posters.slice(0, 2).map((p) => p.code)).toEqual([gridPoster.code, estatePoster.code]);
    const issued = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'public_code.issued')
      .execute();
    expect(issued).toHaveLength(again.posters.length);

    const qr = await demo.send('GET', `/api/v1/public-codes/${gridPoster.code}/qr.svg`, undefined, admin);
    expect(qr.status).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.text()).toContain('<svg');
    expect(
      (await demo.send('GET', `/api/v1/regions/${gridB.id}/posters`, undefined, streetAdmin)).status,
    ).toBe(404);
    expect((await demo.send('GET', `/api/v1/regions/${gridA.id}/posters`, undefined, worker)).status).toBe(
      403,
    );
  });

  it('resolve publicly to the place, the hotline, and as the contract says', async () => {
    const [gridPoster, estatePoster] = sheet.posters as [
      PosterSheet['posters'][0],
      PosterSheet['posters'][0],
    ];
    const res = await lookup(gridPoster.code.toLowerCase().replace(/0/g, 'o'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      code: gridPoster.code,
      regionId: gridA.id,
      estateId: null,
      names: gridPoster.names,
      hotline: '0571-12345',
    });
    const ofEstate = (await lookup(estatePoster.code)).json() as { regionId: string; estateId: string };
    expect(ofEstate).toMatchObject({ regionId: gridA.id, estateId: estatePoster.estateId });
    const resolved = await resolvePublicCode(t.database.db, estatePoster.code);
    expect(resolved).toMatchObject({
      districtCode: estatePoster.code.slice(0, 6),
      retiredAt: null,
      replacedBy: null,
    });

    const unknown = await lookup(`${gridPoster.code.slice(0, 7)}ZZZZZZZZ`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PUBLIC_CODE_NOT_FOUND' });
    for (const bad of [
      'x',
      '%E4%B8%AD',
      'A'.repeat(40),
      "330109-' or 1=1",
      '999999-AAAAAAAA',
      '330109-UUUUUUUU',
    ]) {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/public/codes/${bad}` });
      expect(r.statusCode, bad).toBe(404);
    }
    expect(await resolvePublicCode(t.database.db, 'nonsense')).toBeNull();
  });

  it('are retired and replaced; the old one answers 410 with its replacement', async () => {
    const [gridPoster, estatePoster] = sheet.posters as [
      PosterSheet['posters'][0],
      PosterSheet['posters'][0],
    ];
    expect(
      (await demo.send('POST', `/api/v1/public-codes/${gridPoster.code}/retire`, { replace: true }, worker))
        .status,
    ).toBe(403);
    const retired = await demo.send(
      'POST',
      `/api/v1/public-codes/${gridPoster.code}/retire`,
      { replace: true },
      streetAdmin,
    );
    expect(retired.status).toBe(200);
    const result = retired.json() as RetireCodeResult;
    expect(result.retired).toBe(gridPoster.code);
    const replacement = result.replacedBy?.code as string;
    expect(replacement).not.toBe(gridPoster.code);
    const old = await lookup(gridPoster.code);
    expect(old.statusCode).toBe(410);
    expect(old.json()).toMatchObject({ code: 'PUBLIC_CODE_RETIRED', details: { replacedBy: replacement } });
    expect((await lookup(replacement)).json()).toMatchObject({ regionId: gridA.id, estateId: null });
    expect(
      (await demo.send('POST', `/api/v1/public-codes/${gridPoster.code}/retire`, { replace: false }, admin))
        .status,
    ).toBe(409);
    // The next sheet prints the new code.
    const next = (
      await demo.send('GET', `/api/v1/regions/${gridA.id}/posters`, undefined, admin)
    ).json() as PosterSheet;
    expect(next.posters[0]?.code).toBe(replacement);

    // Removing an estate retires its code with no replacement.
    expect((await demo.send('DELETE', `/api/v1/estates/${estatePoster.estateId}`, {}, admin)).status).toBe(
      204,
    );
    const gone = await lookup(estatePoster.code);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ details: { replacedBy: null } });
    expect(
      (await demo.send('PATCH', `/api/v1/estates/${estatePoster.estateId}`, { name: 'x' }, admin)).status,
    ).toBe(404);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'in', ['public_code.retired', 'estate.removed'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['estate.removed', 'public_code.retired']);
  });
});
