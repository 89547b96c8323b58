import type { TestApp } from './app.ts';

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
