import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  sql,
} from 'kysely';
import { LIST_TOTAL_CAP } from '../../../shared/domain/paging.ts';
import type { DB, VisitPhotoTable, VisitTable } from '../../db/schema.ts';
import { type WriteBatch, writeOrHold } from '../../db/write-batch.ts';
import { beforeInstant, cappedPage, inScope, inSubtree, onSameDistrict, type Scope } from '../auth/scope.ts';

export type VisitTarget =
  | { type: 'household'; id: string }
  | { type: 'enterprise'; id: string }
  | { type: 'forum' | 'collection_point'; regionId: string; placeName: string };

export interface VisitListFilter {
  regionPath?: string;
  userId?: string;
  form?: string;
  targetType?: string;
  night?: boolean;
  from?: Date;
  to?: Date;
  householdId?: string;
  enterpriseId?: string;
  /** The (started_at, id) of the last row of the previous page. */
  after?: [string, string];
  /** A numbered page: rows skipped, at most LIST_TOTAL_CAP (shared/domain/paging.ts). */
  offset?: number;
  limit: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the fragment works on the diary's joined query.
type AnyEb = ExpressionBuilder<any, any>;

/** All SQL of the visit diary: visits, their visitors, photos and comments. Reads are scoped. */
export function createVisitRepository(db: Kysely<DB>) {
  /** Visits with the names a list or the page shows: target, place, recorder. */
  const named = () =>
    db
      .selectFrom('visit as v')
      .innerJoin('region as r', onSameDistrict('r.id', 'v.region_id'))
      .innerJoin('app_user as u', onSameDistrict('u.id', 'v.recorded_by'))
      .leftJoin('household as h', onSameDistrict('h.id', 'v.household_id'))
      .leftJoin('enterprise as e', onSameDistrict('e.id', 'v.enterprise_id'))
      .select([
        'v.district_code',
        'v.id',
        'v.form',
        'v.target_type',
        'v.household_id',
        'v.enterprise_id',
        'v.region_id',
        'v.region_path',
        'r.name as region_name',
        'v.place_name',
        'v.attendance',
        'v.started_at',
        'v.ended_at',
        'v.is_night',
        'v.latitude',
        'v.longitude',
        'v.distance_m',
        'v.far',
        'v.recorded_by',
        'u.display_name as recorder_name',
        'h.address as household_address',
        'e.name as enterprise_name',
        'v.created_at',
        (eb) =>
          eb
            .selectFrom('case_record as c')
            .whereRef('c.district_code', '=', 'v.district_code')
            .whereRef('c.source_visit_id', '=', 'v.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('case_count'),
      ]);

  return {
    /** The grants of these users (active or not) with the path each grant stands on. */
    userGrants(districtCode: string, userIds: string[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('app_user as u')
        .leftJoin('role_grant as g', onSameDistrict('g.user_id', 'u.id'))
        .leftJoin('region as r', onSameDistrict('r.id', 'g.scope_region_id'))
        .select(['u.id', 'u.active', 'g.role', 'g.scope_department_id', 'g.scope_region_id', 'r.path'])
        .where('u.district_code', '=', districtCode)
        .where('u.id', 'in', userIds)
        .execute();
    },

    /**
     * Where the target was found on its latest check-in before `before`: households and enterprises
     * have no coordinates of their own, so an earlier visit's check-in is their known location.
     */
    lastCheckIn(districtCode: string, target: VisitTarget, before: Date) {
      let q = db
        .selectFrom('visit')
        .select(['latitude', 'longitude'])
        .where('district_code', '=', districtCode)
        .where('latitude', 'is not', null)
        .where('longitude', 'is not', null)
        .where('started_at', '<', before);
      if (target.type === 'household') q = q.where('household_id', '=', target.id);
      else if (target.type === 'enterprise') q = q.where('enterprise_id', '=', target.id);
      else
        q = q
          .where('target_type', '=', target.type)
          .where('region_id', '=', target.regionId)
          .where('place_name', '=', target.placeName);
      return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    },

    async insert(row: Insertable<VisitTable>, visitorIds: string[], batch?: WriteBatch): Promise<void> {
      await db.insertInto('visit').values(row).execute();
      await writeOrHold(
        batch,
        db.insertInto('visit_visitor').values(
          visitorIds.map((userId) => ({
            district_code: row.district_code,
            visit_id: row.id,
            user_id: userId,
            started_at: row.started_at,
          })),
        ),
      );
    },

    /**
     * Locks the households and enterprises a sync batch visits, households first and each kind in
     * id order, before the batch writes anything. A batch holds its targets' locks until it
     * commits; taken one visit at a time, two devices' batches sharing households took them in
     * different orders and deadlocked. Taken up front in one order, the later batch waits instead.
     * NO KEY UPDATE is what a visit's own update of the row takes, and lets other transactions'
     * foreign-key checks on the row through.
     */
    async lockTargets(districtCode: string, targets: { household: string[]; enterprise: string[] }) {
      for (const table of ['household', 'enterprise'] as const) {
        const ids = [...new Set(targets[table])].sort();
        if (ids.length === 0) continue;
        await db
          .selectFrom(table as 'household')
          .select('id')
          .where('district_code', '=', districtCode)
          .where('id', 'in', ids)
          .orderBy('id')
          .forNoKeyUpdate()
          .execute();
      }
    },

    /** Moves the target's last visit forward to `at` (never back: visits sync late and out of order). */
    async touchLastVisit(
      districtCode: string,
      table: 'household' | 'enterprise',
      id: string,
      at: Date,
      batch?: WriteBatch,
    ) {
      await writeOrHold(
        batch,
        db
          .updateTable(table)
          .set({ last_visit_at: at })
          .where('district_code', '=', districtCode)
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_visit_at', 'is', null), eb('last_visit_at', '<', at)])),
      );
    },

    /** A visit the scope reaches, with its names, or undefined. */
    findInScope(scope: Scope, id: string) {
      return named()
        .select(['v.notes', 'v.services', 'v.aid_amounts', 'v.key_record_id'])
        .where('v.id', '=', id)
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope))
        .executeTakeFirst();
    },

    /** The diary in scope, newest first, with the total of the filtered set. */
    async list(scope: Scope, filter: VisitListFilter) {
      let base = db
        .selectFrom('visit as v')
        .where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope));
      let page = named().where((eb) => inScope(eb, 'v.region_path', 'v.district_code', scope));
      const apply = (fn: (eb: AnyEb) => Expression<SqlBool>) => {
        base = base.where(fn);
        page = page.where(fn);
      };
      const f = filter;
      if (f.regionPath) {
        const path = f.regionPath;
        apply((eb) => inSubtree(eb, 'v.region_path', path));
      }
      if (f.form) {
        const form = f.form;
        apply((eb) => eb('v.form', '=', form));
      }
      if (f.targetType) {
        const targetType = f.targetType;
        apply((eb) => eb('v.target_type', '=', targetType));
      }
      if (f.night !== undefined) {
        const night = f.night;
        apply((eb) => eb('v.is_night', '=', night));
      }
      if (f.from) {
        const from = f.from;
        apply((eb) => eb('v.started_at', '>=', from));
      }
      if (f.to) {
        const to = f.to;
        apply((eb) => eb('v.started_at', '<', to));
      }
      if (f.householdId) {
        const id = f.householdId;
        apply((eb) => eb('v.household_id', '=', id));
      }
      if (f.enterpriseId) {
        const id = f.enterpriseId;
        apply((eb) => eb('v.enterprise_id', '=', id));
      }
      if (f.userId) {
        const userId = f.userId;
        apply((eb) =>
          eb.exists(
            eb
              .selectFrom('visit_visitor as vv')
              .select('vv.user_id')
              .whereRef('vv.district_code', '=', 'v.district_code')
              .whereRef('vv.visit_id', '=', 'v.id')
              .where('vv.user_id', '=', userId),
          ),
        );
      }
      // Counted up to the cap, so a broad filter over a large district stays a bounded scan.
      const counted = await db
        .selectFrom(
          base
            .select('v.id')
            .limit(LIST_TOTAL_CAP + 1)
            .as('t'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirst();
      if (f.after) {
        const after = f.after;
        page = page.where((eb) => beforeInstant(eb, 'v.started_at', 'v.id', after));
      }
      const rows = await page
        .orderBy('v.started_at', 'desc')
        .orderBy('v.id', 'desc')
        .limit(f.limit + 1)
        .offset(f.offset ?? 0)
        .execute();
      return cappedPage(rows, f.limit, counted?.n);
    },

    /** Who went on each of these visits, recorder first then by name. */
    async visitors(districtCode: string, visitIds: string[]) {
      if (visitIds.length === 0) return [];
      return db
        .selectFrom('visit_visitor as vv')
        .innerJoin('visit as v', onSameDistrict('v.id', 'vv.visit_id'))
        .innerJoin('app_user as u', onSameDistrict('u.id', 'vv.user_id'))
        .select([
          'vv.visit_id',
          'u.id',
          'u.display_name',
          sql<boolean>`vv.user_id = v.recorded_by`.as('recorder'),
        ])
        .where('vv.district_code', '=', districtCode)
        .where('vv.visit_id', 'in', visitIds)
        .orderBy('vv.visit_id')
        .orderBy(sql`case when vv.user_id = v.recorded_by then 0 else 1 end`)
        .orderBy('u.display_name')
        .orderBy('u.id')
        .execute();
    },

    /** The cases the visit's issues became, in the order they were raised. */
    cases(districtCode: string, visitId: string) {
      return db
        .selectFrom('case_record')
        .select(['id', 'number', 'title', 'state', 'on_spot'])
        .where('district_code', '=', districtCode)
        .where('source_visit_id', '=', visitId)
        .orderBy('number')
        .execute();
    },

    keyRecord(districtCode: string, id: string) {
      return db
        .selectFrom('key_household_record')
        .select(['id', 'basic_situation', 'living_conditions', 'state_of_mind', 'contact', 'help_in_place'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    photos(districtCode: string, visitId: string) {
      return db
        .selectFrom('visit_photo as p')
        .innerJoin('app_user as u', onSameDistrict('u.id', 'p.uploaded_by'))
        .select([
          'p.id',
          'p.file_name',
          'p.content_type',
          'p.size_bytes',
          'p.uploaded_by',
          'u.display_name as uploader_name',
          'p.created_at',
        ])
        .where('p.district_code', '=', districtCode)
        .where('p.visit_id', '=', visitId)
        .orderBy('p.created_at')
        .orderBy('p.id')
        .execute();
    },

    photo(districtCode: string, visitId: string, id: string) {
      return db
        .selectFrom('visit_photo')
        .select(['id', 'file_name', 'content_type', 'sha256', 'storage_key'])
        .where('district_code', '=', districtCode)
        .where('visit_id', '=', visitId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async insertPhoto(row: Insertable<VisitPhotoTable>): Promise<void> {
      await db.insertInto('visit_photo').values(row).execute();
    },

    comments(districtCode: string, visitId: string) {
      return db
        .selectFrom('visit_comment as c')
        .innerJoin('app_user as u', onSameDistrict('u.id', 'c.author_id'))
        .select(['c.id', 'c.author_id', 'u.display_name as author_name', 'c.body', 'c.created_at'])
        .where('c.district_code', '=', districtCode)
        .where('c.visit_id', '=', visitId)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
    },

    async insertComment(row: {
      district_code: string;
      id: string;
      visit_id: string;
      author_id: string;
      body: string;
      created_at: Date;
    }): Promise<void> {
      await db.insertInto('visit_comment').values(row).execute();
    },

    /** Whether `mentorId` mentors one of `menteeIds` on `day` (a CST date, YYYY-MM-DD). */
    async mentorsAnyOf(districtCode: string, mentorId: string, menteeIds: string[], day: string) {
      if (menteeIds.length === 0) return false;
      const row = await db
        .selectFrom('mentor_pair')
        .select('id')
        .where('district_code', '=', districtCode)
        .where('mentor_id', '=', mentorId)
        .where('mentee_id', 'in', menteeIds)
        .where('started_on', '<=', day)
        .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', day)]))
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type VisitRepository = ReturnType<typeof createVisitRepository>;
export type VisitRow = NonNullable<Awaited<ReturnType<VisitRepository['findInScope']>>>;
export type VisitListRow = Awaited<ReturnType<VisitRepository['list']>>['rows'][number];
