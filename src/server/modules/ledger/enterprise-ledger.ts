import type { Kysely } from 'kysely';
import { LEDGER_STAGES, ledgerStage } from '../../../shared/cases/ledger.ts';
import type { CaseState } from '../../../shared/cases/workflow.ts';
import type { LedgerFigures, LedgerPage, LedgerQuery } from '../../../shared/domain/ledger.ts';
import { AppError } from '../../../shared/errors/app-error.ts';
import { CASE_COUNTER_KEYS, caseFigures } from '../../../shared/figures/case-figures.ts';
import { emptyCounters } from '../../../shared/figures/counters.ts';
import { cstDayAfter, cstMidnight } from '../../../shared/time/china-time.ts';
import type { DB } from '../../db/schema.ts';
import { CURSOR_KEYS, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { readAssessmentRules } from '../assessment/assessment-rules.ts';
import type { CaseScope } from '../auth/scope.ts';
import { createLedgerRepository, type LedgerFilter } from './ledger.repository.ts';

/**
 * The enterprise ledger of the caller's case scope: a page of enterprise cases by stage, and the
 * figures of the same cohort (docs/specs/workflow.md "Figures": one definition everywhere).
 */
export async function enterpriseLedger(
  db: Kysely<DB>,
  scope: CaseScope,
  query: LedgerQuery,
): Promise<LedgerPage> {
  const repo = createLedgerRepository(db);
  if (query.enterpriseId && !(await repo.enterpriseVisible(scope, query.enterpriseId))) {
    throw new AppError('NOT_FOUND', 'No such enterprise.');
  }
  const filter: LedgerFilter = {
    ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
    ...(query.createdFrom ? { from: cstMidnight(query.createdFrom) } : {}),
    ...(query.createdTo ? { until: cstDayAfter(query.createdTo) } : {}),
  };
  const page = await repo.list(scope, {
    ...filter,
    limit: query.limit,
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.after ? { after: decodeCursor(query.after, CURSOR_KEYS.instant) } : {}),
  });
  const last = page.rows.at(-1);
  return {
    items: page.rows.map((r) => ({
      caseId: r.id,
      number: r.number,
      title: r.title,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      // The list holds only cases with a stage: the repository asks for ledger cases.
      stage:
        ledgerStage({ state: r.state as CaseState, supervised: r.supervised, overdue: r.overdue }) ??
        'entered',
      state: r.state as CaseState,
      createdAt: r.created_at.toISOString(),
      nextDueAt: r.next_due_at?.toISOString() ?? null,
    })),
    next: page.hasMore && last ? encodeCursor(last.created_at.toISOString(), last.id) : null,
    total: page.total,
    figures: await ledgerFigures(db, scope, filter),
  };
}

async function ledgerFigures(db: Kysely<DB>, scope: CaseScope, filter: LedgerFilter): Promise<LedgerFigures> {
  const repo = createLedgerRepository(db);
  const counts = await repo.stateCounts(scope, filter);
  const stages = Object.fromEntries(LEDGER_STAGES.map((s) => [s, 0])) as LedgerFigures['stages'];
  const byState = new Map<string, number>();
  let received = 0;
  for (const row of counts) {
    received += row.count;
    byState.set(row.state, (byState.get(row.state) ?? 0) + row.count);
    const stage = ledgerStage({
      state: row.state as CaseState,
      supervised: row.supervised,
      overdue: row.overdue,
    });
    if (stage) stages[stage] += row.count;
  }
  const n = (state: CaseState) => byState.get(state) ?? 0;
  const ratings = await repo.latestRatingCounts(scope, filter);
  const rated = [...ratings.values()].reduce((a, b) => a + b, 0);
  // The rates as every figure defines them (shared/figures/case-figures.ts), a basically-satisfied
  // rating weighed by the district's rules; the ledger counts every rating (it has no follow-up facts).
  const { basicallySatisfiedWeight } = await readAssessmentRules(db, scope.districtCode);
  const figures = caseFigures(
    {
      ...emptyCounters(CASE_COUNTER_KEYS),
      received,
      closed: n('closed'),
      rejected: n('rejected'),
      merged: n('merged'),
      cancelled: n('cancelled'),
      rated,
      satisfied: ratings.get('satisfied') ?? 0,
      basically_satisfied: ratings.get('basically_satisfied') ?? 0,
    },
    { basicallySatisfiedWeight, ratings: 'all' },
  );
  return {
    stages,
    received,
    closed: figures.closed,
    closureRate: figures.closureRate.value,
    rated,
    satisfactionRate: figures.satisfactionRate.value,
  };
}
