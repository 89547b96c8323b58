import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { DUE_SOON_MS } from '../../../shared/cases/clock-rules.ts';
import { CASE_LEVELS } from '../../../shared/cases/levels.ts';
import { TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import { CASE_TOTAL_CAP, type CaseQueueQuery } from '../../../shared/domain/case.ts';
import { cstDayAfter, cstMidnight } from '../../../shared/time/china-time.ts';
import { CUSTOM_PLAN } from '../../db/prepared-statements.ts';
import type { DB } from '../../db/schema.ts';
import { type CaseScope, caseInScope, containsPattern, inSubtree } from '../auth/scope.ts';

const OPEN_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'returned',
  'in_progress',
  'replied',
  'follow_up',
  'reopened',
] as const;
const TERMINAL = [...TERMINAL_STATES];
/** Open longer than this counts as long-running on the supervision list. */
const LONG_RUNNING_DAYS = 30;
const FAR_FUTURE = '9999-12-31T00:00:00Z';
/**
 * A filter matching at most this many cases has its page taken by sorting its matches rather than
 * by walking the sort key's index: the total's count has just found them all through the filter's
 * own indexes, so sorting them costs about what counting did. Walking the index in sort order is
 * the planner's choice for a LIMIT, and for a rare category or a word in a few titles it read
 * tens of thousands of rows to fill one page (the street's category filter at p95 142 ms over
 * 1M cases, run of 2026-12-07T07:26Z).
 */
export const SORT_MATCHES_UNDER = 2_000;

export interface QueueCaller {
  userId: string;
  /** Departments the caller handles cases for. */
  departmentIds: string[];
  /** Region paths where the caller is a handling unit (grid workers, cadres). */
  handlingPaths: string[];
}

type CaseEb = ExpressionBuilder<DB & { c: DB['case_record'] }, 'c'>;

/**
 * Due soon (shared/cases/clock-rules.ts `DUE_SOON_MS`): not flagged overdue, next deadline after
 * `now` and within the window. One rule for the queue filter and the home pages' counts.
 */
export function dueSoonAt(eb: CaseEb, now: Date): Expression<SqlBool> {
  return eb.and([
    eb('c.overdue', '=', false),
    eb('c.next_due_at', '>', now),
    eb('c.next_due_at', '<=', new Date(now.getTime() + DUE_SOON_MS)),
  ]);
}

