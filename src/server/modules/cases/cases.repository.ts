import {
  type Insertable,
  type Kysely,
  type QueryCreator,
  type Selectable,
  sql,
  type Updateable,
} from 'kysely';
import type { CaseRecordTable, DB } from '../../db/schema.ts';
import type { WriteBatch } from '../../db/write-batch.ts';
import { type CaseScope, caseInScope } from '../auth/scope.ts';
import { categoriesInUse } from '../categories/categories.repository.ts';

export type CaseRow = Selectable<CaseRecordTable>;
export type CasePatch = Omit<Updateable<CaseRecordTable>, 'district_code' | 'id' | 'version' | 'number'>;

export interface NewCaseEvent {
  id: string;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}

/** All SQL about a case's own rows: the record, its timeline, its clocks. Reads are scoped. */
export function createCaseRepository(db: Kysely<DB>) {
  return {
    /**
     * Reserves `count` sequence numbers for a district and year in one statement and returns the
     * first. Run outside the intake transaction, so no transaction waits on the counter row.
     */
    async reserveNumbers(districtCode: string, year: number, count: number): Promise<number> {
      const row = await db
        .insertInto('case_counter')
        .values({ district_code: districtCode, year, next_seq: count + 1 })
        .onConflict((oc) =>
          oc
            .columns(['district_code', 'year'])
            .doUpdateSet({ next_seq: sql`case_counter.next_seq + ${count}` }),
        )
        .returning('next_seq')
        .executeTakeFirstOrThrow();
      return Number(row.next_seq) - count;
    },

    /** Categories' names in both languages (active or not: a case may still name a retired one). */
    categoryNames(districtCode: string, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('case_category')
        .select(['id', 'name', 'name_en'])
        .where('district_code', '=', districtCode)
        .where('id', 'in', ids)
        .execute();
    },

    async activeCategory(districtCode: string, id: string): Promise<boolean> {
      const row = await categoriesInUse(db, districtCode)
        .select('c.id')
        .where('c.id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insert(row: Insertable<CaseRecordTable>): Promise<void> {
      await db.insertInto('case_record').values(row).execute();
    },

    /**
     * A new case and its first event in one statement (one round trip of every intake, issue 16
     * §1), or both held in `batch` for the change's one statement (db/write-batch.ts): the event's
     * foreign key is checked at the statement's end, when the case is there.
     */
    async insertWithEvent(
      row: Insertable<CaseRecordTable>,
      event: NewCaseEvent,
      batch?: WriteBatch,
    ): Promise<void> {
      const created = db.insertInto('case_record').values(row);
      const eventOn = (q: QueryCreator<DB>) =>
        q.insertInto('case_event').values({
          district_code: row.district_code,
          case_id: row.id,
          seq: row.version ?? 1,
          ...event,
          detail: JSON.stringify(event.detail),
        });
      if (batch) {
        batch.add(created);
        batch.add(eventOn(db));
      } else await eventOn(db.with('created', () => created) as unknown as QueryCreator<DB>).execute();
    },

    /** The case, if the scope reaches it. */
    findInScope(scope: CaseScope, id: string): Promise<CaseRow | undefined> {
      return db
        .selectFrom('case_record as c')
        .selectAll('c')
        .where('c.id', '=', id)
        .where((eb) => caseInScope(eb, 'c', scope))
        .executeTakeFirst();
    },

    /** The case locked for a change, if the scope reaches it (call inside a transaction). */
    lockInScope(scope: CaseScope, id: string): Promise<CaseRow | undefined> {
      return db
        .selectFrom('case_record as c')
        .selectAll('c')
        .where('c.id', '=', id)
        .where((eb) => caseInScope(eb, 'c', scope))
        .forUpdate()
        .executeTakeFirst();
    },

    /** Unscoped lock by id, for jobs that act for the system (the sweeper). */
    lock(districtCode: string, id: string): Promise<CaseRow | undefined> {
      return db
        .selectFrom('case_record')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Applies a change and bumps the version the caller read; the new version numbers its event. */
    async update(row: CaseRow, patch: CasePatch): Promise<number> {
      const next = row.version + 1;
      await db
        .updateTable('case_record')
        .set({ ...patch, version: next, updated_at: sql`now()` })
        .where('district_code', '=', row.district_code)
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .executeTakeFirstOrThrow();
      return next;
    },

    async insertEvent(districtCode: string, caseId: string, seq: number, event: NewCaseEvent): Promise<void> {
      await db
        .insertInto('case_event')
        .values({
          district_code: districtCode,
          case_id: caseId,
          seq,
          ...event,
          detail: JSON.stringify(event.detail),
        })
        .execute();
    },

    /** Starts (or restarts) a clock: a new run replaces the previous one's row. */
    async startClock(districtCode: string, caseId: string, clock: string, startedAt: Date, dueAt: Date) {
      const run = {
        started_at: startedAt,
        due_at: dueAt,
        stopped_at: null,
        stopped_by: null,
        overdue_at: null,
        reminded_at: null,
        supervised_at: null,
      };
      await db
        .insertInto('case_clock')
        .values({ district_code: districtCode, case_id: caseId, clock, ...run })
        .onConflict((oc) => oc.columns(['district_code', 'case_id', 'clock']).doUpdateSet(run))
        .execute();
    },

    /** Stops running clocks, keeping which action stopped them (the response rate reads it). */
    async stopClocks(districtCode: string, caseId: string, clocks: readonly string[], at: Date, by: string) {
      if (clocks.length === 0) return;
      await db
        .updateTable('case_clock')
        .set({ stopped_at: at, stopped_by: by })
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('clock', 'in', clocks)
        .where('stopped_at', 'is', null)
        .execute();
    },

    /** Moves a running clock's deadline (an approved extension). */
    async moveDeadline(districtCode: string, caseId: string, clock: string, dueAt: Date) {
      await db
        .updateTable('case_clock')
        .set({ due_at: dueAt, overdue_at: null, reminded_at: null, supervised_at: null })
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('clock', '=', clock)
        .where('stopped_at', 'is', null)
        .execute();
    },

    runningClocks(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_clock')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('stopped_at', 'is', null)
        .execute();
    },

    /** The earliest deadline among running clocks other than the weekly progress notice. */
    async nextDueAt(districtCode: string, caseId: string): Promise<Date | null> {
      const row = await db
        .selectFrom('case_clock')
        .select((eb) => eb.fn.min('due_at').as('due'))
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .where('stopped_at', 'is', null)
        .where('clock', '!=', 'progress')
        .executeTakeFirst();
      return row?.due ? new Date(row.due as Date | string) : null;
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
