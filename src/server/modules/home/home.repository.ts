import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { type CaseState, TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import type { DB } from '../../db/schema.ts';
import { type CaseScope, caseInScope, inSubtree } from '../auth/scope.ts';
import { dueSoonAt } from '../cases/case-read.repository.ts';

const TERMINAL = [...TERMINAL_STATES];

/** Where the caller is the handling unit (cases/case-views.ts `handlingReach`). */
export interface HandlingUnit {
  departmentIds: string[];
  handlingPaths: string[];
}

/** The home pages' counts that no case list gives (shared/domain/home.ts). */
export function createHomeRepository(db: Kysely<DB>) {
  return {
    /**
     * Open cases in scope by state, with how many are flagged overdue and how many are due soon:
     * the queue view's own counting rules.
     */
    async queueCounts(scope: CaseScope, states: readonly CaseState[], now: Date) {
      return db
        .selectFrom('case_record as c')
        .where((eb) => caseInScope(eb, 'c', scope))
        .where('c.state', 'in', [...states])
        .select((eb) => [
          'c.state',
          eb.fn.countAll<string>().as('n'),
          eb.fn.countAll<string>().filterWhere('c.overdue', '=', true).as('overdue'),
          eb.fn
            .countAll<string>()
            .filterWhere((f) => dueSoonAt(f as Parameters<typeof dueSoonAt>[0], now))
            .as('due_soon'),
        ])
        .groupBy('c.state')
        .execute();
    },

    /** Open whistle tasks of these departments on open cases in scope, and how many are past their report deadline. */
    async reportsDue(scope: CaseScope, departmentIds: string[], now: Date) {
      if (departmentIds.length === 0) return { due: 0, late: 0 };
      const row = await db
        .selectFrom('case_task as t')
        .innerJoin('case_record as c', (j) =>
          j.onRef('c.district_code', '=', 't.district_code').onRef('c.id', '=', 't.case_id'),
        )
        .where('t.district_code', '=', scope.districtCode)
        .where('t.department_id', 'in', departmentIds)
        .where('t.done_at', 'is', null)
        .where('c.state', 'not in', TERMINAL)
        .where((eb) => caseInScope(eb, 'c', scope))
        .select((eb) => [
          eb.fn.countAll<string>().as('due'),
          eb.fn.countAll<string>().filterWhere('t.report_due_at', '<', now).as('late'),
        ])
        .executeTakeFirst();
      return { due: Number(row?.due ?? 0), late: Number(row?.late ?? 0) };
    },

    /**
     * Cases being handled by the caller's unit whose reply the first responder sent back
     * (`send_back`), with no reply since.
     */
    async sentBack(scope: CaseScope, unit: HandlingUnit) {
      const row = await db
        .selectFrom('case_record as c')
        .where((eb) => caseInScope(eb, 'c', scope))
        .where('c.state', '=', 'in_progress')
        .where((eb) => {
          const mine: Expression<SqlBool>[] = unit.handlingPaths.map((p) =>
            inSubtree(eb, 'c.unit_region_path', p),
          );
          if (unit.departmentIds.length > 0) mine.push(eb('c.unit_department_id', 'in', unit.departmentIds));
          return mine.length ? eb.or(mine) : sql<SqlBool>`false`;
        })
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('case_event as e')
              .select('e.id')
              .whereRef('e.district_code', '=', 'c.district_code')
              .whereRef('e.case_id', '=', 'c.id')
              .where('e.action', '=', 'send_back')
              .where((inner) =>
                inner.not(
                  inner.exists(
                    inner
                      .selectFrom('case_event as r')
                      .select('r.id')
                      .whereRef('r.district_code', '=', 'e.district_code')
                      .whereRef('r.case_id', '=', 'e.case_id')
                      .where('r.action', '=', 'reply')
                      .whereRef('r.seq', '>', 'e.seq'),
                  ),
                ),
              ),
          ),
        )
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
