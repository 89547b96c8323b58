import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from '../support/app.ts';

/**
 * Visits written straight into the diary tables (one per household of the grid, round-robin),
 * so spot-check and mentoring tests do not depend on the visit form's rules.
 */
export async function insertVisits(
  t: TestApp,
  options: { gridPath: string; visitorIds: string[]; startedAt: Date; count: number },
): Promise<string[]> {
  const db = t.database.db;
  const grid = await db
    .selectFrom('region')
    .select(['id', 'district_code'])
    .where('path', '=', options.gridPath)
    .executeTakeFirstOrThrow();
  const households = await db
    .selectFrom('household')
    .select('id')
    .where('region_path', '=', options.gridPath)
    .orderBy('code')
    .execute();
  const ids: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = uuidv7();
    const started = new Date(options.startedAt.getTime() + i * 60_000);
    const household = households.length > 0 ? households[i % households.length]?.id : undefined;
    await db
      .insertInto('visit')
      .values({
        district_code: grid.district_code,
        id,
        form: 'routine',
        target_type: household ? 'household' : 'collection_point',
        household_id: household ?? null,
        enterprise_id: null,
        region_id: grid.id,
        region_path: options.gridPath,
        place_name: household ? null : '社区广场',
        attendance: household ? null : 10,
        started_at: started,
        ended_at: new Date(started.getTime() + 30 * 60_000),
        is_night: false,
        latitude: null,
        longitude: null,
        distance_m: null,
        notes: '入户走访，了解家庭近况。',
        key_record_id: null,
        recorded_by: options.visitorIds[0] as string,
      })
      .execute();
    for (const userId of options.visitorIds) {
      await db
        .insertInto('visit_visitor')
        .values({ district_code: grid.district_code, visit_id: id, user_id: userId, started_at: started })
        .execute();
    }
    ids.push(id);
  }
  return ids;
}
