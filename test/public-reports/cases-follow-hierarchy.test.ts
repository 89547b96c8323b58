import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseScopeFor, onSameDistrict } from '../../src/server/modules/auth/scope.ts';
import { createCaseRepository } from '../../src/server/modules/cases/cases.repository.ts';
import { act, newCase, principalOf } from '../attachments/cases.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { gridsBelow, seedSmallDemo } from '../support/demo.ts';

/**
 * Cases keep to the hierarchy: moving a grid carries its cases (where they happened and where they
 * are handled) in the same transaction, and a region any case names cannot be deleted.
 */
let t: TestApp;
let demo: Awaited<ReturnType<typeof seedSmallDemo>>;
let sysadmin: string;
let communityA: { id: string; path: string };
let communityB: { id: string; path: string };

const pathOf = async (username: string) =>
  t.database.db
    .selectFrom('role_grant as g')
    .innerJoin('app_user as u', onSameDistrict('u.id', 'g.user_id'))
    .innerJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
    .select(['r.id', 'r.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();

const caseRow = (id: string) =>
  t.database.db
    .selectFrom('case_record')
    .select(['region_path', 'unit_region_path', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const reaches = async (username: string, id: string) =>
  (await createCaseRepository(t.database.db).findInScope(
    caseScopeFor(await principalOf(t.database.db, username)),
    id,
  )) !== undefined;

beforeAll(async () => {
  t = await createTestApp({ MINQING_RATE_LIMIT_PER_MINUTE: '100000' });
  demo = await seedSmallDemo(t, 20);
  sysadmin = await demo.signIn('sysadmin');
  communityA = await pathOf('worker1');
  communityB = await pathOf('worker2');
});
afterAll(async () => t.close());

describe('cases and the hierarchy', () => {
  it('moving a grid rewrites its cases’ paths (place and handling unit) and their scope follows', async () => {
    const [grid, otherGrid] = await gridsBelow(t, communityA.path);
    if (!grid || !otherGrid) throw new Error('community A needs two grids');
    const db = t.database.db;
    const cipher = t.app.ctx.cipher;
    // One case that happened in the grid; one elsewhere in A, dispatched to the grid to handle.
    const here = await newCase(db, cipher, 'worker1', grid.id, '井盖缺失');
    const elsewhere = await newCase(db, cipher, 'worker1', otherGrid.id, '违章停车');
    const accepted = await act(db, cipher, 'dispatcher', elsewhere, 'accept', {});
    await act(db, cipher, 'dispatcher', accepted, 'dispatch', { unit: { regionId: grid.id } });
    const untouched = await caseRow(elsewhere.id);
    expect(untouched.unit_region_path).toBe(grid.path);

    const res = await demo.send(
      'POST',
      `/api/v1/regions/${grid.id}/move`,
      { parentId: communityB.id },
      sysadmin,
    );
    expect(res.status).toBe(200);
    const newPath = `${communityB.path}.${grid.code}`;

    expect((await caseRow(here.id)).region_path).toBe(newPath);
    const moved = await caseRow(elsewhere.id);
    expect(moved.region_path).toBe(otherGrid.path);
    expect(moved.unit_region_path).toBe(newPath);
    // A move is not a change of the case: its version stays.
    expect(moved.version).toBe(untouched.version);
    const audit = await db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'region.moved')
      .where('object_id', '=', grid.id)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ counts: { cases: 1 } });

    // worker2 (community B) now reaches the case that happened in the grid; worker1 no longer does.
    expect(await reaches('worker2', here.id)).toBe(true);
    expect(await reaches('worker1', here.id)).toBe(false);
    // The dispatched case is reached by both: it happened in A and is handled in B.
    expect(await reaches('worker1', elsewhere.id)).toBe(true);
    expect(await reaches('worker2', elsewhere.id)).toBe(true);

    // Moving back restores every path.
    const back = await demo.send(
      'POST',
      `/api/v1/regions/${grid.id}/move`,
      { parentId: communityA.id },
      sysadmin,
    );
    expect(back.status).toBe(200);
    expect((await caseRow(here.id)).region_path).toBe(grid.path);
    expect((await caseRow(elsewhere.id)).unit_region_path).toBe(grid.path);
  });

  it('refuses to delete a region a case names, as the place or as the handling unit (409)', async () => {
    const db = t.database.db;
    const cipher = t.app.ctx.cipher;
    const [grid] = await gridsBelow(t, communityB.path);
    if (!grid) throw new Error('no grid in B');
    const create = async (parentId: string, code: string) => {
      const res = await demo.send(
        'POST',
        '/api/v1/regions',
        { parentId, code, name: `网格${code}` },
        sysadmin,
      );
      expect(res.status).toBe(201);
      return (res.json() as { id: string }).id;
    };
    // An empty micro-grid and a new grid, each then named by one case only.
    const place = await create(grid.id, `${grid.code}-MC1`);
    const unitGrid = await create(communityB.id, `${communityB.path.split('.').at(-1)}-GC1`);
    await newCase(db, cipher, 'worker2', place, '占道经营');
    const c = await newCase(db, cipher, 'worker2', grid.id, '噪音扰民');
    const accepted = await act(db, cipher, 'dispatcher', c, 'accept', {});
    await act(db, cipher, 'dispatcher', accepted, 'dispatch', { unit: { regionId: unitGrid } });

    for (const id of [place, unitGrid]) {
      const res = await demo.send('DELETE', `/api/v1/regions/${id}`, undefined, sysadmin);
      expect(res.status).toBe(409);
      expect(JSON.stringify(res.json())).toContain('1 cases');
    }
    // The tree marks both as referenced, so the UI does not offer the delete.
    const listed = (
      await demo.send('GET', `/api/v1/regions?parentId=${communityB.id}`, undefined, sysadmin)
    ).json() as {
      items: { id: string; actions: string[] }[];
    };
    expect(listed.items.find((n) => n.id === unitGrid)?.actions ?? []).not.toContain('delete');
    // Nothing was deleted.
    const still = await db.selectFrom('region').select('id').where('id', 'in', [place, unitGrid]).execute();
    expect(still).toHaveLength(2);
  });
});
