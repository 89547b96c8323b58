import { type Kysely, sql } from 'kysely';
import type { NamedCategory, NamedPlace } from '../../../shared/hotline/hotline-order.ts';
import type { DB } from '../../db/schema.ts';
import { inScope, type Scope } from '../auth/scope.ts';
import { categoriesInUse } from '../categories/categories.repository.ts';

/** The hotline's SQL: its orders, the names it routes by, the webhook's replay guard, push states. */
export function createHotlineRepository(db: Kysely<DB>) {
  return {
    async districtExists(districtCode: string): Promise<boolean> {
      const row = await db
        .selectFrom('region')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('level', '=', 'district')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** The case an order became, if it was taken in before. */
    async orderCase(districtCode: string, orderNumber: string) {
      return db
        .selectFrom('hotline_order as o')
        .innerJoin('case_record as c', (j) =>
          j.onRef('c.district_code', '=', 'o.district_code').onRef('c.id', '=', 'o.case_id'),
        )
        .select(['c.id', 'c.number'])
        .where('o.district_code', '=', districtCode)
        .where('o.order_number', '=', orderNumber)
        .executeTakeFirst();
    },

    /** Records the order; false when another request took the same order in first (nothing written). */
    async insertOrder(row: {
      district_code: string;
      order_number: string;
      case_id: string;
      source: 'import' | 'webhook';
      received_at: Date;
      deadline_at: Date | null;
      raw: Record<string, unknown>;
      created_at: Date;
    }): Promise<boolean> {
      const inserted = await db
        .insertInto('hotline_order')
        .values({ ...row, raw: JSON.stringify(row.raw) })
        .onConflict((oc) => oc.columns(['district_code', 'order_number']).doNothing())
        .returning('case_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    /** The district's root region: where an order whose address names no known place goes. */
    districtRoot(districtCode: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path'])
        .where('district_code', '=', districtCode)
        .where('level', '=', 'district')
        .executeTakeFirstOrThrow();
    },

    region(districtCode: string, id: string) {
      return db
        .selectFrom('region')
        .select(['id', 'path'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** The names an address may contain: streets, communities, grids, and estates (as their grid). */
    async places(districtCode: string): Promise<NamedPlace[]> {
      const regions = await db
        .selectFrom('region')
        .select(['id', 'path', 'name'])
        .where('district_code', '=', districtCode)
        .where('level', 'in', ['street', 'community', 'grid', 'micro_grid'])
        .execute();
      const estates = await db
        .selectFrom('estate as e')
        .innerJoin('region as g', (j) =>
          j.onRef('g.district_code', '=', 'e.district_code').onRef('g.id', '=', 'e.grid_id'),
        )
        .select(['g.id', 'g.path', 'e.name'])
        .where('e.district_code', '=', districtCode)
        .where('e.removed_at', 'is', null)
        .execute();
      return [...regions, ...estates].map((r) => ({ regionId: r.id, path: r.path, name: r.name }));
    },

    categories(districtCode: string): Promise<NamedCategory[]> {
      return categoriesInUse(db, districtCode).select(['c.id', 'c.name']).execute();
    },

    /**
     * Keeps a signature until `expiresAt`; false when it was seen already (a replay). Expired ones of
     * the district go first, so the table holds at most a window's worth of pushes.
     */
    async rememberSignature(districtCode: string, signature: string, now: Date, expiresAt: Date) {
      await db
        .deleteFrom('hotline_signature_seen')
        .where('district_code', '=', districtCode)
        .where('expires_at', '<', now)
        .execute();
      const row = await db
        .insertInto('hotline_signature_seen')
        .values({ district_code: districtCode, signature, seen_at: now, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['district_code', 'signature']).doNothing())
        .returning('signature')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * The newest orders whose cases lie in the scope, with each one's latest push-back message
     * (pending, delivered or given up).
     */
    listOrders(scope: Scope, limit: number) {
      return db
        .selectFrom('hotline_order as o')
        .innerJoin('case_record as c', (j) =>
          j.onRef('c.district_code', '=', 'o.district_code').onRef('c.id', '=', 'o.case_id'),
        )
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('outbox_message as m')
              .select(['m.id', 'm.delivered_at', 'm.failed_at', 'm.last_error'])
              .whereRef('m.district_code', '=', 'o.district_code')
              .whereRef('m.case_id', '=', 'o.case_id')
              .where('m.channel', '=', 'hotline')
              .orderBy('m.created_at', 'desc')
              .orderBy('m.id', 'desc')
              .limit(1)
              .as('p'),
          (j) => j.on(sql<boolean>`true`),
        )
        .select([
          'o.order_number',
          'o.source',
          'o.received_at',
          'o.deadline_at',
          'o.created_at',
          'c.id as case_id',
          'c.number as case_number',
          'c.state',
          'c.title',
          'p.delivered_at',
          'p.failed_at',
          'p.last_error',
          'p.id as push_id',
        ])
        .where((eb) => inScope(eb, 'c.region_path', 'c.district_code', scope))
        .orderBy('o.created_at', 'desc')
        .orderBy('o.order_number', 'desc')
        .limit(limit)
        .execute();
    },
  };
}

export type HotlineRepository = ReturnType<typeof createHotlineRepository>;
