import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { PersonalKind } from '../../../shared/domain/transfer.ts';
import type { DB, ExportRequestStatus } from '../../db/schema.ts';
import { inScope, inSubtree, onSameDistrict, type Scope } from '../auth/scope.ts';

/** SQL of the approval records and of the regions an export names; the rows: export-rows.repository.ts. */

/** What an export covers: subtrees of one district (a region, or the caller's scope roots). */
export interface ExportFilter {
  districtCode: string;
  paths: string[];
  /** Households or enterprises carrying this tag only (a list's tag filter). */
  tag?: string;
}

export interface ExportRequestRow {
  id: string;
  subject: PersonalKind;
  region_id: string;
  region_name: string;
  region_path: string;
  reason: string;
  status: ExportRequestStatus;
  requested_by: string;
  requester_name: string;
  requested_at: Date;
  decider_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  expires_at: Date | null;
  used_at: Date | null;
}

// biome-ignore lint/suspicious/noExplicitAny: the fragment works on any table with a path column.
export function underAny(eb: ExpressionBuilder<any, any>, column: string, paths: string[]) {
  return eb.or(paths.map((p) => inSubtree(eb, column, p)));
}

export function createExportsRepository(db: Kysely<DB>) {
  const requests = () =>
    db
      .selectFrom('export_request as x')
      .innerJoin('region as r', onSameDistrict('r.id', 'x.region_id'))
      .innerJoin('app_user as u', onSameDistrict('u.id', 'x.requested_by'))
      .leftJoin('app_user as d', onSameDistrict('d.id', 'x.decided_by'))
      .select([
        'x.id',
        'x.subject',
        'x.region_id',
        'r.name as region_name',
        'r.path as region_path',
        'x.reason',
        'x.status',
        'x.requested_by',
        'u.display_name as requester_name',
        'x.requested_at',
        'd.display_name as decider_name',
        'x.decided_at',
        'x.decision_note',
        'x.expires_at',
        'x.used_at',
      ]);

  return {
    /** A region of the scope with what an export names it by. */
    findRegionInScope(scope: Scope, id: string) {
      return db
        .selectFrom('region as r')
        .select(['r.id', 'r.code', 'r.name', 'r.path'])
        .where('r.id', '=', id)
        .where((eb) => inScope(eb, 'r.path', 'r.district_code', scope))
        .executeTakeFirst();
    },

    /** A district's root node: the one named, or the first in the database (the CLI's default). */
    findDistrict(code?: string) {
      let query = db
        .selectFrom('region')
        .select(['id', 'code', 'name', 'path', 'district_code'])
        .where('level', '=', 'district');
      if (code !== undefined) query = query.where('district_code', '=', code);
      return query.orderBy('district_code').executeTakeFirst();
    },

    findRegionByCode(districtCode: string, code: string) {
      return db
        .selectFrom('region')
        .select(['id', 'code', 'name', 'path'])
        .where('district_code', '=', districtCode)
        .where('code', '=', code)
        .executeTakeFirst();
    },

    /** The nodes at these paths (the scope's roots), to name a whole-scope export. */
    regionsAtPaths(districtCode: string, paths: string[]) {
      if (paths.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('region')
        .select(['id', 'code', 'name', 'path'])
        .where('district_code', '=', districtCode)
        .where('path', 'in', paths)
        .orderBy('path')
        .execute();
    },

    async insertRequest(row: {
      district_code: string;
      id: string;
      subject: PersonalKind;
      region_id: string;
      reason: string;
      requested_by: string;
    }): Promise<void> {
      await db.insertInto('export_request').values(row).execute();
    },

    findRequest(districtCode: string, id: string): Promise<ExportRequestRow | undefined> {
      return requests()
        .where('x.district_code', '=', districtCode)
        .where('x.id', '=', id)
        .executeTakeFirst() as Promise<ExportRequestRow | undefined>;
    },

    /** The requester's own requests, newest first. */
    listOwn(districtCode: string, userId: string, limit: number): Promise<ExportRequestRow[]> {
      return requests()
        .where('x.district_code', '=', districtCode)
        .where('x.requested_by', '=', userId)
        .orderBy('x.requested_at', 'desc')
        .orderBy('x.id', 'desc')
        .limit(limit)
        .execute() as Promise<ExportRequestRow[]>;
    },

    /** Requests for regions of the scope, pending ones first, then newest first. */
    listForReview(scope: Scope, limit: number): Promise<ExportRequestRow[]> {
      return requests()
        .where((eb) => inScope(eb, 'r.path', 'x.district_code', scope))
        .orderBy(sql`case when x.status = 'pending' then 0 else 1 end`)
        .orderBy('x.requested_at', 'desc')
        .orderBy('x.id', 'desc')
        .limit(limit)
        .execute() as Promise<ExportRequestRow[]>;
    },

    /** Decides a pending request; false when it was no longer pending (someone decided first). */
    async decide(
      districtCode: string,
      id: string,
      decision: {
        status: 'approved' | 'refused';
        decidedBy: string;
        note: string | null;
        validHours: number;
      },
    ): Promise<boolean> {
      const result = await db
        .updateTable('export_request')
        .set({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: sql<Date>`now()`,
          decision_note: decision.note,
          expires_at:
            decision.status === 'approved'
              ? sql<Date>`now() + make_interval(hours => ${decision.validHours}::int)`
              : null,
        })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Uses an approval once: only the requester's own, approved and unexpired request turns
     * `used`; false otherwise (so two downloads racing for one approval cannot both win).
     */
    async consume(districtCode: string, id: string, userId: string): Promise<boolean> {
      const result = await db
        .updateTable('export_request')
        .set({ status: 'used', used_at: sql<Date>`now()` })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .where('requested_by', '=', userId)
        .where('status', '=', 'approved')
        .where('expires_at', '>', sql<Date>`now()`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Personal exports the user made in the last `hours`, and the seconds until the oldest of them
     * leaves the window (when the next one is allowed once the limit is reached).
     */
    async usedSince(
      districtCode: string,
      userId: string,
      hours: number,
    ): Promise<{ count: number; secondsUntilFree: number }> {
      const row = await db
        .selectFrom('export_request')
        .select([
          (eb) => eb.fn.countAll<number>().as('n'),
          sql<number>`ceil(extract(epoch from (min(used_at) + make_interval(hours => ${hours}::int) - now())))`.as(
            'wait',
          ),
        ])
        .where('district_code', '=', districtCode)
        .where('requested_by', '=', userId)
        .where('used_at', '>', sql<Date>`now() - make_interval(hours => ${hours}::int)`)
        .executeTakeFirst();
      return { count: Number(row?.n ?? 0), secondsUntilFree: Math.max(1, Number(row?.wait ?? 1)) };
    },

    /** Serialises one user's personal exports, so the daily limit holds under concurrent downloads. */
    async lockUser(districtCode: string, userId: string): Promise<void> {
      await db
        .selectFrom('app_user')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('id', '=', userId)
        .forUpdate()
        .execute();
    },
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
