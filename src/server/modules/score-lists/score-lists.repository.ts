import { type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import { ADMIN_DUTIES } from '../../../shared/auth/roles.ts';
import type { DB, ScoreListEntryTable, ScoreListTable } from '../../db/schema.ts';
import { atOrAbove, inSubtree } from '../auth/scope.ts';

const LIST = [
  'l.district_code',
  'l.id',
  'l.kind',
  'l.period_id',
  'l.period_revision',
  'l.region_id',
  'l.region_path',
  'l.region_name',
  'l.period_kind',
  'l.period_from',
  'l.period_to',
  'l.title',
  'l.state',
  'l.due_on',
  'l.proposed_by_name',
  'l.proposed_at',
  'l.approved_by_name',
  'l.approved_at',
  'p.state as period_state',
] as const;

/** Notices per statement: bounds a statement's parameters. */
const PER_STATEMENT = 1_000;

export type StoredScoreList = Awaited<
  ReturnType<ReturnType<typeof createScoreListsRepository>['visible']>
>[number] & { entries: number };

/** All SQL of praise and criticism lists: a draft's entries are replaced; a published list stays. */
export function createScoreListsRepository(db: Kysely<DB>) {
  return {
    async insert(
      list: Insertable<ScoreListTable>,
      entries: Insertable<ScoreListEntryTable>[],
    ): Promise<void> {
      await db.insertInto('score_list').values(list).execute();
      if (entries.length > 0) await db.insertInto('score_list_entry').values(entries).execute();
    },

    /**
     * Lists a reader sees, as closed score periods are seen: of a place at or above one of
     * `paths`, or below one; drafts only of places in `draftPaths`. Newest period first.
     */
    visible(
      districtCode: string,
      paths: readonly string[],
      draftPaths: readonly string[],
      filter: { at?: string; periodId?: string; id?: string },
    ) {
      return db
        .selectFrom('score_list as l')
        .innerJoin('score_period as p', (j) =>
          j.onRef('p.district_code', '=', 'l.district_code').onRef('p.id', '=', 'l.period_id'),
        )
        .select(LIST)
        .select((eb) =>
          eb
            .selectFrom('score_list_entry as e')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('e.district_code', '=', 'l.district_code')
            .whereRef('e.list_id', '=', 'l.id')
            .as('entries'),
        )
        .where('l.district_code', '=', districtCode)
        .where((eb) =>
          paths.length === 0
            ? sql<SqlBool>`false`
            : eb.or(
                paths.flatMap((p) => [atOrAbove(eb, 'l.region_path', p), inSubtree(eb, 'l.region_path', p)]),
              ),
        )
        .where((eb) =>
          eb.or([
            eb('l.state', '=', 'published'),
            ...draftPaths.map((p) => inSubtree(eb, 'l.region_path', p)),
          ]),
        )
        .$if(filter.at !== undefined, (q) =>
          q.where((eb) => atOrAbove(eb, 'l.region_path', filter.at as string)),
        )
        .$if(filter.periodId !== undefined, (q) => q.where('l.period_id', '=', filter.periodId as string))
        .$if(filter.id !== undefined, (q) => q.where('l.id', '=', filter.id as string))
        .orderBy('l.period_from', 'desc')
        .orderBy('l.proposed_at', 'desc')
        .limit(200)
        .execute();
    },

    /** Locks a list for a change and tells its state. */
    lock(districtCode: string, id: string) {
      return db
        .selectFrom('score_list')
        .select(['id', 'state', 'kind', 'period_id', 'region_path', 'title'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    kindsOfPeriod(districtCode: string, periodId: string) {
      return db
        .selectFrom('score_list')
        .select('kind')
        .where('district_code', '=', districtCode)
        .where('period_id', '=', periodId)
        .execute();
    },

    entriesOf(districtCode: string, listId: string) {
      return db
        .selectFrom('score_list_entry')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('list_id', '=', listId)
        .orderBy('position')
        .execute();
    },

    async replaceEntries(
      districtCode: string,
      listId: string,
      entries: Insertable<ScoreListEntryTable>[],
      change: { title?: string; at: Date },
    ): Promise<void> {
      await db
        .deleteFrom('score_list_entry')
        .where('district_code', '=', districtCode)
        .where('list_id', '=', listId)
        .execute();
      if (entries.length > 0) await db.insertInto('score_list_entry').values(entries).execute();
      await db
        .updateTable('score_list')
        .set({ updated_at: change.at, ...(change.title !== undefined ? { title: change.title } : {}) })
        .where('district_code', '=', districtCode)
        .where('id', '=', listId)
        .execute();
    },

    async publish(
      districtCode: string,
      id: string,
      by: { id: string; name: string; at: Date; dueOn: string | null },
    ): Promise<void> {
      await db
        .updateTable('score_list')
        .set({
          state: 'published',
          approved_by: by.id,
          approved_by_name: by.name,
          approved_at: by.at,
          updated_at: by.at,
          due_on: by.dueOn,
        })
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    async linkFindings(
      districtCode: string,
      listId: string,
      links: { subjectKey: string; findingId: string }[],
    ) {
      for (const link of links)
        await db
          .updateTable('score_list_entry')
          .set({ finding_id: link.findingId })
          .where('district_code', '=', districtCode)
          .where('list_id', '=', listId)
          .where('subject_key', '=', link.subjectKey)
          .execute();
    },

    /** The paths of the places units and places belong to: departments' nodes, regions' own. */
    async placePaths(districtCode: string, departmentIds: string[], regionIds: string[]) {
      const out = new Map<string, string>();
      if (departmentIds.length > 0)
        for (const r of await db
          .selectFrom('department as d')
          .innerJoin('region as r', (j) =>
            j.onRef('r.district_code', '=', 'd.district_code').onRef('r.id', '=', 'd.region_id'),
          )
          .select(['d.id', 'r.path'])
          .where('d.district_code', '=', districtCode)
          .where('d.id', 'in', departmentIds)
          .execute())
          out.set(`d:${r.id}`, r.path);
      if (regionIds.length > 0)
        for (const r of await db
          .selectFrom('region')
          .select(['id', 'path'])
          .where('district_code', '=', districtCode)
          .where('id', 'in', regionIds)
          .execute())
          out.set(r.id, r.path);
      return out;
    },

    /**
     * Everyone who works in the place: active accounts with a business role granted on it or below
     * it, and the handlers of the departments that belong there.
     */
    async peopleOf(districtCode: string, path: string): Promise<string[]> {
      const byRegion = await db
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
        )
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'g.district_code').onRef('r.id', '=', 'g.scope_region_id'),
        )
        .select('g.user_id')
        .where('g.district_code', '=', districtCode)
        .where('g.role', 'not in', [...ADMIN_DUTIES])
        .where('u.active', '=', true)
        .where((eb) => inSubtree(eb, 'r.path', path))
        .execute();
      const byDepartment = await db
        .selectFrom('role_grant as g')
        .innerJoin('app_user as u', (j) =>
          j.onRef('u.district_code', '=', 'g.district_code').onRef('u.id', '=', 'g.user_id'),
        )
        .innerJoin('department as d', (j) =>
          j.onRef('d.district_code', '=', 'g.district_code').onRef('d.id', '=', 'g.scope_department_id'),
        )
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'd.district_code').onRef('r.id', '=', 'd.region_id'),
        )
        .select('g.user_id')
        .where('g.district_code', '=', districtCode)
        .where('u.active', '=', true)
        .where((eb) => inSubtree(eb, 'r.path', path))
        .execute();
      return [...new Set([...byRegion, ...byDepartment].map((r) => r.user_id))];
    },

    async notify(
      rows: {
        district_code: string;
        id: string;
        user_id: string;
        topic: string;
        params: string;
        created_at: Date;
      }[],
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += PER_STATEMENT)
        await db
          .insertInto('notification')
          .values(rows.slice(i, i + PER_STATEMENT).map((r) => ({ ...r, case_id: null })))
          .execute();
    },
  };
}