/** The read side of cases: the queue views with their totals, and the parts of a case page. */
export function createCaseReadRepository(db: Kysely<DB>) {
  const viewFilter = (
    eb: CaseEb,
    districtCode: string,
    query: CaseQueueQuery,
    caller: QueueCaller,
    now: Date,
  ): Expression<SqlBool> => {
    switch (query.view) {
      case 'inbox': {
        const mine: Expression<SqlBool>[] = caller.handlingPaths.map((p) =>
          inSubtree(eb, 'c.unit_region_path', p),
        );
        if (caller.departmentIds.length > 0) {
          mine.push(eb('c.unit_department_id', 'in', caller.departmentIds));
          mine.push(
            eb.exists(
              eb
                .selectFrom('case_task as t')
                .select('t.id')
                // The district as a value (as in caseInScope): Citus routes an OR of subqueries
                // to one shard only when each names it.
                .where('t.district_code', '=', districtCode)
                .whereRef('t.case_id', '=', 'c.id')
                .where('t.department_id', 'in', caller.departmentIds)
                .where('t.done_at', 'is', null),
            ),
          );
        }
        return eb.and([
          eb('c.state', 'in', ['dispatched', 'in_progress', 'returned']),
          mine.length ? eb.or(mine) : sql<SqlBool>`false`,
        ]);
      }
      case 'mine':
        return eb.and([eb('c.first_responder_id', '=', caller.userId), eb('c.state', 'not in', TERMINAL)]);
      case 'supervision':
        return eb.and([
          eb('c.state', 'not in', TERMINAL),
          eb.or([
            eb('c.overdue', '=', true),
            eb('c.supervised', '=', true),
            eb('c.reopen_count', '>', 0),
            eb('c.latest_rating', '=', 'unsatisfied'),
            eb('c.created_at', '<', new Date(now.getTime() - LONG_RUNNING_DAYS * 86_400_000)),
          ]),
        ]);
      default:
        return query.state || query.householdId || query.enterpriseId
          ? sql<SqlBool>`true`
          : eb('c.state', 'in', OPEN_STATES);
    }
  };

  return {
    /**
     * A page of a queue view and its total, keyset-paged on (sort key, id) or, for a numbered
     * page, skipping `offset` rows (at most the capped total, shared/domain/paging.ts).
     */
    async queue(
      scope: CaseScope,
      query: Omit<CaseQueueQuery, 'page'>,
      caller: QueueCaller,
      now: Date,
      filters: { regionPath?: string; after?: [string, string]; offset?: number },
    ) {
      const byDeadline = query.view === 'inbox';
      const sortKey = byDeadline
        ? sql<Date>`coalesce(c.next_due_at, ${FAR_FUTURE}::timestamptz)`
        : sql<Date>`c.created_at`;
      let base = db
        .selectFrom('case_record as c')
        .where((eb) => caseInScope(eb, 'c', scope))
        .where((eb) => viewFilter(eb as CaseEb, scope.districtCode, query, caller, now));
      if (query.state) base = base.where('c.state', 'in', query.state);
      if (query.categoryId) {
        // The category and its subcategories as a plain list, so the category index applies.
        const categories = await db
          .selectFrom('case_category')
          .select('id')
          .where('district_code', '=', scope.districtCode)
          .where((eb) =>
            eb.or([
              eb('id', '=', query.categoryId as string),
              eb('parent_id', '=', query.categoryId as string),
            ]),
          )
          .execute();
        base = base.where(
          'c.category_id',
          'in',
          categories.length ? categories.map((c) => c.id) : [query.categoryId],
        );
      }
      if (filters.regionPath) {
        const path = filters.regionPath;
        base = base.where((eb) => inSubtree(eb, 'c.region_path', path));
      }
      if (query.householdId) base = base.where('c.household_id', '=', query.householdId);
      if (query.enterpriseId) base = base.where('c.enterprise_id', '=', query.enterpriseId);
      if (query.urgency) base = base.where('c.urgency', '=', query.urgency);
      if (query.channel) base = base.where('c.channel', '=', query.channel);
      if (query.kind) base = base.where('c.kind', '=', query.kind);
      if (query.listType) base = base.where('c.list_type', '=', query.listType);
      if (query.level) base = base.where('c.level', '=', CASE_LEVELS[query.level]);
      if (query.onSpot) base = base.where('c.on_spot', '=', query.onSpot === 'true');
      if (query.overdue) base = base.where('c.overdue', '=', query.overdue === 'true');
      if (query.dueSoon) base = base.where((eb) => dueSoonAt(eb as CaseEb, now));
      if (query.q) {
        const q = query.q;
        const byNumber = (eb: CaseEb) => eb('c.number', '=', q);
        const length = [...q].length;
        // The title bigram index (migration 20261206T1220) finds the titles holding all of q's
        // bigrams: exactly those containing q when it has two characters, a superset rechecked by
        // the LIKE when it has more. One character has no bigram: the LIKE alone.
        if (length >= 2) {
          base = base.where((eb) =>
            eb.or([
              sql<SqlBool>`case_title_grams(c.title) @> case_title_grams(${q})`,
              byNumber(eb as CaseEb),
            ]),
          );
        }
        if (length !== 2) {
          base = base.where((eb) =>
            eb.or([eb('c.title', 'like', containsPattern(q)), byNumber(eb as CaseEb)]),
          );
        }
      }
      if (query.createdFrom) base = base.where('c.created_at', '>=', cstMidnight(query.createdFrom));
      if (query.createdTo) base = base.where('c.created_at', '<', cstDayAfter(query.createdTo));
      // Counted up to the cap, so a broad filter over a large district stays a bounded scan.
      const total = await db
        .selectFrom(
          base
            .select('c.id')
            .limit(CASE_TOTAL_CAP + 1)
            .as('t'),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .modifyFront(sql.raw(CUSTOM_PLAN))
        .executeTakeFirst();
      const counted = Number(total?.n ?? 0);
      let page = base;
      if (filters.after) {
        const [key, id] = filters.after;
        const at = new Date(key);
        page = byDeadline
          ? page.where(sql<SqlBool>`(${sortKey}, c.id) > (${at}, ${id})`)
          : page.where(sql<SqlBool>`(${sortKey}, c.id) < (${at}, ${id})`);
      }
      const rows = await page
        .leftJoin('case_category as cat', (j) =>
          j.onRef('cat.district_code', '=', 'c.district_code').onRef('cat.id', '=', 'c.category_id'),
        )
        .innerJoin('region as r', (j) =>
          j.onRef('r.district_code', '=', 'c.district_code').onRef('r.id', '=', 'c.region_id'),
        )
        .leftJoin('department as d', (j) =>
          j.onRef('d.district_code', '=', 'c.district_code').onRef('d.id', '=', 'c.unit_department_id'),
        )
        .leftJoin('region as ur', (j) =>
          j.onRef('ur.district_code', '=', 'c.district_code').onRef('ur.id', '=', 'c.unit_region_id'),
        )
        .select([
          'c.id',
          'c.number',
          'c.title',
          'c.state',
          'c.channel',
          'c.kind',
          'c.urgency',
          'c.level',
          'c.overdue',
          'c.supervised',
          'c.reopen_count',
          'c.latest_rating',
          'c.next_due_at',
          'c.created_at',
          'c.version',
          'c.unit_department_id',
          'c.unit_region_id',
          'cat.name as category_name',
          'cat.name_en as category_name_en',
          'r.name as region_name',
          'd.name as department_name',
          'ur.name as unit_region_name',
        ])
        .select(sortKey.as('sort_key'))
        // The same order; `+ interval '0 s'` only hides it from the sort key's index (see above).
        .orderBy(
          counted <= SORT_MATCHES_UNDER ? sql`${sortKey} + interval '0 s'` : sortKey,
          byDeadline ? 'asc' : 'desc',
        )
        .orderBy('c.id', byDeadline ? 'asc' : 'desc')
        .limit(query.limit + 1)
        .offset(filters.offset ?? 0)
        .modifyFront(sql.raw(CUSTOM_PLAN))
        .execute();
      return {
        rows: rows.slice(0, query.limit),
        hasMore: rows.length > query.limit,
        total: Math.min(counted, CASE_TOTAL_CAP),
        totalCapped: counted > CASE_TOTAL_CAP,
      };
    },

    /** Names the case page shows beside the record. */
    async names(
      districtCode: string,
      c: {
        category_id: string | null;
        unit_department_id: string | null;
        unit_region_id: string | null;
        first_responder_id: string | null;
      },
    ) {
      const [category, department, unitRegion, responder] = await Promise.all([
        c.category_id
          ? db
              .selectFrom('case_category')
              .select(['name', 'name_en'])
              .where('district_code', '=', districtCode)
              .where('id', '=', c.category_id)
              .executeTakeFirst()
          : undefined,
        c.unit_department_id
          ? db
              .selectFrom('department')
              .select('name')
              .where('district_code', '=', districtCode)
              .where('id', '=', c.unit_department_id)
              .executeTakeFirst()
          : undefined,
        c.unit_region_id
          ? db
              .selectFrom('region')
              .select('name')
              .where('district_code', '=', districtCode)
              .where('id', '=', c.unit_region_id)
              .executeTakeFirst()
          : undefined,
        c.first_responder_id
          ? db
              .selectFrom('app_user')
              .select('display_name')
              .where('district_code', '=', districtCode)
              .where('id', '=', c.first_responder_id)
              .executeTakeFirst()
          : undefined,
      ]);
      return {
        category: category?.name ?? null,
        categoryEn: category?.name_en ?? null,
        department: department?.name ?? null,
        unitRegion: unitRegion?.name ?? null,
        responder: responder?.display_name ?? null,
      };
    },

    events(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_event')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
    },

    clocks(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_clock')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('started_at')
        .execute();
    },

    tasks(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_task as t')
        .innerJoin('department as d', (j) =>
          j.onRef('d.district_code', '=', 't.district_code').onRef('d.id', '=', 't.department_id'),
        )
        .select([
          't.id',
          't.department_id',
          'd.name as department_name',
          't.role',
          't.report_due_at',
          't.done_at',
          't.note',
        ])
        .where('t.district_code', '=', districtCode)
        .where('t.case_id', '=', caseId)
        .orderBy('t.created_at')
        .execute();
    },

    extensions(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_extension')
        .selectAll()
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('requested_at')
        .execute();
    },

    attachments(districtCode: string, caseId: string) {
      return db
        .selectFrom('case_attachment')
        .select(['id', 'file_name', 'content_type', 'size_bytes', 'created_at'])
        .where('district_code', '=', districtCode)
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute();
    },

    /**
     * Numbers of the cases this one points at, and of those pointing at it — only those the reader's
     * case scope reaches: a case outside it is left out, as if it did not exist (docs/specs/trust.md §7).
     */
    async related(
      scope: CaseScope,
      c: { id: string; merged_into_id: string | null; linked_case_id: string | null },
    ) {
      const pointed = [c.merged_into_id, c.linked_case_id].filter((v): v is string => v !== null);
      const [targets, pointing] = await Promise.all([
        pointed.length
          ? db
              .selectFrom('case_record as c')
              .select(['c.id', 'c.number'])
              .where('c.id', 'in', pointed)
              .where((eb) => caseInScope(eb, 'c', scope))
              .execute()
          : [],
        db
          .selectFrom('case_record as c')
          .select(['c.id', 'c.number', 'c.merged_into_id'])
          .where((eb) =>
            eb.and([
              caseInScope(eb, 'c', scope),
              eb.or([eb('c.merged_into_id', '=', c.id), eb('c.linked_case_id', '=', c.id)]),
            ]),
          )
          .orderBy('c.created_at')
          .limit(50)
          .execute(),
      ]);
      const number = new Map(targets.map((t) => [t.id, t.number]));
      const reached = (id: string | null) => {
        const n = id === null ? undefined : number.get(id);
        return id !== null && n !== undefined ? { id, number: n } : null;
      };
      return {
        mergedInto: reached(c.merged_into_id),
        linkedCase: reached(c.linked_case_id),
        relatedCases: pointing.map((p) => ({
          id: p.id,
          number: p.number,
          relation: (p.merged_into_id === c.id ? 'merged' : 'linked') as 'merged' | 'linked',
        })),
      };
    },
  };
}
