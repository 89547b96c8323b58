import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import type { Send } from './auth.ts';

/**
 * What an Open311 request needs to be filed at a grid of the demo: the grid boundary's centre (a
 * point there routes to the grid) and the code of the district's first active subcategory, a
 * service without required attributes.
 */
export async function open311Target(
  t: TestApp,
  grid: { id: string; district_code: string },
): Promise<{ point: { lat: number; lng: number }; serviceCode: string }> {
  const db = t.database.db;
  const point = await db
    .selectFrom('region_boundary')
    .select(['center_lat as lat', 'center_lng as lng'])
    .where('region_id', '=', grid.id)
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom('case_category')
    .select('code')
    .where('district_code', '=', grid.district_code)
    .where('active', '=', true)
    .where('parent_id', 'is not', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return { point, serviceCode: category.code };
}

/**
 * A client issued through the admin route (as `admin`, a sysadmin's cookie) and a form POST of a
 * request by it at the grid's point, sent to `app` (the test app or a second server).
 */
export async function open311Client(
  t: TestApp,
  send: Send,
  admin: string,
  grid: { id: string; district_code: string },
  app: FastifyInstance,
): Promise<{ id: string; request: (fields?: Record<string, string>) => Promise<LightMyRequestResponse> }> {
  const issued = await send('POST', '/api/v1/admin/open311-clients', { name: '市民通 App' }, admin);
  expect(issued.status).toBe(201);
  const { apiKey, id } = issued.json() as { apiKey: string; id: string };
  const { point, serviceCode } = await open311Target(t, grid);
  const request = (fields: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: serviceCode,
        lat: String(point.lat),
        long: String(point.lng),
        description: '路灯不亮，晚上很黑。',
        ...fields,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
  return { id, request };
}
