import type { Kysely } from 'kysely';
import { addDays } from '../../../shared/time/china-time.ts';
import type { DB, HardProblemItemTable } from '../../db/schema.ts';
import { atOrAbove, type CaseScope, caseInScope, inSubtree } from '../auth/scope.ts';
import { categoriesInUse } from '../categories/categories.repository.ts';

export type StoredItem = {
  [K in keyof HardProblemItemTable]: HardProblemItemTable[K] extends { __select__: infer S }
    ? S
    : HardProblemItemTable[K];
} & { region_name: string };

/** Who may read an item: by place (non-department grants' paths) or as its owning department. */
export interface ItemReach {
  paths: readonly string[];
  departmentIds: readonly string[];
}

/** All SQL of the hard-problem list (攻坚破难清单) and the cases its detector reads. */
export function createHardProblemsRepository(db: Kysely<DB>) {
  const items = () =>
    db
      .selectFrom('hard_problem_item as i')
      .innerJoin('region as r', (j) =>
        j.onRef('r.district_code', '=', 'i.district_code').onRef('r.id', '=', 'i.region_id'),
      )
      .selectAll('i')
      .select('r.name as region_name');

  return {
    /**
     * THE read of the cases the recurring-problem detector looks at: created since `since` in the
     * place's subtree and in the caller's case scope, with the estate of the household they name
     * and whether they already stand on an item.
     */
    recurringCaseFacts(scope: CaseScope, placePath: string, since: Date) {
      return db
        .selectFrom('case_record as c')
        .leftJoin('household as h', (j) =>
          j.onRef('h.district_code', '=', 'c.district_code').onRef('h.id', '=', 'c.household_id'),
        )
        .leftJoin('hard_problem_case as l', (j) =>
          j.onRef('l.district_code', '=', 'c.district_code').onRef('l.case_id', '=', 'c.id'),
        )
        .select([
          'c.id',
          'c.number',
          'c.title',
          'c.description',
          'c.category_id',
          'c.region_path',
          'h.estate',
          'c.created_at',
          'c.closed_at',
          'c.state',
          'c.reopen_count',
          'l.item_id',
        ])
        .where('c.district_code', '=', scope.districtCode)
        .where((eb) => inSubtree(eb, 'c.region_path', placePath))
        .where((eb) => caseInScope(eb, 'c', scope))
        .where('c.created_at', '>=', since)
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute();
    },

    /** Names of the places at `paths`. */
    async placeNames(districtCode: string, paths: readonly string[]): Promise<Map<string, string>> {
      if (paths.length === 0) return new Map();
      const rows = await db
        .selectFrom('region')
        .select(['path', 'name'])
        .where('district_code', '=', districtCode)
        .where('path', 'in', [...paths])
        .execute();
      return new Map(rows.map((r) => [r.path, r.name]));
    },

    async categoryNames(districtCode: string, ids: readonly string[]) {
      if (ids.length === 0) return new Map<string, { name: string; nameEn: string | null }>();
      const rows = await db
        .selectFrom('case_category')
        .select(['id', 'name', 'name_en'])
        .where('district_code', '=', districtCode)
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [r.id, { name: r.name, nameEn: r.name_en }]));
    },

    activeCategory(districtCode: string, id: string) {
      return categoriesInUse(db, districtCode)
        .select(['c.id', 'c.name'])
        .where('c.id', '=', id)
        .executeTakeFirst();
    },

    department(districtCode: string, id: string) {
      return db
        .selectFrom('department as d')
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'd.district_code').onRef('r.id', '=', 'd.region_id'),
        )
        .select(['d.id', 'd.name', 'r.path'])
        .where('d.district_code', '=', districtCode)
        .where('d.id', '=', id)
        .where('d.active', '=', true)
        .executeTakeFirst();
    },

    region(districtCode: string, id: string) {
      return db
        .selectFrom('region')
        .select(['id', 'name', 'path', 'level'])
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    find(districtCode: string, id: string): Promise<StoredItem | undefined> {
      return items()
        .where('i.district_code', '=', districtCode)
        .where('i.id', '=', id)
        .executeTakeFirst() as Promise<StoredItem | undefined>;
    },

    lock(districtCode: string, id: string): Promise<StoredItem | undefined> {
      return items()
        .where('i.district_code', '=', districtCode)
        .where('i.id', '=', id)
        .forUpdate('i')
        .executeTakeFirst() as Promise<StoredItem | undefined>;
    },

    /**
     * The items the reach sees — on a place its paths reach, or on a place above one (a
     * community reads its street's list), or owned by its department — optionally within a place.
     */
    list(
      districtCode: string,
      reach: ItemReach,
      filter: { path?: string; state?: string; kind?: string },
    ): Promise<StoredItem[]> {
      let q = items().where('i.district_code', '=', districtCode);
      q = q.where((eb) =>
        eb.or([
          ...reach.paths.flatMap((p) => [
            inSubtree(eb, 'i.region_path', p),
            atOrAbove(eb, 'i.region_path', p),
          ]),
          ...(reach.departmentIds.length
            ? [
                eb.and([
                  eb('i.owner_kind', '=', 'department'),
                  eb('i.owner_id', 'in', [...reach.departmentIds]),
                ]),
              ]
            : []),
          eb.val(false),
        ]),
      );
      const { path, state, kind } = filter;
      if (path)
        q = q.where((eb) =>
          eb.or([inSubtree(eb, 'i.region_path', path), atOrAbove(eb, 'i.region_path', path)]),
        );
      if (state) q = q.where('i.state', '=', state as StoredItem['state']);
      if (kind) q = q.where('i.kind', '=', kind as StoredItem['kind']);
      return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(500).execute() as Promise<
        StoredItem[]
      >;
    },

    async insertItem(
      row: Omit<StoredItem, 'region_name' | 'finished_at' | 'result' | 'target_date'> & {
        target_date: string;
      },
    ): Promise<void> {
      await db
        .insertInto('hard_problem_item')
        .values({ ...row, result: null, finished_at: null })
        .execute();
    },

    async updateItem(
      districtCode: string,
      id: string,
      patch: Partial<
        Pick<
          StoredItem,
          | 'title'
          | 'owner_kind'
          | 'owner_id'
          | 'owner_name'
          | 'responsible_person'
          | 'plan'
          | 'state'
          | 'result'
        >
      > & {
        target_date?: string;
        finished_at?: Date | null;
        version: number;
        updated_at: Date;
      },
    ): Promise<void> {
      await db
        .updateTable('hard_problem_item')
        .set(patch)
        .where('district_code', '=', districtCode)
        .where('id', '=', id)
        .execute();
    },

    milestones(districtCode: string, itemIds: readonly string[]) {
      if (itemIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('hard_problem_milestone')
        .select(['item_id', 'id', 'position', 'name', 'target_date', 'done_on'])
        .where('district_code', '=', districtCode)
        .where('item_id', 'in', [...itemIds])
        .orderBy('item_id')
        .orderBy('position')
        .execute();
    },

    /** Writes the item's milestones as given: kept ids updated, new ones added, missing ones removed. */
    async replaceMilestones(
      districtCode: string,
      itemId: string,
      rows: readonly { id: string; name: string; target_date: string; done_on: string | null }[],
    ): Promise<void> {
      await db
        .deleteFrom('hard_problem_milestone')
        .where('district_code', '=', districtCode)
        .where('item_id', '=', itemId)
        .execute();
      if (rows.length === 0) return;
      await db
        .insertInto('hard_problem_milestone')
        .values(rows.map((r, position) => ({ district_code: districtCode, item_id: itemId, position, ...r })))
        .execute();
    },

    caseCounts(districtCode: string, itemIds: readonly string[]) {
      if (itemIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('hard_problem_case')
        .select(['item_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('district_code', '=', districtCode)
        .where('item_id', 'in', [...itemIds])
        .groupBy('item_id')
        .execute();
    },

    itemCases(districtCode: string, itemId: string) {
      return db
        .selectFrom('hard_problem_case as l')
        .innerJoin('case_record as c', (j) =>
          j.onRef('c.district_code', '=', 'l.district_code').onRef('c.id', '=', 'l.case_id'),
        )
        .select([
          'c.id',
          'c.number',
          'c.title',
          'c.state',
          'c.created_at',
          'l.linked_at',
          'l.previous_list_type',
        ])
        .where('l.district_code', '=', districtCode)
        .where('l.item_id', '=', itemId)
        .orderBy('c.created_at')
        .execute();
    },

    linkOf(districtCode: string, caseId: string) {
      return db
        .selectFrom('hard_problem_case')
        .select(['item_id', 'previous_list_type'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
    },

    async link(row: {
      district_code: string;
      case_id: string;
      item_id: string;
      previous_list_type: string;
      linked_by_name: string;
      linked_at: Date;
    }): Promise<void> {
      await db.insertInto('hard_problem_case').values(row).execute();
    },

    async unlink(districtCode: string, itemId: string, caseId: string): Promise<void> {
      await db
        .deleteFrom('hard_problem_case')
        .where('district_code', '=', districtCode)
        .where('item_id', '=', itemId)
        .where('case_id', '=', caseId)
        .execute();
    },

    async insertNote(row: {
      district_code: string;
      item_id: string;
      id: string;
      day: string;
      text: string;
      from_state: string;
      to_state: string;
      created_by_name: string;
      created_at: Date;
    }): Promise<void> {
      await db.insertInto('hard_problem_note').values(row).execute();
    },

    notes(districtCode: string, itemId: string) {
      return db
        .selectFrom('hard_problem_note')
        .select(['id', 'day', 'text', 'from_state', 'to_state', 'created_by_name', 'created_at'])
        .where('district_code', '=', districtCode)
        .where('item_id', '=', itemId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /**
     * The scoring facts of the items on places in `placePath`'s subtree: items finished as done
     * in [start, end), and milestones whose target date lies in [fromDay − 1, toDay) (missed, if
     * so, on a day of the period), each with its item's owner and the owner place's level.
     */
    async scoringFacts(
      districtCode: string,
      placePath: string,
      start: Date,
      end: Date,
      fromDay: string,
      toDay: string,
    ) {
      const [done, milestones] = await Promise.all([
        db
          .selectFrom('hard_problem_item as i')
          .leftJoin('region as o', (j) =>
            j.onRef('o.district_code', '=', 'i.district_code').onRef('o.id', '=', 'i.owner_id'),
          )
          .select(['i.id', 'i.owner_kind', 'i.owner_id', 'i.finished_at', 'o.level as owner_level'])
          .where('i.district_code', '=', districtCode)
          .where((eb) => inSubtree(eb, 'i.region_path', placePath))
          .where('i.state', '=', 'done')
          .where('i.finished_at', '>=', start)
          .where('i.finished_at', '<', end)
          .execute(),
        db
          .selectFrom('hard_problem_milestone as m')
          .innerJoin('hard_problem_item as i', (j) =>
            j.onRef('i.district_code', '=', 'm.district_code').onRef('i.id', '=', 'm.item_id'),
          )
          .leftJoin('region as o', (j) =>
            j.onRef('o.district_code', '=', 'i.district_code').onRef('o.id', '=', 'i.owner_id'),
          )
          .select([
            'm.id',
            'm.item_id',
            'm.target_date',
            'm.done_on',
            'i.finished_at',
            'i.owner_kind',
            'i.owner_id',
            'o.level as owner_level',
          ])
          .where('m.district_code', '=', districtCode)
          .where((eb) => inSubtree(eb, 'i.region_path', placePath))
          .where('m.target_date', '>=', addDays(fromDay, -1))
          .where('m.target_date', '<', toDay)
          .execute(),
      ]);
      return { done, milestones };
    },
  };
}
