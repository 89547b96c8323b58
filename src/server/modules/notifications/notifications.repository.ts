import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, OutboxMessageTable } from '../../db/schema.ts';
import { type WriteBatch, writeOrHold } from '../../db/write-batch.ts';
import { atOrAbove } from '../auth/scope.ts';

export interface GrantHolder {
  userId: string;
  /** The path the grant stands on: its region's, or the district code for a district-wide grant. */
  scopePath: string;
}

/** Who must hear of a case change (active accounts by grant), the outbox, and in-app notifications. */
export function createNotificationRepository(db: Kysely<DB>) {
  return {
    /** Active users holding a region grant of one of `roles` whose scope holds `path`. */
    async regionGrantHolders(
      districtCode: string,
      roles: readonly string[],
      path: string,
    ): Promise<GrantHolder[]> {
      const rows = await db
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
        )
        .leftJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select(['g.user_id', 'r.path'])
        .where('g.district_code', '=', districtCode)
        .where('g.role', 'in', roles)
        .where('g.scope_department_id', 'is', null)
        .where('u.active', '=', true)
        .where((eb) => eb.or([eb('g.scope_region_id', 'is', null), atOrAbove(eb, 'r.path', path)]))
        .execute();
      return rows.map((r) => ({ userId: r.user_id, scopePath: r.path ?? districtCode }));
    },

    /** Active department handlers of these departments. */
    async departmentHandlers(districtCode: string, departmentIds: readonly string[]): Promise<string[]> {
      if (departmentIds.length === 0) return [];
      const rows = await db
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
        )
        .select('g.user_id')
        .where('g.district_code', '=', districtCode)
        .where('g.role', '=', 'dept_handler')
        .where('g.scope_department_id', 'in', departmentIds)
        .where('u.active', '=', true)
        .execute();
      return rows.map((r) => r.user_id);
    },

    /**
     * The departments a whistle summoned at `at`, the time of its change, which its tasks carry
     * as their `created_at` (whistle-actions.ts): tasks of an earlier whistle are not summoned
     * again. Not the database's now(): on Citus the coordinator and the worker each have their own.
     */
    async departmentsSummonedNow(districtCode: string, caseId: string, at: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('case_task')
        .select('department_id')
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('done_at', 'is', null)
        .where('created_at', '=', at)
        .execute();
      return rows.map((r) => r.department_id);
    },

    /** The detail of one event on a case's timeline (by its sequence number, the version it made). */
    async eventDetail(districtCode: string, caseId: string, seq: number) {
      const row = await db
        .selectFrom('case_event')
        .select('detail')
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row?.detail as Record<string, unknown> | undefined;
    },

    /** The 12345 order a hotline case came from (its replies are pushed back under that number). */
    async hotlineOrderNumber(districtCode: string, caseId: string): Promise<string | null> {
      const row = await db
        .selectFrom('hotline_order')
        .select('order_number')
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return row?.order_number ?? null;
    },

    async insertOutbox(rows: Insertable<OutboxMessageTable>[], batch?: WriteBatch): Promise<void> {
      if (rows.length === 0) return;
      await writeOrHold(batch, db.insertInto('outbox_message').values(rows));
    },

    async insertNotification(row: {
      district_code: string;
      id: string;
      user_id: string;
      topic: string;
      case_id: string | null;
      params: Record<string, unknown>;
      created_at: Date;
    }): Promise<void> {
      await db
        .insertInto('notification')
        .values({ ...row, params: JSON.stringify(row.params) })
        .execute();
    },

    /** A user's notifications, newest first (ids are UUIDv7, so id order is creation order). */
    listFor(
      districtCode: string,
      userId: string,
      options: { after?: string; limit: number; unreadOnly: boolean },
    ) {
      let q = db
        .selectFrom('notification')
        .select(['id', 'topic', 'case_id', 'params', 'created_at', 'read_at'])
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId);
      if (options.after) q = q.where('id', '<', options.after);
      if (options.unreadOnly) q = q.where('read_at', 'is', null);
      return q
        .orderBy('id', 'desc')
        .limit(options.limit + 1)
        .execute();
    },

    async unreadCount(districtCode: string, userId: string): Promise<number> {
      const row = await db
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Marks one of the user's own notifications read (the first reading counts); false if not theirs. */
    async markRead(districtCode: string, userId: string, id: string, at: Date) {
      const row = await db
        .updateTable('notification')
        .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
        .where('district_code', '=', districtCode)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .returning(['id', 'topic', 'case_id', 'params', 'created_at', 'read_at'])
        .executeTakeFirst();
      return row;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
